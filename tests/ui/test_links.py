"""URLs of the document view and shared answers, and text with its links and highlight as markup."""

import html

import pytest

from qa.references import ReferenceResolver
from ui.links import ChatLinks, DocumentPaths, Link, base_of, doc_path, markup, share_query, slug


@pytest.mark.parametrize("symbol, expected", [
    ("A/RES/64/12", "A-RES-64-12"), ("S/RES/661 (1990)", "S-RES-661-1990"),
    ("A/HRC/RES/25/6", "A-HRC-RES-25-6"), ("A/RES/1514 (XV)", "A-RES-1514-XV"),
])
def test_slug_is_one_url_segment(symbol, expected):
    assert slug(symbol) == expected


def test_both_the_slug_and_the_symbol_find_the_document():
    paths = DocumentPaths(["S/RES/661 (1990)", "A/RES/64/12"])
    assert paths.by_slug("S-RES-661-1990") == paths.by_slug("s-res-661-1990") == "S/RES/661 (1990)"
    assert paths.by_symbol("S/RES/661 (1990)") == paths.by_symbol("s/res/661(1990)") == "S/RES/661 (1990)"
    assert paths.by_slug("S/RES/661 (1990)") is None and paths.by_symbol("A/RES/1/1") is None


def test_paths_and_shared_queries():
    assert doc_path("A/RES/64/12", "op7(a)") == "doc/A-RES-64-12#op7(a)"
    assert share_query("Who's <host> & why?", "S/RES/661 (1990)") == \
        "?q=Who%27s%20%3Chost%3E%20%26%20why%3F&doc=S%2FRES%2F661%20%281990%29"
    assert share_query("", "A/RES/64/12") == "?doc=A%2FRES%2F64%2F12"


def test_base_of_a_gradio_request():
    assert base_of("http://h:7860/embed/gradio_api/queue/join?x=1") == "http://h:7860/embed"
    assert base_of("http://h:7860/gradio_api/queue/join") == "http://h:7860"
    assert base_of("http://10.0.0.5:7860/gradio_api/queue/join", "qa.example.org", "https") == "https://qa.example.org"


def test_chat_links_open_the_compact_view_from_embed_and_share_the_full_chat():
    links = ChatLinks("http://h/embed", ReferenceResolver([]), {})
    assert links.doc("A/RES/64/12", "op10") == "http://h/embed/doc/A-RES-64-12#op10"
    assert links.share("q", None) == "http://h/?q=q"


def test_markup_nests_a_link_inside_and_across_the_mark():
    text = "Recalls resolution 661 (1990) & more"
    link = Link(8, 29, "S-RES-661-1990")
    out = markup(text, html.escape, span=(0, 18), links=[link])
    assert out == ('<mark>Recalls <a href="S-RES-661-1990">resolution</a></mark>'
                   '<a href="S-RES-661-1990"> 661 (1990)</a> &amp; more')
    assert markup("a<b", html.escape, span=(5, 9)) == "a&lt;b"  # a span out of range marks nothing


def test_only_indexed_resolutions_become_links():
    links = ChatLinks("http://h", ReferenceResolver(["S/RES/661 (1990)", "S/RES/662 (1990)"]), {})
    found = links.references("Reaffirming its resolutions 660 (1990) and 661 (1990),", "S/RES/662 (1990)")
    assert [(f.href, "Reaffirming its resolutions 660 (1990) and 661 (1990),"[f.start:f.end]) for f in found] == \
        [("http://h/doc/S-RES-661-1990", "661 (1990)")]
    # a text's reference to itself is no link
    assert links.references("this resolution 662 (1990)", "S/RES/662 (1990)") == []
