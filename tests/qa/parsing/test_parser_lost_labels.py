"""Sub-paragraphs whose printed letters an extraction lost, and old texts whose top-level paragraphs
are lettered: each paragraph is cited by what the text prints, never by an invented letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.model import ClauseKind, Resolution
from qa.parsing import load_resolution, parse_text

COLLECTION = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "collection"


def ops(res: Resolution) -> list:
    return [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]


# A GA resolution as the semi-cleaned extraction gives it: one paragraph per line, blank lines
# between, the letters (a)-(c) of op2's list dropped by the PDF's text layer.
LETTERS_DROPPED = """Resolution adopted by the General Assembly on 3 November 2030

[without reference to a Main Committee (A/85/L.9)]

85/11. Review of the peacebuilding architecture

The General Assembly,

Recalling its resolution 70/262 of 27 April 2016,

1. Reaffirms the mandate of the Peacebuilding Commission;

2. Recognizes the importance of the advisory role of the Commission, and in this regard:

Decides to consider seeking the advice of the Commission through its relevant agenda items;

May consider diverse formats of engagement, including briefings and written submissions;

Requests the Commission to gather contributions from a broad range of stakeholders;

3. Encourages cooperation between the Commission and the Economic and Social Council;

4. Decides to remain seized of the matter.

30th plenary meeting
3 November 2030
"""


def test_paragraphs_under_a_numbered_chapeau_are_its_sub_paragraphs_without_invented_letters() -> None:
    res = parse_text(LETTERS_DROPPED, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3", "op4"]
    assert res.clause("op2").text == ("Recognizes the importance of the advisory role of the Commission, "
                                      "and in this regard:")
    subs = [c for c in res.clauses if c.parent == "op2"]
    assert [c.id for c in subs] == ["op2(u1)", "op2(u2)", "op2(u3)"]
    assert [c.text.split()[0] for c in subs] == ["Decides", "May", "Requests"]
    assert all(c.number is None and c.kind == ClauseKind.OPERATIVE for c in subs)
    assert subs[2].label == "A/RES/85/11, operative paragraph 2, sub-paragraph (unlettered, 3rd of 3)"
    assert not any("(c)" in c.label or "no number among numbered" in w for c in subs for w in res.warnings)


def test_a_list_that_kept_some_letters_cites_those_by_letter_and_the_others_by_place() -> None:
    # "(c)" printed after two items whose letters were lost: the printed letter is its item's, and
    # each of the others is cited by its place among all the list's items (1st and 2nd of 3 are
    # what (a) and (b) were), so the paragraph's chapeau ends at its colon
    text = LETTERS_DROPPED.replace("Requests the Commission", "(c) Requests the Commission")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3", "op4"]
    assert res.clause("op2").text.endswith("in this regard:")
    assert [c.id for c in res.clauses if c.parent == "op2"] == ["op2(u1)", "op2(u2)", "op2(c)"]
    assert res.clause("op2(u2)").label == "A/RES/85/11, operative paragraph 2, sub-paragraph (unlettered, 2nd of 3)"
    assert res.clause("op2(c)").text == "Requests the Commission to gather contributions from a broad range of stakeholders;"


# op2's list: its second item opens a list of its own ("... by:"), whose first numeral was lost and
# second kept; two more items lost their letters before a printed "(e)", and one after "(f)"
NESTED = LETTERS_DROPPED.replace("""Decides to consider seeking the advice of the Commission through its relevant agenda items;

May consider diverse formats of engagement, including briefings and written submissions;

Requests the Commission to gather contributions from a broad range of stakeholders;
""", """Requesting the Commission to establish an annual programme of work;

Requesting the Commission to support Member States by:

Assisting Member States in building their national capacities;

(ii) Inviting international financial institutions to engage in discussions;

Taking note of the decision of the Security Council to refer countries;

Requesting the Commission to strengthen its impact through follow-up;

(e) Requesting the Commission to continue serving as a platform;

(f) Requesting the Commission to continue reviewing its working methods;

