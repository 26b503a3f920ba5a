"""Fixtures for the UI tests: the app around the real default engine, and a fake one for server mechanics."""

from __future__ import annotations

import pytest
from fake_engine import FakeEngine
from fastapi.testclient import TestClient

from ui.server import create_app

HOST_ORIGIN = "https://host.example.org"


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
