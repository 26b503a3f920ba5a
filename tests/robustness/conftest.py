"""Fixtures for the robustness tests (issue 7): the real engine over the bundled resolution, the
server app around it (closed allow-lists, as `serve` starts it), and one live server on a free
loopback port shared by the tests that need real HTTP."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from tests.ui.live_servers import free_port
from ui.server import create_app


@pytest.fixture(scope="session")
def engine(default_engine):
    return default_engine


@pytest.fixture(scope="session")
def app(engine):
    """As `resolution-qa serve` builds it by default: no origin allowed but its own."""
    return create_app(engine)


@pytest.fixture(scope="session")
def rest(app):
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@contextlib.contextmanager
def serve(app) -> Iterator[str]:
    """tests/ui/live_servers.serve_app, but Gradio's open heartbeat streams cannot hold the shutdown."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live(app):
    """The app under uvicorn on a free loopback port; stops at the end of the session."""
    with serve(app) as base:
        yield base