Requesting the Department of Global Communications to support the Commission;
""")


def test_a_nested_list_ends_where_the_outer_lists_printed_letter_says() -> None:
    res = parse_text(NESTED, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3", "op4"]
    assert res.clause("op2").text.endswith("in this regard:")
    outer = [c for c in res.clauses if c.parent == "op2"]
    # "(e)" is the fifth item: "Taking note" and the "Requesting" after it are the outer list's 3rd and 4th
    assert [c.id for c in outer] == ["op2(u1)", "op2(u2)", "op2(u3)", "op2(u4)", "op2(e)", "op2(f)", "op2(u7)"]
    assert [c.text.split()[0] for c in outer] == ["Requesting", "Requesting", "Taking", "Requesting", "Requesting",
                                                  "Requesting", "Requesting"]
    nested = [c for c in res.clauses if c.parent == "op2(u2)"]
    assert [c.id for c in nested] == ["op2(u2)(u1)", "op2(u2)(ii)"]
    assert nested[0].label == ("A/RES/85/11, operative paragraph 2, sub-paragraph (unlettered, 2nd of 7), "
                               "sub-paragraph (unlettered, 1st of 2)")
    assert nested[1].label == ("A/RES/85/11, operative paragraph 2, sub-paragraph (unlettered, 2nd of 7), "
                               "sub-paragraph (ii)")


def test_a_full_stop_closes_the_unlettered_list() -> None:
    text = LETTERS_DROPPED.replace("written submissions;", "written submissions.")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in res.clauses if c.parent == "op2"] == ["op2(u1)", "op2(u2)"]
    assert "opu1" in [c.id for c in ops(res)]  # "Requests ..." after the list stands on its own, unnumbered


@pytest.mark.parametrize("name", ["general-assembly/A_RES_80_11.txt", "markdown/A_RES_80_11.md"])
def test_a_res_80_11_op2_keeps_its_four_sub_paragraphs(name: str) -> None:
    res = load_resolution(COLLECTION / name)
    assert [c.number for c in ops(res)] == [str(n) for n in range(1, len(ops(res)) + 1)]
    subs = [c for c in res.clauses if c.parent == "op2"]
    assert [c.text.split()[0] for c in subs] == ["Decides,", "May", "Requests", "Takes"]
    assert subs[3].label == "A/RES/80/11, operative paragraph 2, sub-paragraph (unlettered, 4th of 4)"
    # op1's list kept some of its letters ("(e) Requesting") and lost others: each printed letter is
    # its item's, the others are cited by place; the nested list under its 2nd item ends before "(e)"
    assert res.clause("op1").text.endswith("also reaffirms the need to strengthen its fulfilment by:")
    assert [c.id for c in res.clauses if c.parent == "op1"] == [
        "op1(u1)", "op1(u2)", "op1(u3)", "op1(u4)", "op1(e)", "op1(f)", "op1(g)", "op1(h)", "op1(u9)"]
    assert [c.id for c in res.clauses if c.parent == "op1(u2)"] == ["op1(u2)(u1)", "op1(u2)(ii)"]


# A yearbook text of 1947 whose operative paragraphs are lettered at the top level, with no number
# above them: the letters are the paragraphs' numbers.
TOP_LEVEL_LETTERS = """40 (1948). Resolution of 10 March 1948
[S/600]

The Security Council,

Having considered the reports of the Commission,

(a) Resolves that the question be taken off the list of
matters of which the Council is seized ; and

(b) Requests that the Secretary-General be instructed to
place all records at the disposal of the General Assembly:

(i) the records of the Commission;

(ii) the reports of its subsidiary bodies.

Adopted at the 250th meeting by 9 votes to 2 (Poland,
Union of Soviet Socialist Republics).
"""


def test_top_level_lettered_paragraphs_are_cited_by_their_printed_letter() -> None:
    res = parse_text(TOP_LEVEL_LETTERS, source="upload.txt")
    assert [(c.id, c.number) for c in ops(res)] == [("op(a)", "(a)"), ("op(b)", "(b)")]
    assert res.clause("op(a)").text == ("Resolves that the question be taken off the list of matters of which the "
                                        "Council is seized ; and")
    assert res.clause("op(a)").label == "S/RES/40 (1948), operative paragraph (a)"
    assert res.clause("op(b)").text.startswith("Requests that the Secretary-General")
    assert [c.id for c in res.clauses if c.parent == "op(b)"] == ["op(b)(i)", "op(b)(ii)"]
    assert [c.text for c in res.of_kind(ClauseKind.PREAMBULAR)] == ["Having considered the reports of the Commission,"]
    without_preamble = parse_text(TOP_LEVEL_LETTERS.replace("Having considered the reports of the Commission,\n\n", ""),
                                  source="upload.txt")
    assert [c.id for c in ops(without_preamble)] == ["op(a)", "op(b)"]


def test_letters_under_a_chapeau_stay_its_sub_paragraphs() -> None:
    text = TOP_LEVEL_LETTERS.replace("Having considered the reports of the Commission,",
                                     "Having considered the reports of the Commission,\n\nDecides:")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["opu1"]
    assert [c.id for c in res.clauses if c.parent == "opu1"] == ["opu1(a)", "opu1(b)"]


def test_s_res_34_its_lettered_paragraphs() -> None:
    res = load_resolution(COLLECTION / "security-council/S_RES_34_1947.txt")
    assert [c.id for c in ops(res)] == ["op(a)", "op(b)"]
    assert res.clause("op(b)").text.startswith("Requests that the Secretary-General be instructed")
