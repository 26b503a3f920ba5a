"""Fixtures for the index tests: the hashing embedder in place of the model, synthetic indexes."""

from __future__ import annotations

import pytest
from synthetic import HashingEmbedder


@pytest.fixture
def embedder(monkeypatch) -> HashingEmbedder:
    """The store embeds and encodes with a HashingEmbedder for this test."""
    import index.store

    fake = HashingEmbedder()
    monkeypatch.setattr(index.store, "get_embedder", lambda model=None: fake)
    return fake
