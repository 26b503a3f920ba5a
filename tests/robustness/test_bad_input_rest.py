"""Bad input through the JSON API: GET and POST /api/ask answer 200 or a 4xx JSON {"error"}, never a 5xx."""

from __future__ import annotations

import http.client
import json
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_inputs import NASTY_QUESTIONS, QUESTION


def assert_error(response, status: int | tuple[int, ...], *words: str) -> str:
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    assert "Traceback" not in body["error"]
    for word in words:
        assert word in body["error"]
    return body["error"]


def assert_answer(response) -> dict:
    assert response.status_code == 200, response.text[:300]
    data = response.json()
    assert set(data) == {"question", "answered", "message", "citations"} and data["citations"]
    for c in data["citations"]:
        assert 0 <= c["highlight"][0] <= c["highlight"][1] <= len(c["text"])
    assert not any(ch in data["question"] for ch in "\x00\x1b\x07\u202e\ud800")
    return data


@pytest.mark.parametrize("name, question, refused", NASTY_QUESTIONS, ids=[n for n, _, _ in NASTY_QUESTIONS])
def test_nasty_questions_post(rest, name, question, refused):
    # json= escapes a lone surrogate as \ud800, as a browser's JSON.stringify does
    response = rest.post("/api/ask", content=json.dumps({"q": question}), headers={"content-type": "application/json"})
    if len(question) > 60_000:
        assert_error(response, 413, "too large")
    elif refused:
        assert_error(response, 400)
    else:
        assert_answer(response)


# httpx refuses URLs over 64 KB itself: the 1M one goes over a raw socket below.
GET_QUESTIONS = [(n, q, r) for n, q, r in NASTY_QUESTIONS if len(q) < 20_000]


@pytest.mark.parametrize("name, question, refused", GET_QUESTIONS, ids=[n for n, _, _ in GET_QUESTIONS])
def test_nasty_questions_get(rest, name, question, refused):
    # percent-encoded bytes as a browser sends them (a lone surrogate as its invalid UTF-8 bytes)
    raw = quote(question.encode("utf-8", "surrogatepass"), safe="")
    response = rest.get(f"/api/ask?q={raw}")
    if refused:
        assert_error(response, 400)
    else:
        assert_answer(response)


def test_over_long_get_on_a_real_socket_is_refused_not_crashed(live):
    """1M characters in the URL: uvicorn's header limit or our length check; 4xx either way, and the server lives."""
    parts = urlsplit(live)
    for length in (10_000, 1_000_000):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            conn.request("GET", "/api/ask?q=" + "x" * length)
            status = conn.getresponse().status
        except (ConnectionError, http.client.HTTPException):
            status = 400  # the server closed the connection on an oversized request line: refused
        finally:
            conn.close()
        assert 400 <= status < 500, (length, status)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", "/api/ask?q=" + quote(QUESTION))
    assert conn.getresponse().status == 200
    conn.close()


@pytest.mark.parametrize("k", ["0", "-1", "51", "99999999999999999999999999", "-0"])
def test_k_out_of_range(rest, k):
    assert_error(rest.get("/api/ask", params={"q": QUESTION, "k": k}), 400, "from 1 to 50")
    assert_error(rest.post("/api/ask", json={"q": QUESTION, "k": int(k)}), 400, "from 1 to 50")


@pytest.mark.parametrize("k", ["2.5", "five", "1e3", "", "0x10", "NaN"])
def test_k_not_a_whole_number(rest, k):
    assert_error(rest.get("/api/ask", params={"q": QUESTION, "k": k}), 422, "k")


@pytest.mark.parametrize("body", [b'{"q": "hello", "k": 2.5}', b'{"q": "hello", "k": "5"}', b'{"q": "hello", "k": 1e400}',
                                  b'{"q": "hello", "k": true}', b'{"q": "hello", "k": null}', b'{"q": "hello", "k": [5]}',
                                  b'{"q": "hello", "k": NaN}'])
def test_k_not_a_whole_number_post(rest, body):
    assert_error(rest.post("/api/ask", content=body, headers={"content-type": "application/json"}), (400, 422))


@pytest.mark.parametrize("doc", ["A/RES/1/1", "a/res/64/1", "<script>", "\x1b[2J"])
def test_unknown_doc(rest, doc):
    for response in (rest.get("/api/ask", params={"q": QUESTION, "doc": doc}),
                     rest.post("/api/ask", json={"q": QUESTION, "doc": doc})):
        assert_error(response, 400, "unknown document", "A/RES/64/12")


def test_html_in_the_question_comes_back_as_json_data_not_markup(rest):
    response = rest.get("/api/ask", params={"q": "<script>alert(1)</script>"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"


# -- fuzz -----------------------------------------------------------------------------------------
ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=60)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
ASK_BODY = st.fixed_dictionaries({}, optional={"q": JSON | ANY_TEXT, "k": JSON | st.integers(), "doc": JSON,
                                               "extra": JSON})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.tuples(st.sampled_from(["q", "k", "doc", "x", ""]) | ANY_TEXT,
                                st.binary(max_size=40) | ANY_TEXT.map(lambda s: s.encode("utf-8", "surrogatepass"))),
                      max_size=5))
def test_fuzz_get_query_strings(rest, query):
    raw = "&".join(f"{quote(str(key).encode('utf-8', 'surrogatepass'), safe='')}={quote(value, safe='')}"
                   for key, value in query)
    response = rest.get("/api/ask?" + raw)
    assert response.status_code < 500, (raw, response.text[:300])
    if response.status_code >= 400:
        assert_error(response, response.status_code)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=ASK_BODY | JSON | st.binary(max_size=80))
def test_fuzz_post_bodies(rest, body):
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = rest.post("/api/ask", content=content, headers={"content-type": "application/json"})
    assert response.status_code < 500, (content[:200], response.text[:300])
    if response.status_code >= 400:
        assert_error(response, response.status_code)
