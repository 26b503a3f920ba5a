"""Embedding: the bundled model by its stable name, loaded lazily once per process, unit float32 vectors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index.embedding import DEFAULT_MODEL_NAME, canonical_model_name, get_embedder
from index.store import PassageIndex

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("alias", [None, "", "default", "all-MiniLM-L6-v2", DEFAULT_MODEL_NAME])
def test_the_bundled_model_is_recorded_under_one_stable_name(alias):
    assert canonical_model_name(alias) == DEFAULT_MODEL_NAME
    assert get_embedder(alias) is get_embedder(None)  # one model per process, whatever names it


def test_other_models_keep_their_name_or_resolved_path(tmp_path):
    assert canonical_model_name("sentence-transformers/paraphrase-MiniLM-L3-v2") == (
        "sentence-transformers/paraphrase-MiniLM-L3-v2"
    )
    folder = tmp_path / "my-model"
    folder.mkdir()
    assert canonical_model_name(str(folder)) == str(folder.resolve())


def test_importing_the_index_and_the_cli_loads_no_model():
    script = textwrap.dedent(
        """
        import sys
        import index.store, index.embedding, index.dense, index.sparse, ui.cli
        from index.embedding import get_embedder
        get_embedder()  # an Embedder object only: the model loads on first encode
        heavy = [m for m in ("torch", "sentence_transformers", "transformers", "faiss", "bm25s") if m in sys.modules]
        print("heavy:", heavy)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "heavy: []" in run.stdout


def test_encode_gives_unit_float32_rows_in_one_batch(default_index_dir):
    index = PassageIndex.load(default_index_dir)
    texts = ["Which country hosts the conference?", "A/58/387", "", "peace " * 300]
    vectors = index.encode(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), index.dim) == (len(texts), 384)
    assert np.allclose(np.linalg.norm(vectors[[0, 1, 3]], axis=1), 1.0, atol=1e-4)
    assert index.encode([]).shape == (0, 384)
    # one row is the same whether encoded alone or in a batch
    assert np.allclose(index.encode([texts[0]])[0], vectors[0], atol=1e-5)


def test_a_passage_text_as_query_finds_that_passage(default_index_dir):
    """Questions (encoded at query time) and passages (encoded at build time) share one vector space."""
    index = PassageIndex.load(default_index_dir)
    sample = [p for p in index.passages if len(p.text.split()) > 8][:12]
    hits = index.dense_search(index.encode([p.text for p in sample]), k=1)
    positions = {p.id: i for i, p in enumerate(index.passages)}
    for passage, [(position, score)] in zip(sample, hits, strict=True):
        assert index.passages[position].text == passage.text or position == positions[passage.id]
        assert score > 0.99


def test_build_encoding_keeps_the_input_order():
    """Passages are embedded longest first (less padding); each row must still be its own text's vector."""
    embedder = get_embedder()
    texts = [f"clause {i} " + "development cooperation " * (i * 7 % 23) for i in range(150)]
    seen: list[int] = []
    vectors = embedder.encode_passages(texts, batch_size=8, on_progress=seen.append)
    assert vectors.shape == (150, 384) and vectors.dtype == np.float32
    assert sum(seen) == 150 and len(seen) > 1  # progress reported chunk by chunk
    one_by_one = embedder.encode_queries(texts)
    assert np.abs(vectors - one_by_one).max() < 1e-4
