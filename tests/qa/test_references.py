"""References between resolutions, as delegates read them: every form of citation, lists, and the
graph an index builds from them."""

from __future__ import annotations

import pytest

from qa.references import CitationGraph, ReferenceResolver, find_references, reference_keys


def cited(text: str, body: str | None = None) -> list[tuple[str, str]]:
    return [(text[r.start:r.end], r.key) for r in find_references(text, body)]


def test_security_council_numbers_with_their_years():
    assert cited("Recalling its resolution 661 (1990) of 6 August 1990,", "Security Council") == [
        ("resolution 661 (1990)", "S/RES/661 (1990)")]


def test_a_list_gives_each_resolution_its_own_link():
    text = "Recalling its resolutions 1325 (2000), 1820 (2008) and 1888 (2009),"
    assert cited(text, "SC") == [("resolutions 1325 (2000)", "S/RES/1325 (2000)"),
                                 ("1820 (2008)", "S/RES/1820 (2008)"), ("1888 (2009)", "S/RES/1888 (2009)")]


def test_lists_with_dates_between_the_items():
    text = "its resolutions 186 (1964) of 4 March, 187 (1964) of 13 March 1964 and 192 (1964)"
    assert [k for _, k in cited(text, "SC")] == ["S/RES/186 (1964)", "S/RES/187 (1964)", "S/RES/192 (1964)"]


def test_a_footnote_number_after_a_list_is_not_a_resolution():
    text = "pursuant to paragraph 26 of resolution 687 (1991), 85 and its resolutions 660 (1990) and 661"
    assert [k for _, k in cited(text, "SC")] == ["S/RES/687 (1991)", "S/RES/660 (1990)"]


def test_session_style_numbers_are_general_assembly_resolutions():
    text = "Recalling its resolution 49/30 of 7 December 1994 and resolution 62/7,"
    assert cited(text, "General Assembly") == [("resolution 49/30", "A/RES/49/30"), ("resolution 62/7", "A/RES/62/7")]
    # a Security Council text citing the Assembly: the form says which body
    assert [k for _, k in cited("General Assembly resolution 62/7", "SC")] == ["A/RES/62/7"]


def test_the_body_named_decides_where_the_form_leaves_a_choice():
    assert [k for _, k in cited("Human Rights Council resolution 25/6", "GA")] == ["A/HRC/RES/25/6"]
    assert [k for _, k in cited("Recalling Council resolution 7/29 and its resolution 19/37", "HRC")] == [
        "A/HRC/RES/7/29", "A/HRC/RES/19/37"]
    assert [k for _, k in cited("General Assembly resolution 1514 (XV)", "SC")] == ["A/RES/1514 (XV)"]
    assert [k for _, k in cited("Economic and Social Council resolution 1996/31", "GA")] == ["E/RES/1996/31"]
    assert [k for _, k in cited("Security Council resolution 338 (1973)", "GA")] == ["S/RES/338 (1973)"]


def test_a_number_without_its_year_keeps_the_number():
    refs = find_references("the implementation of resolution 242 in all its parts", "SC")
    assert [(r.number, r.symbol, r.key) for r in refs] == [("242", None, "S/RES/242")]


def test_symbols_written_out_are_references():
    assert [k for _, k in cited("as set out in S/RES/687 (1991) and A/RES/64/12")] == [
        "S/RES/687 (1991)", "A/RES/64/12"]


@pytest.mark.parametrize("text", [
    "Decides to consider the matter further at paragraph 5.",
    "the draft resolution (S/3546) was adopted",
    "in paragraph 3 of the present resolution,",
    "adopted by 10 votes to none",
])
def test_text_that_cites_no_resolution(text):
    assert find_references(text, "SC") == []


def test_reference_keys_are_distinct_in_first_cited_order_without_the_document_itself():
    texts = ["Recalling resolution 338 (1973) and resolution 242 (1967),",
             "Reaffirming resolution 242 (1967) and the present resolution 350 (1974)"]
    assert reference_keys(texts, "SC", own_symbol="S/RES/350 (1974)") == ["S/RES/338 (1973)", "S/RES/242 (1967)"]


def test_resolver_ignores_spaces_and_resolves_a_bare_number_only_when_unambiguous():
    resolver = ReferenceResolver(["S/RES/242 (1967)", "A/RES/62/7", "S/RES/338 (1973)"])
    assert resolver.resolve("S/RES/242(1967)") == "S/RES/242 (1967)"
    assert resolver.resolve("S/RES/242") == "S/RES/242 (1967)"
    assert resolver.resolve("a/res/62/7") == "A/RES/62/7"
    assert resolver.resolve("S/RES/999 (1995)") is None
    assert ReferenceResolver(["S/RES/1 (1946)", "S/RES/1 (2099)"]).resolve("S/RES/1") is None


def test_the_graph_links_indexed_documents_both_ways():
    graph = CitationGraph({
        "S/RES/661 (1990)": ["S/RES/660 (1990)"],
        "S/RES/700 (1991)": ["S/RES/661 (1990)", "S/RES/687 (1991)", "S/RES/999 (2001)"],
        "S/RES/687 (1991)": ["S/RES/661 (1990)", "S/RES/687 (1991)"],
    })
    assert graph.cites("S/RES/700 (1991)") == ("S/RES/661 (1990)", "S/RES/687 (1991)")  # 999 is not indexed
    assert graph.cited_by("S/RES/661 (1990)") == ("S/RES/700 (1991)", "S/RES/687 (1991)")
    assert graph.cites("S/RES/687 (1991)") == ("S/RES/661 (1990)",)  # not itself
    assert graph.cited_by("S/RES/999 (2001)") == () and graph.cites("unknown") == ()


def test_documents_in_an_index_keep_their_references(default_index_dir):
    import json

    manifest = json.loads((default_index_dir / "manifest.json").read_text())
    (doc,) = manifest["documents"]
    refs = doc["meta"]["references"]
    assert "A/RES/62/7" in refs  # a preambular paragraph: "as noted in General Assembly resolution 62/7"
    assert "A/RES/55/2" in refs  # footnote 1: "See resolution 55/2."
    assert "A/RES/64/12" not in refs


def test_the_engine_keeps_the_citation_graph_of_its_documents(corpus_engine):
    # S/RES/1565 (2004) (MONUC) recalls earlier Council resolutions; none of the six cites it
    graph = corpus_engine.citation_graph
    symbols = {d["symbol"] for d in corpus_engine.documents}
    for doc in symbols:
        assert set(graph.cites(doc)) <= symbols
        for source in graph.cited_by(doc):
            assert doc in graph.cites(source)
    assert graph.cites("S/RES/1565 (2004)") == ()  # the earlier resolutions it recalls are not indexed


def test_what_later_texts_say_a_resolution_established():
    from qa.references import established_phrases

    text = ("Recalling the work of the Security Council Committee established by resolution 661 (1990) "
            "concerning the situation between Iraq and Kuwait, and UNIKOM, set up under resolution 689 (1991),")
    found = established_phrases(text, "SC", lambda phrase: phrase)
    assert [key for key, _ in found] == ["S/RES/661 (1990)", "S/RES/689 (1991)"]
    assert "Committee" in found[0][1] and "Iraq" in found[0][1]
    assert established_phrases("Decides to remain seized of the matter.", "SC", str) == []
