"""Matter printed with a resolution that is not part of it: in a yearbook, the decisions and a
presidential statement printed before its heading, and after its adoption footer the "Decisions"
block, a President's note and the next resolution's heading. None of it becomes a clause, and the
notes it cites are not the resolution's."""

from __future__ import annotations

from pathlib import Path

from qa.model import ClauseKind, Resolution
from qa.parsing import load_resolution, parse_text

COLLECTION = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "collection"


def ops(res: Resolution) -> list:
    return [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]


# A yearbook page: the Council's decision to invite, the President's statement (quoted paragraphs that
# open like a resolution's: "Recalling ...", "Requests ..."), then the resolution and the page's notes.
STATEMENT_BEFORE = """At its 2340th meeting, on 20 April 1982, the Council
decided to invite the representatives of Argentina and
Brazil to participate, without vote, in the discussion
of the item entitled "The situation in the Falkland
Islands (Islas Malvinas)".

At the 2341st meeting, on 21 April 1982, the President
made the following statement on behalf of the Council: 58

"The Security Council expresses its deep concern at
the situation in the region.

"Recalling its statement of 1 April 1982, the Council
calls upon the parties to refrain from the use of force.

"Requests the Secretary-General to keep the Council
informed."

Resolution 502 (1982)
of 3 April 1982

The Security Council,

Recalling the statement made by the President of the
Security Council at the 2345th meeting on 1 April 1982, 59

Deeply disturbed at reports of an invasion on 2 April 1982
by armed forces of Argentina,

1. Demands an immediate cessation of hostilities;

2. Calls on the Government of Argentina and the Government
of the United Kingdom to seek a diplomatic solution.

Adopted at the 2350th meeting by 10 votes to 1 (Panama),
with 4 abstentions (China, Poland, Spain, Union of Soviet
Socialist Republics).

58 S/14944.
59 Ibid., document S/14944.
"""

# After the footer: the "Decisions" of the following meetings (a sentence that wraps onto a line
# opening with a date), a President's note, the page's note of this resolution, then the next
# resolution's heading and its note.
DECISIONS_AFTER = """Resolution 471 (1980)
of 5 June 1980

The Security Council,

Recalling once again the Geneva Convention of 12 August 1949, 22

1. Condemns the assassination attempts against the Mayors;

2. Requests the Secretary-General to report on the
implementation of the present resolution. 26

Adopted at the 2226th meeting
by 14 votes to none, with 1
abstention (United States of
America).

Decisions

In a note dated 16 June 1980,*' the President of the
Council stated that, following informal consultations
held on
17 June 1980, the Council decided to maintain the
composition of the Commission.

At its 2232nd meeting, on 17 June 1980, the Council
decided to invite the representatives of Ireland, Israel,
Lebanon and the Netherlands to participate, without
vote, in the discussion of the item.25

26 Official Records of the Security Council, Thirty-fifth Year,
Supplement for April, May and June 1980, document S/13938.

Resolution 474 (1980)
of 17 June 1980


27 Official Records of the Security Council, Thirty-fifth Year,
Supplement for April, May and June 1980, document S/13994.
"""


def test_a_statement_and_decisions_before_the_heading_are_left_out_with_their_notes() -> None:
    res = parse_text(STATEMENT_BEFORE, source="upload.txt")
    assert res.symbol == "S/RES/502 (1982)"
    assert [c.id for c in res.clauses] == ["meta", "pp1", "pp2", "op1", "op2", "fn59"]
    assert ops(res)[0].text == "Demands an immediate cessation of hostilities;"
    assert not any("deep concern" in c.text or "Islas Malvinas" in c.text or "calls upon the parties" in c.text
                   for c in res.clauses)
    assert res.metadata["adopted"] == "1982-04-03" and res.metadata["meeting"] == 2350
    assert any("before the resolution's heading (from line 1)" in w for w in res.warnings)
    assert any("footnote 58 is cited only by the text before the resolution's heading" in w for w in res.warnings)


def test_decisions_a_note_and_the_next_heading_after_the_footer_are_no_part_of_it() -> None:
    res = parse_text(DECISIONS_AFTER, source="upload.txt")
    assert [c.id for c in res.clauses] == ["meta", "pp1", "op1", "op2", "fn26"]
    assert ops(res)[-1].text == "Requests the Secretary-General to report on the implementation of the present resolution."
    assert res.clause("op2").footnotes == ("fn26",)
    assert res.clause("fn26").text.endswith("document S/13938.")
    assert not any("decided to" in c.text for c in res.clauses)
    assert res.metadata["meeting"] == 2226 and res.metadata["votes_in_favour"] == 14


def test_s_res_471_and_875_end_at_their_footers() -> None:
    s471 = load_resolution(COLLECTION / "security-council/S_RES_471_1980.txt")
    assert [c.kind for c in s471.clauses].count(ClauseKind.FOOTNOTE) == 0
    assert len(ops(s471)) == 7 and ops(s471)[-1].text.startswith("Requests the Secretary-General to report")
    s875 = load_resolution(COLLECTION / "security-council/S_RES_875_1993.txt")
    assert ops(s875)[-1].text == "Decides to remain actively seized of the matter."
    assert [c.id for c in s875.of_kind(ClauseKind.FOOTNOTE)] == ["fn27"]
    assert not any("Decisions" in c.text for c in s471.clauses + s875.clauses if c.kind != ClauseKind.META)
