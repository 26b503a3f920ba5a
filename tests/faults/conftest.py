"""Fault tests share the index tests' synthetic corpora and hashing embedder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "index"))

from synthetic import HashingEmbedder  # noqa: E402


@pytest.fixture
def embedder(monkeypatch) -> HashingEmbedder:
    """The store embeds and encodes with a HashingEmbedder for this test."""
    import index.store

    fake = HashingEmbedder()
    monkeypatch.setattr(index.store, "get_embedder", lambda model=None, encoder=None: fake)
    return fake
