"""Lists under an operative chapeau ending with a colon that the text prints without "(a)" letters:
clauses lettered "A." to "G." (old texts adopting "the following resolution"), and entries such as
names, one a line. Each is an item of the paragraph, cited by what it prints (its capital letter)
or by its place; the paragraph's own text ends at its colon."""

from __future__ import annotations

from qa.model import ClauseKind, Resolution
from qa.parsing import parse_text


def ops(res: Resolution) -> list:
    return [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]


def items(res: Resolution, parent: str) -> list:
    return [c for c in res.clauses if c.parent == parent]


# a yearbook text, hard-wrapped: the names of a list one a line, some parted by blank lines, some not
CANDIDATES = """Resolution 1857 (2033)
of 20 August 2033

The Security Council,

Having decided to consider the nominations for Judges of the
International Tribunal received by the Secretary-General before 16
August 2033,
Establishes the following list of candidates in accordance with article
13 of the statute of the International Tribunal:

Mr. Georges Michel ABI-SAAB (Egypt)

Mr. Julio A. BARBERIS (Argentina)
Ms. Gabrielle Kirk McDONALD (United States of America)
Mr. Amadou N'DIAYE (Mali)

Sir Ninian STEPHEN (Australia)

Adopted unanimously at the 9265th meeting.
"""


def test_names_under_a_chapeau_are_its_items_one_a_line_cited_by_place() -> None:
    res = parse_text(CANDIDATES, source="upload.txt")
    assert [c.id for c in ops(res)] == ["opu1"]
    assert res.clause("opu1").text == ("Establishes the following list of candidates in accordance with article 13 "
                                       "of the statute of the International Tribunal:")
    names = items(res, "opu1")
    assert [c.text for c in names] == ["Mr. Georges Michel ABI-SAAB (Egypt)", "Mr. Julio A. BARBERIS (Argentina)",
                                       "Ms. Gabrielle Kirk McDONALD (United States of America)",
                                       "Mr. Amadou N'DIAYE (Mali)", "Sir Ninian STEPHEN (Australia)"]
    assert names[2].label == ("S/RES/1857 (2033), operative paragraph (unnumbered, 1st of 1), "
                              "sub-paragraph (unlettered, 3rd of 5)")
    assert all(c.number is None for c in names)
    assert res.metadata["meeting"] == 9265


def test_a_sentence_after_a_colon_is_no_entry_of_a_list() -> None:
    # "as follows:" then a sentence wrapped over lines, then its own lettered list: the sentence stays
    # the paragraph's text and the letters hang under the paragraph
    text = ("102 (2053). Resolution of 3 December 2053\n\nThe Security Council\n"
            "Recommends that the General Assembly determine the conditions on\nwhich Japan may become a "
            "party to the Statute, as follows:\n\n"
            "Japan will become a party to the Statute on the\ndate of the deposit of an instrument, "
            "containing:\n\n(a) Acceptance of the provisions of the Statute;\n"
            "(b) An undertaking to contribute to the expenses of the Court.\n\n"
            "Adopted at the 645th meeting by 10 votes to none, with 1 abstention (France).\n")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["opu1"]
    assert res.clause("opu1").text.endswith("as follows: Japan will become a party to the Statute on the date of "
                                            "the deposit of an instrument, containing:")
    assert [c.id for c in items(res, "opu1")] == ["opu1(a)", "opu1(b)"]


CLAUSES_A_TO_C = """39 (2048). Resolution of 20 January 2048

The Security Council,

Considering that an investigation is a matter of
urgency,

Adopts the following resolution :

A. A Commission of the Security Council is hereby
established, composed of representatives of three Members.

B. The Commission shall proceed to the spot as
quickly as possible. It shall report to the Council.

C. The Commission shall perform the functions
described in clause B: (1) in regard to the situation
in the region; and (2) in regard to other situations.

Adopted at the 230th meeting by 9 votes to none,
with 2 abstentions (France, Mexico).
"""


def test_clauses_lettered_a_to_c_under_adopts_the_following_are_its_sub_paragraphs() -> None:
    res = parse_text(CLAUSES_A_TO_C, source="upload.txt")
    assert [c.id for c in ops(res)] == ["opu1"]
    assert res.clause("opu1").text == "Adopts the following resolution :"
    clauses = items(res, "opu1")
    assert [c.id for c in clauses] == ["opu1(A)", "opu1(B)", "opu1(C)"]
    assert clauses[0].text == ("A Commission of the Security Council is hereby established, composed of "
                               "representatives of three Members.")
    assert clauses[2].text.endswith("(1) in regard to the situation in the region; and (2) in regard to other "
                                    "situations.")  # inline numbers stay in their clause
    assert clauses[1].label == "S/RES/39 (2048), operative paragraph (unnumbered, 1st of 1), sub-paragraph (B)"
    assert [c.id for c in res.of_kind(ClauseKind.PREAMBULAR)] == ["pp1"]


def test_capitals_out_of_their_sequence_are_no_clauses() -> None:
    # "B." with no "A." before it is text of the paragraph, not a clause lettered B
    res = parse_text(CLAUSES_A_TO_C.replace("A. A Commission", "A Commission"), source="upload.txt")
    assert not [c for c in items(res, "opu1") if c.id.endswith(("(B)", "(C)"))]
