"""Resolutions written for these tests, in layouts and shapes the shared corpus does not have:
the parser must follow how resolutions are written, not the quirks of known files."""

from qa.model import ClauseKind
from qa.parsing import parse_text

SHORT_PARAGRAPH_PER_LINE = """Resolution adopted by the General Assembly on 3 March 2030
[on the report of the Third Committee (A/99/400)]
99/1. Protection of migrants
The General Assembly,
Guided by the Charter of the United Nations,1
Deeply concerned about the situation of migrants in transit,
1. Calls upon all States:
(a) To protect the human rights of migrants;2
(b) To cooperate with countries of origin;
2. Decides to remain seized of the matter.
75th plenary meeting
3 March 2030
1 See resolution 217 A (III).
2 A/99/123.
"""


def test_short_lines_are_not_taken_for_a_hard_wrapped_layout():
    res = parse_text(SHORT_PARAGRAPH_PER_LINE, source="A_RES_99_1.txt")
    assert res.symbol == "A/RES/99/1"
    pre = res.of_kind(ClauseKind.PREAMBULAR)
    assert [c.text for c in pre] == [
        "Guided by the Charter of the United Nations,",
        "Deeply concerned about the situation of migrants in transit,",
    ]
    assert res.clause("pp1").footnotes == ("fn1",)
    assert res.clause("op1(a)").text == "To protect the human rights of migrants;"
    assert res.clause("op1(a)").footnotes == ("fn2",)
    assert res.clause("op1(a)").parent == "op1"
    assert res.clause("fn2").cited_by == ("op1(a)",)
    assert res.metadata["adopted"] == "2030-03-03"
    assert res.metadata["plenary_meeting"] == 75
    assert res.metadata["committee"] == "Third Committee"


WRAPPED_WITH_TWO_ANNEXES = """United Nations
A/RES/98/5
General Assembly
Distr.: General
2 May 2029
Ninety-eighth session
Agenda item 7
Resolution adopted by the General Assembly
on 30 April 2029
[without reference to a Main Committee (A/98/L.9)]
98/5. Cooperation between the United Nations and regional
organizations
The General Assembly,
Recognizing the contribution of regional organizations to the maintenance of
international peace and security,
1.
Adopts the principles contained in annex I and the work plan contained in
annex II to the present resolution;
2.
Requests the Secretary-General to report on the implementation of the present
resolution at its ninety-ninth session.
52nd plenary meeting
30 April 2029
Annex I
Principles
1.
Cooperation shall respect the purposes and principles of the Charter of the
United Nations.
2.
Cooperation shall be based on the comparative advantages of each organization.
Annex II
Work plan
1.
Annual meetings shall be held between the secretariats.
"""


def test_several_annexes_restart_numbering_with_distinct_ids():
    res = parse_text(WRAPPED_WITH_TWO_ANNEXES, source="upload.txt")
    assert res.symbol == "A/RES/98/5"
    assert [c.id for c in res.of_kind(ClauseKind.OPERATIVE)] == ["op1", "op2"]
    assert res.clause("op1").text == (
        "Adopts the principles contained in annex I and the work plan contained in annex II to the "
        "present resolution;"
    )
    annex = [c.id for c in res.of_kind(ClauseKind.ANNEX)]
    assert annex == ["annexI.1", "annexI.2", "annexII.1"]
    assert res.clause("annexII.1").text == "Annual meetings shall be held between the secretariats."
    assert res.metadata["plenary_meeting"] == 52
    assert res.metadata["agenda_item"] == "7"
