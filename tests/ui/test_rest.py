"""The JSON API beside the chat: shapes, bad requests as 4xx JSON, CORS and frame-ancestors from one allow-list."""

import pytest
from fastapi.testclient import TestClient

from ui.server import create_app

QUESTION = "Which country will host the seventh conference?"


def assert_answer_shape(data: dict, question: str) -> None:
    assert set(data) == {"question", "answered", "message", "citations"}
    assert data["question"] == question
    assert isinstance(data["answered"], bool)
    for c in data["citations"]:
        assert {"doc", "unit", "kind", "label", "text", "score", "highlight", "footnotes", "cited_by", "url"} <= set(c)
        start, end = c["highlight"]
        assert 0 <= start <= end <= len(c["text"])


def without_urls(data: dict) -> dict:
    return {**data, "citations": [{k: v for k, v in c.items() if k != "url"} for c in data["citations"]]}


def test_get_and_post_return_the_engine_answer(client, engine):
    expected = engine.ask(QUESTION, k=3).to_dict()
    got = client.get("/api/ask", params={"q": QUESTION, "k": 3})
    assert got.status_code == 200
    assert_answer_shape(got.json(), QUESTION)
    posted = client.post("/api/ask", json={"q": QUESTION, "k": 3})
    assert posted.status_code == 200
    assert got.json() == posted.json()
    assert without_urls(got.json()) == expected
    assert len(got.json()["citations"]) <= 3


def test_each_citation_links_to_its_clause_in_the_document_view(client):
    data = client.get("/api/ask", params={"q": QUESTION, "k": 3}).json()
    best = data["citations"][0]
    assert best["url"] == "http://testserver/doc/A-RES-64-12#op10"
    for citation in data["citations"]:
        path, _, unit = citation["url"].removeprefix("http://testserver").partition("#")
        page = client.get(path)
        assert page.status_code == 200 and f'id="{unit}"' in page.text, citation["url"]
    # behind a proxy that sets the Host, the links name that host
    proxied = client.get("/api/ask", params={"q": QUESTION, "k": 1}, headers={"Host": "qa.example.org"}).json()
    assert proxied["citations"][0]["url"] == "http://qa.example.org/doc/A-RES-64-12#op10"


def test_doc_parameter_restricts_to_that_resolution(client, engine):
    symbol = engine.documents[0]["symbol"]
    data = client.post("/api/ask", json={"q": QUESTION, "doc": symbol}).json()
    assert data["citations"] and all(c["doc"] == symbol for c in data["citations"])


def test_healthz_reports_documents_and_passages(client, engine):
    data = client.get("/healthz").json()
    assert data["status"] == "ok"
    assert data["passages"] == engine.passage_count > 0
    assert [d["symbol"] for d in data["documents"]] == [d["symbol"] for d in engine.documents]


