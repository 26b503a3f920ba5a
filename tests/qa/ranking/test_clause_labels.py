"""Clause evidence read at load (qa.ranking.clauses): labels by position and opening verbs."""

from types import SimpleNamespace

from qa.question.analysis import analyze
from qa.ranking.clauses import ClauseTable, opening_verbs


def _passage(doc, unit, kind, number, text):
    meta = {"unit": unit, "kind": kind, "number": number, "text": text}
    return SimpleNamespace(doc=doc, id=f"{doc}#{unit}", text=text, meta=meta)


PASSAGES = [
    _passage("S/RES/1 (1950)", "pp1", "preambular", "1", "Noting the report,"),
    _passage("S/RES/1 (1950)", "opu1", "operative", None, "Calls upon the parties to cease fire;"),
    _passage("S/RES/1 (1950)", "opu1(a)", "operative", None, "to withdraw their forces;"),
    _passage("S/RES/1 (1950)", "opu2", "operative", None, "Decides to send a mission to the area."),
    _passage("S/RES/2 (1951)", "op(a)", "operative", "(a)", "Requests the Secretary-General to report;"),
    _passage("S/RES/2 (1951)", "op(b)", "operative", "(b)", "Decides to remain seized of the matter."),
    _passage("S/RES/3 (1952)", "op1", "operative", "1", "Strongly condemns the attack;"),
    _passage("S/RES/3 (1952)", "op2", "operative", "2", "Demands the withdrawal."),
]


def _table() -> ClauseTable:
    docs = {"S/RES/1 (1950)": 0, "S/RES/2 (1951)": 1, "S/RES/3 (1952)": 2}
    return ClauseTable(PASSAGES, docs, {d: (None, None) for d in docs})


def _units(table, question):
    return sorted(PASSAGES[int(table.position[c])].id for c in table.named_by_label(analyze(question)).tolist())


def test_unnumbered_and_lettered_paragraphs_are_named_by_position():
    table = _table()
    first = _units(table, "the first operative paragraph")
    assert "S/RES/1 (1950)#opu1" in first and "S/RES/2 (1951)#op(a)" in first and "S/RES/3 (1952)#op1" in first
    assert "S/RES/1 (1950)#opu2" in _units(table, "the second operative paragraph")
    assert _units(table, "operative paragraph 1 (a)") == ["S/RES/1 (1950)#opu1(a)"]


def test_the_last_paragraph_of_each_document():
    assert _units(_table(), "the last operative paragraph") == [
        "S/RES/1 (1950)#opu2", "S/RES/2 (1951)#op(b)", "S/RES/3 (1952)#op2"]
    assert _units(_table(), "the last preambular paragraph") == ["S/RES/1 (1950)#pp1"]


def test_the_verb_a_paragraph_opens_with():
    assert opening_verbs("Strongly condemns the attack;") == ["condemn"]
    assert opening_verbs("Decides to send a special mission") == ["decid", "send"]
    assert opening_verbs("Also further urges all States") == ["urg"]
    assert opening_verbs("") == []
