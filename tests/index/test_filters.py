"""Document filters: one key or a collection of keys, answered exactly, from structures built at load.

The reference everywhere is the plain computation over every passage (bm25s's own score per
passage, the exact inner product), restricted afterwards: a filter must change which passages may
come back, never their scores or their order.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from synthetic import QUERIES, WORDS, make_docs

from index import dense, sparse
from index.errors import IndexLoadError
from index.passage import DocumentInfo, Passage
from index.selection import DocumentRanges
from index.store import PASSAGES, PassageIndex

SIZES = {f"D/{i}": 3 + (i * 7) % 11 for i in range(30)}


@pytest.fixture
def built(tmp_path, embedder):
    docs = make_docs(SIZES)
    loaded = PassageIndex.build(tmp_path / "index", docs, progress=False)
    texts = [p.text for _, ps in docs for p in ps]
    return loaded, embedder.vectors(texts), texts


def _bm25_reference(texts: list[str], query: str, k: int, allowed: set[int] | None) -> list[tuple[int, float]]:
    model = sparse.build(texts)
    tokens = [t for t in sparse.tokenize(query) if t in model.vocab_dict]
    if not tokens:
        return []
    scores = np.asarray(model.get_scores(tokens), dtype=np.float32)
    hits = [(i, float(s)) for i, s in enumerate(scores) if s > 0 and (allowed is None or i in allowed)]
    return sorted(hits, key=lambda h: (-h[1], h[0]))[:k]


def test_ranges_of_documents_and_their_unions():
    ranges = DocumentRanges(["a", "a", "b", "c", "c", "c", "d"])
    assert [ranges.range(k) for k in "abcd"] == [(0, 2), (2, 3), (3, 6), (6, 7)]
    assert ranges.range("nowhere") == (0, 0)
    picked = ranges.select(["d", "a", "b", "nowhere"])
    assert picked.positions().tolist() == [0, 1, 2, 6]
    assert picked.ranges == 2  # a and b are neighbours: one range
    assert picked.mask().tolist() == [True, True, True, False, False, False, True]
    assert ranges.select(["d", "a", "b", "nowhere"]) is picked  # a filter's selection is built once and kept
    assert ranges.select(None) is None and ranges.select([]).size == 0 and ranges.select("x").size == 0
    with pytest.raises(ValueError, match="not consecutive"):
        DocumentRanges(["a", "b", "a"])


@pytest.mark.parametrize("doc", [None, "D/3", ["D/1", "D/2", "D/17"], {"D/5"}, ("D/29", "NOT/THERE"),
                                 [f"D/{i}" for i in range(0, 30, 2)]])
def test_bm25_with_a_filter_equals_bm25s_scores_restricted(built, doc):
    loaded, _, texts = built
    allowed = None
    if doc is not None:
        keys = {doc} if isinstance(doc, str) else set(doc)
        allowed = {i for i, p in enumerate(loaded.passages) if p.doc in keys}
    for query in [*QUERIES, "council council security", "d/3 item2"]:
        [got] = loaded.bm25_search([query], 7, doc=doc)
        want = _bm25_reference(texts, query, 7, allowed)
        assert [i for i, _ in got] == [i for i, _ in want], query
        assert np.allclose([s for _, s in got], [s for _, s in want], rtol=1e-6)


def test_bm25_beyond_the_range_limit_uses_the_mask_and_agrees(built, monkeypatch):
    loaded, _, texts = built
    keys = [f"D/{i}" for i in range(0, 30, 2)]  # 15 separate ranges
    want = loaded.bm25_search(QUERIES, 9, doc=keys)
    monkeypatch.setattr(sparse.Scorer, "MAX_RANGES", 2)
    assert loaded.bm25_search(QUERIES, 9, doc=keys) == want


def test_a_query_leaves_nothing_behind_for_the_next(built):
    loaded, _, _ = built
    alone = loaded.bm25_search(["peace security women"], 10)
    loaded.bm25_search(["climate peace development security water"], 10, doc=["D/1", "D/2"])
    assert loaded.bm25_search(["peace security women"], 10) == alone  # the scratch scores were zeroed


def test_ties_go_to_the_lower_position():
    texts = ["alpha beta", "gamma", "alpha beta", "alpha beta", "delta"]
    model = sparse.build(texts)
    assert [i for i, _ in sparse.search(model, "alpha", 2, len(texts))] == [0, 2]


@pytest.mark.parametrize("doc", ["D/3", ["D/1", "D/2", "D/17"], [f"D/{i}" for i in range(0, 30, 3)]])
def test_dense_with_a_filter_is_the_exact_top_k_of_the_subset(built, embedder, doc):
    loaded, vectors, _ = built
    keys = {doc} if isinstance(doc, str) else set(doc)
    positions = np.asarray([i for i, p in enumerate(loaded.passages) if p.doc in keys])
    queries = embedder.vectors(QUERIES)
    for row, q in zip(loaded.dense_search(queries, 6, doc=doc), queries, strict=True):
        scores = vectors[positions] @ q
        order = sorted(range(len(positions)), key=lambda i: (-scores[i], positions[i]))[:6]
        assert [i for i, _ in row] == positions[order].tolist()
        assert np.allclose([s for _, s in row], scores[order], atol=1e-5)


def test_a_large_filter_over_hnsw_searches_the_graph_with_a_selector(tmp_path, embedder, monkeypatch):
    rng = random.Random(3)
    docs = []
    for d in range(40):
        key = f"H/{d}"
        passages = [Passage(f"{key}#{i}", key, " ".join(rng.choice(WORDS) for _ in range(12)) + f" n{d}x{i}")
                    for i in range(25)]
        docs.append((DocumentInfo(key, f"/{d}.txt", f"{d:064d}"), passages))
    loaded = PassageIndex.build(tmp_path / "hnsw", docs, progress=False, approximate_from=100)
    assert loaded.manifest["dense"]["kind"] == "hnsw"
    keys = [f"H/{d}" for d in range(0, 40, 2)]  # 500 of 1000 passages
    exact = loaded.dense_search(embedder.vectors(QUERIES), 10, doc=keys)  # exact scan: under EXACT_SUBSET
    monkeypatch.setattr(dense, "EXACT_SUBSET", 100)
    graph = loaded.dense_search(embedder.vectors(QUERIES), 10, doc=keys)
    allowed = {i for i, p in enumerate(loaded.passages) if p.doc in keys}
    assert all(i in allowed for row in graph for i, _ in row)
    # HNSW recall within the filter: a result counts when it scores as high as the exact 10th
    found = sum(sum(s >= e[-1][1] - 1e-5 for _, s in g) for g, e in zip(graph, exact, strict=True))
    assert found / (10 * len(QUERIES)) >= 0.9


def test_loading_refuses_a_document_whose_passages_are_scattered(tmp_path, embedder):
    PassageIndex.build(tmp_path / "index", make_docs({"A/1": 2, "B/2": 2}), progress=False)
    lines = (tmp_path / "index" / PASSAGES).read_bytes().splitlines(keepends=True)
    scattered = b"".join([lines[0], lines[2], lines[1], lines[3]])  # A, B, A, B
    (tmp_path / "index" / PASSAGES).write_bytes(scattered)
    from index import disk_format

    manifest = disk_format.read_manifest(tmp_path / "index")
    with pytest.raises(IndexLoadError, match="passages of 'A/1' are not consecutive"):
        disk_format.check_passages(tmp_path / "index" / PASSAGES,
                                   disk_format.read_passages(tmp_path / "index" / PASSAGES, 4), manifest)