@pytest.mark.parametrize(
    "method, kwargs, status",
    [
        ("get", {"url": "/api/ask"}, 422),  # missing q
        ("get", {"url": "/api/ask", "params": {"q": ""}}, 400),  # empty
        ("get", {"url": "/api/ask", "params": {"q": "   "}}, 400),  # blank
        ("get", {"url": "/api/ask", "params": {"q": "x" * 2001}}, 400),  # too long
        ("get", {"url": "/api/ask", "params": {"q": "hello", "k": 0}}, 400),  # k out of range
        ("get", {"url": "/api/ask", "params": {"q": "hello", "k": 1000}}, 400),
        ("get", {"url": "/api/ask", "params": {"q": "hello", "k": "many"}}, 422),  # k not a number
        ("get", {"url": "/api/ask", "params": {"q": "hello", "doc": "A/RES/1/1"}}, 400),  # unknown doc
        ("post", {"url": "/api/ask", "content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
        ("post", {"url": "/api/ask", "json": {}}, 422),  # missing q
        ("post", {"url": "/api/ask", "json": {"q": 42}}, 422),  # wrong type
        ("post", {"url": "/api/ask", "json": {"q": "hello", "k": "5"}}, 422),
        ("post", {"url": "/api/ask", "json": {"q": "hello", "k": 2.5}}, 422),
        ("post", {"url": "/api/ask", "json": ["hello"]}, 422),
        ("post", {"url": "/api/ask", "json": {"q": "hello", "extra": 1}}, 422),
        ("post", {"url": "/api/ask", "json": {"q": ""}}, 400),
        ("post", {"url": "/api/ask", "json": {"q": "hello", "doc": "nope"}}, 400),
        ("post", {"url": "/api/ask", "json": {"q": "x" * 70_000}}, 413),  # over the 64 KB body cap
        ("put", {"url": "/api/ask", "json": {"q": "hello"}}, 405),
    ],
)
def test_bad_requests_get_4xx_json_errors(client, method, kwargs, status):
    response = getattr(client, method)(**kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"]


def test_streamed_body_over_the_cap_is_refused(client):
    def chunks():
        for _ in range(20):
            yield b"x" * 8192

    response = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "error" in response.json()


def test_cors_allows_only_listed_origins_whatever_the_host(client, host_origin):
    unlisted = client.get("/api/ask", params={"q": QUESTION},
                          headers={"Origin": "https://evil.example", "Host": "qa.example.org"})
    assert "access-control-allow-origin" not in unlisted.headers
    # Gradio's own CORS lets localhost pages in when the Host is localhost; ours must not.
    local_host = client.get("/config", headers={"Origin": "http://localhost:9999", "Host": "localhost:7860"})
    assert "access-control-allow-origin" not in local_host.headers
    listed = client.get("/api/ask", params={"q": QUESTION}, headers={"Origin": host_origin, "Host": "qa.example.org"})
    assert listed.headers["access-control-allow-origin"] == host_origin
    preflight = client.options("/api/ask", headers={"Origin": host_origin, "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == host_origin
    refused = client.options("/api/ask", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in refused.headers


def test_frame_ancestors_reflects_the_allow_list(client, host_origin):
    for path in ("/", "/embed/", "/api/ask?q=hello", "/healthz"):
        csp = client.get(path).headers["content-security-policy"]
        assert csp == f"frame-ancestors 'self' {host_origin}", path


def test_closed_by_default_same_origin_only(fake_engine, host_origin):
    with TestClient(create_app(fake_engine)) as closed:
        response = closed.get("/embed/", headers={"Origin": host_origin})
        assert response.headers["content-security-policy"] == "frame-ancestors 'self'"
        assert "access-control-allow-origin" not in response.headers


def test_allow_origin_must_be_an_origin(fake_engine):
    with pytest.raises(ValueError, match="not an origin"):
        create_app(fake_engine, allow_origins=["example.org/path"])


def test_pages_and_widget_are_served_from_this_server(client):
    for path in ("/", "/embed/"):
        page = client.get(path)
        assert page.status_code == 200 and "<gradio-app" in page.text
    widget = client.get("/widget.js")
    assert widget.status_code == 200 and widget.headers["content-type"].startswith("text/javascript")
    assert "http" not in widget.text.replace("https://HOST", "")  # nothing fetched from elsewhere
    import re

    for asset in re.findall(r'"(assets/[^"]+)"', widget.text):
        assert client.get("/" + asset).status_code == 200, asset


def test_gradio_queue_cannot_be_skipped(client):
    # api_open=False: the direct prediction route refuses; only the queue answers.
    response = client.post("/gradio_api/run/ask", json={"data": [QUESTION, "", []]})
    assert response.status_code >= 400


def test_embed_without_the_slash_redirects_to_the_compact_chat(client):
    response = client.get("/embed?lang=en", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "embed/?lang=en"
    assert client.get("/embed").status_code == 200  # followed: the compact chat's page
