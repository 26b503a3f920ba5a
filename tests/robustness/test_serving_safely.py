"""Serving safely: no file but the page's own assets, bodies capped, loopback by default, monitoring
off, the queue the only way to a prediction, sanitized chat HTML, and closed-by-default allow-lists."""

from __future__ import annotations

import http.client
import os
import socket
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from ui.server import MAX_BODY_BYTES, create_app

REPO = Path(__file__).resolve().parents[2]
ENGINE_SOURCE = REPO / "qa" / "engine.py"
LISTED = "https://host.example.org"
EVIL = "https://evil.example"


def raw_get(base: str, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    """A request line sent as written: no client-side normalisation of `..` or percent-escapes."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def secrets(index_dir: Path) -> dict[str, bytes]:
    """Fragments of files that must never be served."""
    return {
        "/etc/passwd": b"root:",
        "engine.py": b"class Engine",
        "manifest.json": (index_dir / "manifest.json").read_bytes()[:40],
        "app.py": b"def build_chat",
    }


def traversal_paths(index_dir: Path) -> list[str]:
    engine, manifest, app = str(ENGINE_SOURCE), str(index_dir / "manifest.json"), str(REPO / "ui" / "app.py")
    paths = []
    for prefix in ("/file=", "/gradio_api/file=", "/embed/gradio_api/file=", "/embed/file="):
        paths += [prefix + "/etc/passwd", prefix + "../../etc/passwd", prefix + "../../../../../../etc/passwd",
                  prefix + "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", prefix + "..%2f..%2f..%2fetc/passwd",
                  prefix + "%252e%252e%252fetc%252fpasswd", prefix + "//etc/passwd", prefix + "..\\..\\etc\\passwd",
                  prefix + engine, prefix + quote(engine), prefix + manifest, prefix + app, prefix + "qa/engine.py",
                  prefix + "ui/app.py", prefix + "/proc/self/environ", prefix + "~/.bashrc"]
    for static in ("/static/", "/assets/", "/embed/static/", "/embed/assets/", "/gradio_api/static/", "/svelte/",
                   "/custom_component/"):
        paths += [static + "../../../../etc/passwd", static + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                  static + "..%2f..%2f..%2f..%2fetc%2fpasswd", static + "../qa/engine.py", static + "../../qa/engine.py",
                  static + "..%2f..%2fqa%2fengine.py", static + ".." + engine]
    for view in ("/doc/", "/embed/doc/"):  # the document view reads the index, never a file
        paths += [view + "../../etc/passwd", view + "..%2f..%2fqa%2fengine.py", view + engine,
                  view + "A/RES/64/12/../../../../etc/passwd", view + "A%2FRES%2F64%2F12%2F..%2F..%2Fqa%2Fengine.py",
                  view + "data/A_RES_64_12.txt"]
    paths += ["/../../etc/passwd", "/embed/../qa/engine.py", "/%2e%2e/%2e%2e/etc/passwd", "/qa/engine.py",
              "/ui/app.py", "/pyproject.toml", "/.git/config", "/data/A_RES_64_12.txt"]
    return paths


def test_path_traversal_and_source_files_are_never_served(live, default_index_dir):
    forbidden = secrets(default_index_dir)
    served = []
    for path in traversal_paths(default_index_dir):
        status, body = raw_get(live, path)
        leaked = [name for name, fragment in forbidden.items() if fragment in body]
        if leaked or not 400 <= status < 500:
            served.append((path, status, leaked, body[:80]))
    assert served == []


def test_the_page_assets_themselves_are_served(rest):
    """The guard above is not a server that serves nothing: the page's own assets load."""
    widget = rest.get("/widget.js").text
    asset = widget.split('new URL("', 1)[1].split('"', 1)[0]
    assert rest.get("/" + asset).status_code == 200


def test_bodies_over_64_kb_are_refused_with_413_also_when_chunked(live):
    parts = urlsplit(live)
    for path in ("/api/ask", "/gradio_api/queue/join", "/embed/gradio_api/queue/join", "/gradio_api/upload"):
        # declared length over the cap
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        body = b'{"q": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        assert response.status == 413, (path, response.status)
        assert b"too large" in response.read()
        conn.close()
        # chunked, no Content-Length: refused while streaming
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        chunks = (b"x" * 8192 for _ in range(MAX_BODY_BYTES // 8192 + 4))
        kind = "multipart/form-data; boundary=xyz" if path.endswith("upload") else "application/json"
        conn.request("POST", path, body=chunks, headers={"Content-Type": kind}, encode_chunked=True)
        response = conn.getresponse()
        if path.endswith("upload"):  # the multipart parser may refuse the junk (400) before the cap does
            assert response.status in (400, 413), (path, "chunked", response.status)
        else:
            assert response.status == 413, (path, "chunked", response.status)
        conn.close()


def test_serve_binds_loopback_by_default_with_analytics_off(monkeypatch, default_index_dir):
    from click.testing import CliRunner

    from ui.cli import main
    from ui.cli.serve_cmd import serve

    host_option = next(p for p in serve.params if p.name == "host")
    assert host_option.default == "127.0.0.1"
    seen: dict = {}

    def fake_run(app, **kwargs):
        seen.update(kwargs, app=app)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("GRADIO_ANALYTICS_ENABLED", raising=False)
    result = CliRunner().invoke(main, ["serve", "--index", str(default_index_dir), "--port", "7999"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and "localhost:7999" in result.output
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    with TestClient(seen["app"]) as client:  # the served app is ours: monitoring closed, no share link
        assert client.get("/monitoring").status_code in (403, 404)
        assert not client.get("/config").json().get("share_url")


def test_live_server_is_not_reachable_on_other_interfaces(live):
    """The test server, like `serve`, listens on 127.0.0.1 only."""
    port = urlsplit(live).port
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    for address in addresses - {"127.0.0.1", "127.0.1.1"}:
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((address, port)) != 0, address


@pytest.mark.parametrize("path", ["/monitoring", "/monitoring/summary", "/gradio_api/monitoring",
                                  "/gradio_api/monitoring/summary", "/embed/monitoring", "/embed/monitoring/summary"])
def test_monitoring_is_not_public(rest, path):
    response = rest.get(path)
    assert 400 <= response.status_code < 500


def test_analytics_and_error_details_off(app):
    blocks = [route.app.get_blocks() for route in app.routes if hasattr(getattr(route, "app", None), "get_blocks")]
    assert len(blocks) == 2
    for demo in blocks:
        assert demo.analytics_enabled is False
        assert demo.show_error is False


@pytest.mark.parametrize("path", ["/api/predict", "/run/predict", "/gradio_api/run/predict", "/gradio_api/api/predict",
                                  "/gradio_api/run/ask", "/gradio_api/api/ask", "/embed/gradio_api/run/predict",
                                  "/embed/gradio_api/run/ask", "/embed/gradio_api/api/predict"])
def test_queue_skipping_routes_do_not_predict(rest, path):
    body = {"data": ["Which country will host the seventh conference?", "", []], "fn_index": 0,
            "session_hash": "robustness"}
    response = rest.post(path, json=body)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert "operative paragraph" not in response.text and "qa-citation" not in response.text


def test_chatbot_html_stays_sanitized(app):
    blocks = [route.app.get_blocks() for route in app.routes if hasattr(getattr(route, "app", None), "get_blocks")]
    for demo in blocks:
        chatbots = [c for c in demo.config["components"] if c.get("type") == "chatbot"]
        assert len(chatbots) == 1
        props = chatbots[0]["props"]
        assert props["sanitize_html"] is True
        assert props.get("allow_tags") in (False, None, [])


# -- CORS and frame-ancestors -----------------------------------------------------------------------
GRADIO_ROUTES = ["/gradio_api/info", "/config", "/embed/config", "/embed/gradio_api/info"]


def cors_requests(client: TestClient, origin: str, host: str = "qa.example.org") -> dict[str, dict]:
    headers = {"Origin": origin, "Host": host}
    out = {"GET /api/ask": client.get("/api/ask", params={"q": "Venezuela"}, headers=headers).headers,
           "POST /api/ask": client.post("/api/ask", json={"q": "Venezuela"}, headers=headers).headers,
           "POST queue/join": client.post("/gradio_api/queue/join", json={}, headers=headers).headers}
    for path in GRADIO_ROUTES:
        out["GET " + path] = client.get(path, headers=headers).headers
    for path in ["/api/ask", "/gradio_api/queue/join", "/gradio_api/info", "/config"]:
        out["OPTIONS " + path] = client.options(path, headers={**headers, "Access-Control-Request-Method": "POST",
                                                                "Access-Control-Request-Headers": "content-type"}).headers
    return out


@pytest.mark.parametrize("host", ["qa.example.org", "localhost:7860", "127.0.0.1:7860"])
def test_unlisted_origin_gets_no_cors_by_default(rest, host):
    for origin in (EVIL, "null", "http://localhost:9999", "http://127.0.0.1:9999"):
        allowed = {route: h.get("access-control-allow-origin") for route, h in cors_requests(rest, origin, host).items()}
        assert {r: v for r, v in allowed.items() if v} == {}, (origin, host)


def test_listed_origin_gets_cors_and_frame_ancestors(engine):
    with TestClient(create_app(engine, allow_origins=[LISTED + "/"]), raise_server_exceptions=False) as client:
        listed = cors_requests(client, LISTED)
        for route in ("GET /api/ask", "POST /api/ask", "OPTIONS /api/ask"):
            assert listed[route].get("access-control-allow-origin") == LISTED, route
        unlisted = cors_requests(client, EVIL)
        assert {r: h.get("access-control-allow-origin") for r, h in unlisted.items()
                if h.get("access-control-allow-origin")} == {}
        for path in ("/", "/embed/", "/healthz", "/api/ask?q=x"):
            assert client.get(path).headers["content-security-policy"] == f"frame-ancestors 'self' {LISTED}"


def test_frame_ancestors_self_by_default(rest):
    for path in ("/", "/embed/", "/healthz", "/api/ask?q=x", "/config", "/gradio_api/file=/etc/passwd", "/nowhere"):
        assert rest.get(path).headers["content-security-policy"] == "frame-ancestors 'self'", path
    refused = rest.post("/api/ask", content=b"x" * (MAX_BODY_BYTES + 1))
    assert refused.status_code == 413 and refused.headers["content-security-policy"] == "frame-ancestors 'self'"
