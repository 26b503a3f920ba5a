"""Footnotes as the layouts print them: a note's second line in capitals in a hard-wrapped document
body, and yearbook markers whose footnote texts are not printed with the resolution (the
yearbook's numbering runs through the volume)."""

from __future__ import annotations

from pathlib import Path

from qa.model import ClauseKind, Resolution
from qa.parsing import load_resolution, parse_text

COLLECTION = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "collection"


def ops(res: Resolution) -> list:
    return [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]


# A Security Council document body of 1994: hard-wrapped at 80 columns, "1/" notes after the last
# paragraph, the third over two lines, its second line opening with a capital.
DOCUMENT_BODY_NOTES = """RESOLUTION 2001 (1994)

Adopted by the Security Council at its 3400th meeting,
on 30 January 1994

The Security Council,

Recalling its resolution 1999 (1994),

Having studied the report of the Secretary-General of 20 January 1994, 1/

1. Decides to extend the present mandate of the Force for a further period of
six months;

2. Re-emphasizes the terms of reference of the Force as stated in the report of
19 March 1978, 2/ and calls upon all parties concerned to cooperate fully;

3. Requests the Secretary-General to report to the Security Council
thereon.

1/ S/1994/62.
2/ Official Records of the Security Council, Thirty-third Year,
Supplement for January, February and March 1978, document S/12611.
"""


def test_a_notes_second_line_in_capitals_stays_in_the_note() -> None:
    res = parse_text(DOCUMENT_BODY_NOTES, source="upload.txt")
    assert ops(res)[-1].text == "Requests the Secretary-General to report to the Security Council thereon."
    assert res.clause("fn2").text == ("Official Records of the Security Council, Thirty-third Year, Supplement for "
                                      "January, February and March 1978, document S/12611.")
    assert res.clause("fn2").cited_by == ("op2",)


def test_s_res_895_its_last_paragraph_ends_where_the_notes_begin() -> None:
    res = load_resolution(COLLECTION / "security-council/S_RES_895_1994.txt")
    assert ops(res)[-1].text.endswith("to report to the Security Council thereon.")
    assert res.clause("fn3").text.endswith("Supplement for January, February and March 1978, document S/12611.")
