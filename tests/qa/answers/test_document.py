"""The document as indexed (qa.answers.document via Engine.document): what the document view shows."""

from qa.answers.document import body_of, document_from_clauses, year_of


def test_the_default_resolution_whole_and_in_order(default_engine):
    doc = default_engine.document("A/RES/64/12")
    assert doc.title.startswith("Support by the United Nations system")
    assert doc.body == "General Assembly" and doc.adopted == "2009-11-09" and doc.year == 2009
    assert doc.record.unit == "meta" and "41st plenary meeting" in doc.record.text
    units = [c.unit for c in doc.clauses]
    # preamble, operative part, then the footnotes: as printed, every clause once
    assert units[:2] == ["pp1", "pp2"] and units.index("op1") == units.index("pp12") + 1
    assert [c.kind for c in doc.clauses][-9:] == ["footnote"] * 9 and len(set(units)) == len(units)
    assert len(units) + 1 == default_engine.documents[0]["passages"]  # + the record
    assert doc.clause("op10").text.startswith("Welcomes the decision of the Government of the Bolivarian Republic")
    assert doc.clause("op10").short_label == "operative paragraph 10"


def test_footnotes_are_linked_both_ways(default_engine):
    doc = default_engine.document("A/RES/64/12")
    assert [f.unit for f in doc.clause("pp2").footnotes] == ["fn1", "fn2"]
    assert [c.unit for c in doc.clause("fn8").cited_by] == ["pp3", "op3"]
    assert doc.clause("fn8").cited_by[0].label == "A/RES/64/12, preambular paragraph 3"


def test_neighbours_walk_the_text_and_the_footnotes_separately(default_engine):
    doc = default_engine.document("A/RES/64/12")
    assert doc.neighbour("op10", 1).unit == "op11"
    assert doc.neighbour("op1", -1).unit == "pp12"  # the last preambular paragraph
    assert doc.neighbour("op13", 1) is None  # the last paragraph: no footnote is "the next paragraph"
    assert doc.neighbour("fn1", 1).unit == "fn2"
    assert doc.neighbour("meta", 1).unit == "pp1"


def test_an_answer_of_named_clauses_cites_them_verbatim(default_engine):
    doc = default_engine.document("A/RES/64/12")
    answer = doc.answer("What does the next paragraph say?", ["op11"])
    assert answer.answered and [c.unit for c in answer.citations] == ["op11"]
    assert answer.citations[0].text == doc.clause("op11").text
    assert answer.citations[0].label == "A/RES/64/12, operative paragraph 11"
    assert not doc.answer("q", ["op99"]).answered


def test_unknown_symbol_is_none(default_engine):
    assert default_engine.document("A/RES/1/1") is None


def test_references_both_ways_from_the_citation_graph(sc_engine):
    assert sc_engine.document("S/RES/662 (1990)").refers_to == ("S/RES/661 (1990)",)
    cited = sc_engine.document("S/RES/661 (1990)")
    assert "S/RES/662 (1990)" in cited.referred_by and cited.refers_to == ()  # 660 is not indexed


def test_annex_headings_and_sub_paragraphs_are_kept():
    metas = [
        {"unit": "meta", "kind": "meta", "label": "A/RES/1/2, title and adoption record", "text": "T. Adopted."},
        {"unit": "op1", "kind": "operative", "label": "A/RES/1/2, operative paragraph 1", "number": "1",
         "text": "Decides:"},
        {"unit": "op1(a)", "kind": "operative", "label": "A/RES/1/2, operative paragraph 1 (a)", "number": "1(a)",
         "text": "(a) to act;", "parent": "op1"},
        {"unit": "fn1", "kind": "footnote", "label": "A/RES/1/2, footnote 1", "number": "1", "text": "A/1/1."},
        {"unit": "annex.1", "kind": "annex", "label": "A/RES/1/2, annex paragraph 1", "number": "1",
         "text": "Text.", "heading": "I. Principles"},
    ]
    doc = document_from_clauses({"symbol": "A/RES/1/2", "title": "T"}, metas)
    assert [c.unit for c in doc.clauses] == ["op1", "op1(a)", "annex.1", "fn1"]  # footnotes after the annex
    assert doc.clause("op1(a)").parent == "op1" and doc.clause("annex.1").heading == "I. Principles"
    assert doc.body == "General Assembly"  # read from the symbol when the text does not say


def test_body_and_year_from_the_symbol_when_the_text_is_silent():
    assert body_of("S/RES/661 (1990)") == "Security Council" and body_of("A/HRC/RES/25/6") == "Human Rights Council"
    assert body_of("A/RES/64/12", "GA") == "General Assembly"
    assert body_of("S/RES/885 (1993)", "Security") == "Security Council"  # a body cut short in the text
    assert body_of("X/1", "Trusteeship Council") == "Trusteeship Council"
    assert year_of("S/RES/661 (1990)") == 1990 and year_of("A/RES/64/12", "2009-11-09") == 2009
    assert year_of("A/RES/64/12") is None
