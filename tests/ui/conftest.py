"""Fixtures for the UI tests: the app around the real default engine, a fake one for server
mechanics, the app over the Security Council index (tests/conftest.py: sc_engine), and one set of
live servers for every browser test of the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_engine import FakeEngine
from fastapi.testclient import TestClient
from live_servers import free_port, serve_app, serve_pages

from ui.server import create_app

HOST_ORIGIN = "https://host.example.org"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture
def host_origin() -> str:
    """The one origin on the test apps' allow-list (a fixture: tests import no conftest)."""
    return HOST_ORIGIN


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def fake_app(fake_engine):
    return create_app(fake_engine, allow_origins=[HOST_ORIGIN])


@pytest.fixture
def fake_client(fake_app):
    with TestClient(fake_app) as client:
        yield client


@pytest.fixture(scope="session")
def engine(request):
    """The real engine over the bundled A/RES/64/12 (tests/conftest.py)."""
    return request.getfixturevalue("default_engine")


@pytest.fixture(scope="session")
def real_app(engine):
    return create_app(engine, allow_origins=[HOST_ORIGIN])


@pytest.fixture(scope="session")
def client(real_app):
    with TestClient(real_app) as client:
        yield client


@pytest.fixture(scope="session")
def sc_client(sc_engine):
    with TestClient(create_app(sc_engine, allow_origins=[HOST_ORIGIN])) as client:
        yield client


def _host_pages(apps: dict[str, str]) -> dict[str, str]:
    pages = {}
    for name, base in apps.items():
        pages[f"/iframe-{name}"] = f"""<!doctype html><html><head><meta name="viewport" content="width=device-width">
<title>Host with iframe</title></head><body style="margin:0;font-family:sans-serif">
<h1 style="font-size:18px;margin:8px">A site that embeds the resolution chat</h1>
<iframe src="{base}/embed/" title="Ask the resolution" style="width:100%;max-width:720px;height:680px;border:1px solid #ccc;border-radius:8px"></iframe>
</body></html>"""
        pages[f"/widget-{name}"] = f"""<!doctype html><html><head><meta name="viewport" content="width=device-width">
<title>Host with widget</title><script type="module" src="{base}/widget.js"></script></head>
<body style="margin:0;font-family:sans-serif"><h1 style="font-size:18px;margin:8px">A site with the web component</h1>
<div style="max-width:720px"><gradio-app src="{base}/embed"></gradio-app></div></body></html>"""
    return pages


@pytest.fixture(scope="session")
def sites(engine, sc_engine):
    """The app over the default index and over the Security Council index, each on its own port, and
    a host page of another origin (on both allow-lists) framing each: {"app", "sc", "host"}."""
    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    with serve_app(create_app(engine, allow_origins=[host_origin])) as base, \
            serve_app(create_app(sc_engine, allow_origins=[host_origin])) as sc_base:
        pages = _host_pages({"default": base, "sc": sc_base})
        pages["/iframe"], pages["/widget"] = pages["/iframe-default"], pages["/widget-default"]
        with serve_pages(pages, port=host_port) as host:
            yield {"app": base, "sc": sc_base, "host": host}


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module: Playwright's sync API runs an event loop in this thread while
    it lives, and the tests after these ones call asyncio.run."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (browser tests never skip)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def fake_model(monkeypatch):
    """The hashing embedder in place of the model: for tests about files and serving, not vectors."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "index"))
    from synthetic import HashingEmbedder

    import index.store

    fake = HashingEmbedder()
    monkeypatch.setattr(index.store, "get_embedder", lambda model=None, encoder=None: fake)
    return fake
