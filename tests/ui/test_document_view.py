"""The document view over HTTP: /doc/{slug} and /embed/doc/{slug}, from the index alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from indexes import AS_WRITTEN, HOSTILE_SYMBOL, build_index

from ui.server import create_app

REPO = Path(__file__).resolve().parents[2]


def clause_ids(page: str) -> list[str]:
    return re.findall(r'<div class="qa-clause[^"]*" id="([^"]+)"', page)


def test_the_whole_resolution_in_order_with_its_record(client, engine):
    response = client.get("/doc/A-RES-64-12")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    doc = engine.document("A/RES/64/12")
    assert "<h1>A/RES/64/12</h1>" in page and doc.title in page
    assert 'id="meta"' in page and "41st plenary meeting" in page and "adopted 9 November 2009" in page
    assert clause_ids(page) == [c.unit for c in doc.clauses]
    for clause in doc.clauses:
        assert f'href="#{clause.unit}">{clause.short_label}</a>' in page  # each clause with its label
    assert page.index("<h2>Preamble</h2>") < page.index('id="pp1"') < page.index("<h2>Operative part</h2>")


def test_footnotes_are_linked_both_ways(client):
    page = client.get("/doc/A-RES-64-12").text
    pp2 = page[page.index('id="pp2"'):page.index('id="pp3"')]
    assert 'href="#fn1"' in pp2 and 'href="#fn2"' in pp2
    fn8 = page[page.index('<div class="qa-clause qa-footnote" id="fn8"'):]
    assert 'href="#pp3">preambular paragraph 3</a>' in fn8 and 'href="#op3">operative paragraph 3</a>' in fn8


def test_the_symbol_as_written_redirects_to_the_slug(sc_client):
    response = sc_client.get("/doc/S/RES/661%20(1990)?x=1", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "../../S-RES-661-1990?x=1"
    followed = sc_client.get("/doc/S/RES/661 (1990)")
    assert followed.status_code == 200 and "<h1>S/RES/661 (1990)</h1>" in followed.text
    assert sc_client.get("/doc/s-res-661-1990").status_code == 200  # case ignored
    assert sc_client.get("/embed/doc/S/RES/661%20(1990)", follow_redirects=False).headers["location"] == \
        "../../S-RES-661-1990"


def test_references_link_indexed_resolutions_and_list_both_ways(sc_client):
    page = sc_client.get("/doc/S-RES-662-1990").text
    assert re.search(r'<a href="S-RES-661-1990" class="qa-ref"[^>]*>[^<]*661 \(1990\)</a>', page)
    assert "<strong>Refers to</strong> (in this index): <a href=\"S-RES-661-1990\">S/RES/661 (1990)</a>" in page
    cited = sc_client.get("/doc/S-RES-661-1990").text
    referred = cited[cited.index("Referred to by"):cited.index("</nav>")]
    assert '<a href="S-RES-662-1990">S/RES/662 (1990)</a>' in referred
    # resolution 660 (1990) is not in the index: plain text, no link
    assert "660 (1990)" in cited and "S-RES-660-1990" not in cited


def test_the_compact_view_for_the_panel_and_iframes(sc_client):
    page = sc_client.get("/embed/doc/S-RES-662-1990").text
    assert '<body class="qa-compact">' in page and "Ask about this resolution" not in page
    assert 'href="../../doc/S-RES-662-1990" target="_blank"' in page  # open as its own page
    full = sc_client.get("/doc/S-RES-662-1990").text
    assert '<a href="../?doc=S%2FRES%2F662%20%281990%29">← Ask about this resolution</a>' in full


def test_nothing_runs_and_nothing_is_fetched(sc_client, host_origin):
    response = sc_client.get("/doc/" + HOSTILE_SYMBOL.replace("/", "-").replace(" (", "-").rstrip(")"))
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and f"frame-ancestors 'self' {host_origin}" in csp
    page = response.text
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in page
    assert "src=" not in page.replace("src=x onerror", "") and "http" not in page  # no asset, no outside URL


def test_text_is_escaped_once(sc_client):
    page = sc_client.get("/doc/S-RES-2999-2030").text
    assert "the Secretary-General&#x27;s report on &quot;Côte d&#x27;Ivoire &amp; &lt;Liberia&gt;&quot;" in page
    assert "&amp;#x27;" not in page and "&amp;amp;" not in page and "&amp;lt;" not in page
    import html

    assert AS_WRITTEN in html.unescape(page)


def test_unknown_documents_are_a_404_page_that_says_so(client):
    response = client.get("/doc/<script>alert(1)</script>")
    assert response.status_code == 404 and "No resolution" in response.text
    assert "<script>alert" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert client.get("/embed/doc/A-RES-1-1").status_code == 404


def test_served_from_the_index_alone(tmp_path):
    source = tmp_path / "A_RES_64_12.txt"
    shutil.copy(REPO / "data" / "A_RES_64_12.txt", source)
    index = build_index(tmp_path / "index", [source])
    source.unlink()  # the view must not need it
    from qa.engine import Engine

    with TestClient(create_app(Engine.from_index(index))) as alone:
        page = alone.get("/doc/A-RES-64-12").text
    assert 'id="op10"' in page and "Bolivarian Republic of Venezuela" in page
