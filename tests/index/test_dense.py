"""Dense search: flat below the threshold, HNSW above it, with its recall measured and recorded."""

from __future__ import annotations

import faiss
import numpy as np
import pytest

import index.store
from index import dense
from index.embedding import DEFAULT_MODEL_NAME
from index.passage import DocumentInfo, Passage
from index.store import PassageIndex

N, DIM, CLUSTERS = 3000, 384, 30


def clustered(n: int = N, seed: int = 0) -> np.ndarray:
    """Unit vectors in overlapping clusters, like sentence embeddings of one field's texts."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(CLUSTERS, DIM))
    vectors = centres[rng.integers(0, CLUSTERS, n)] + rng.normal(scale=0.6, size=(n, DIM))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1)[:, :k]


def test_choose_kind_and_parse():
    assert dense.choose_kind(99_999) is dense.DenseKind.FLAT
    assert dense.choose_kind(100_000) is dense.DenseKind.HNSW
    assert dense.choose_kind(10, approximate_from=10) is dense.DenseKind.HNSW
    assert dense.DenseKind.parse("hnsw") is dense.DenseKind.HNSW
    with pytest.raises(ValueError, match="unknown dense index kind 'ivf'; expected one of: flat, hnsw"):
        dense.DenseKind.parse("ivf")


def test_hnsw_recall_and_recorded_parameters():
    vectors = clustered()
    built, info = dense.build(vectors, dense.DenseKind.HNSW)
    assert isinstance(built, faiss.IndexHNSWFlat)
    assert info["kind"] == "hnsw"
    assert (info["m"], info["ef_construction"], info["ef_search"]) == (
        dense.HNSW_M, dense.HNSW_EF_CONSTRUCTION, dense.HNSW_EF_SEARCH)
    assert info["recall_at_10"] >= 0.9
    # the recorded figure is what independent queries see
    queries = clustered(200, seed=1)
    found = dense.search(built, queries, 10)
    exact = exact_top(vectors, queries, 10)
    hits = sum(len({i for i, _ in row} & set(e)) for row, e in zip(found, exact.tolist(), strict=True))
    assert hits / exact.size >= 0.9


def test_flat_is_exact_and_k_is_capped():
    vectors = clustered(500)
    built, info = dense.build(vectors, dense.DenseKind.FLAT)
    assert info == {"kind": "flat", "recall_at_10": 1.0}
    queries = clustered(20, seed=2)
    assert [[i for i, _ in row] for row in dense.search(built, queries, 10)] == exact_top(vectors, queries, 10).tolist()
    assert all(len(row) == 500 for row in dense.search(built, queries[:2], 10_000))
    empty, _ = dense.build(np.zeros((0, DIM), np.float32), dense.DenseKind.HNSW)
    assert dense.search(empty, queries, 5) == [[]] * 20


class _TableEmbedder:
    """Returns preset vectors for the texts "v<row>"."""

    name = DEFAULT_MODEL_NAME
    dim = DIM

    def __init__(self, table: np.ndarray) -> None:
        self.table = table

    def encode_passages(self, texts, batch_size=32, on_progress=None):
        return self.table[[int(t[1:]) for t in texts]]

    def encode_queries(self, texts):
        return self.encode_passages(texts)


@pytest.fixture(scope="module")
def hnsw_index(tmp_path_factory):
    vectors = clustered()
    docs = []
    for d in range(6):
        key = f"D/{d}"
        rows = range(d, N, 6)
        docs.append((DocumentInfo(key, f"/{d}.txt", f"{d:064d}"), [Passage(f"{key}#{r}", key, f"v{r}") for r in rows]))
    path = tmp_path_factory.mktemp("hnsw") / "index"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index.store, "get_embedder", lambda model=None, encoder=None: _TableEmbedder(vectors))
        PassageIndex.build(path, docs, progress=False, approximate_from=1000)
    return path, vectors


def test_lowered_threshold_builds_hnsw_and_records_it(hnsw_index):
    path, _ = hnsw_index
    loaded = PassageIndex.load(path)
    recorded = loaded.manifest["dense"]
    assert recorded["kind"] == "hnsw"
    assert {"m", "ef_construction", "ef_search"} <= set(recorded)
    assert recorded["recall_at_10"] >= 0.9
    assert isinstance(loaded._faiss, faiss.IndexHNSW)
    assert loaded._faiss.hnsw.efSearch == recorded["ef_search"]


def test_doc_filtered_search_on_hnsw_is_exact(hnsw_index):
    path, vectors = hnsw_index
    loaded = PassageIndex.load(path)
    queries = clustered(30, seed=3)
    positions = np.asarray([i for i, p in enumerate(loaded.passages) if p.doc == "D/4"])
    rows = np.asarray([int(loaded.passages[i].text[1:]) for i in positions])
    exact = positions[exact_top(vectors[rows], queries, 10)]
    found = loaded.dense_search(queries, 10, doc="D/4")
    assert [[i for i, _ in row] for row in found] == exact.tolist()


def test_add_to_an_hnsw_index_keeps_it_approximate(hnsw_index, tmp_path, monkeypatch):
    import shutil

    path, vectors = hnsw_index
    shutil.copytree(path, tmp_path / "index")
    monkeypatch.setattr(index.store, "get_embedder", lambda model=None, encoder=None: _TableEmbedder(vectors))
    extra = (DocumentInfo("X/1", "/x.txt", "f" * 64), [Passage("X/1#0", "X/1", "v0")])
    updated, _ = PassageIndex.add(tmp_path / "index", [extra], progress=False, approximate_from=1000)
    assert updated.manifest["dense"]["kind"] == "hnsw" and len(updated.passages) == N + 1
    [[(position, score)]] = updated.dense_search(vectors[:1], 1, doc="X/1")
    assert position == N and score == pytest.approx(1.0, abs=1e-5)


def test_query_vector_shapes():
    from index import dense

    vectors = np.random.default_rng(1).normal(size=(20, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index, _ = dense.build(vectors, dense.DenseKind.FLAT)
    [hits] = dense.search(index, vectors[3], k=2)  # a single 1-D vector is one query
    assert hits[0][0] == 3 and abs(hits[0][1] - 1.0) < 1e-5
    assert dense.search(index, np.zeros((0, 8), np.float32), k=2) == []
    with pytest.raises(ValueError, match="rows of 8 values"):
        dense.search(index, np.ones((1, 5), np.float32), k=2)
