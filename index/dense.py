"""Dense vectors in FAISS: exact inner product for small corpora, HNSW from about 100k passages.

The choice follows benchmarks/results (scale section): up to ~100k passages a flat scan answers in a
few milliseconds with perfect recall; beyond it HNSW keeps p50 in single milliseconds at 1M with
recall@10 >= 0.95, while IVF needs a training pass and more tuning for the same recall.
"""

from __future__ import annotations

from enum import Enum

import numpy as np

from index.selection import Selection, top_k

APPROXIMATE_FROM = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
RECALL_SAMPLE = 200
# A filter selecting up to this many passages is scanned exactly (~2 ms for one query at 384
# dimensions); a larger one over HNSW walks the graph with a selector.
EXACT_SUBSET = 16_384


class DenseKind(str, Enum):
    FLAT = "flat"
    HNSW = "hnsw"

    @classmethod
    def parse(cls, value: str) -> DenseKind:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"unknown dense index kind {value!r}; expected one of: flat, hnsw") from None


def choose_kind(n_passages: int, approximate_from: int = APPROXIMATE_FROM) -> DenseKind:
    return DenseKind.HNSW if n_passages >= approximate_from else DenseKind.FLAT


def new_index(kind: DenseKind, dim: int):
    import faiss

    if kind is DenseKind.HNSW:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        return index
    return faiss.IndexFlatIP(dim)


def build(vectors: np.ndarray, kind: DenseKind) -> tuple[object, dict]:
    """A FAISS index over vectors (rows = passage positions) and what to record about it."""
    index = new_index(kind, vectors.shape[1])
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    info: dict = {"kind": kind.value}
    if kind is DenseKind.HNSW:
        info.update(m=HNSW_M, ef_construction=HNSW_EF_CONSTRUCTION, ef_search=HNSW_EF_SEARCH)
        info["recall_at_10"] = measure_recall(index, vectors)
    else:
        info["recall_at_10"] = 1.0
    return index, info


def measure_recall(index, vectors: np.ndarray, k: int = 10, sample: int = RECALL_SAMPLE) -> float:
    """Recall@k of index against exact search, for queries near the corpus's own vectors.

    A result counts when its exact score reaches the k-th best exact score: with passages of the
    same text (the same vector several times) any of the copies is a right answer, where counting
    positions would call all but one of them misses."""
    if len(vectors) == 0:
        return 1.0
    rng = np.random.default_rng(0)
    rows = rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)
    # Perturbed corpus vectors: a query is rarely a passage itself.
    queries = vectors[rows] + rng.normal(0, 0.02, size=(len(rows), vectors.shape[1])).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    k = min(k, len(vectors))
    scores = queries @ vectors.T
    kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1]  # the k-th best exact score of each query
    _, approx = index.search(queries, k)
    hits = sum(int((row[found[found >= 0]] >= threshold - 1e-5).sum())
               for row, found, threshold in zip(scores, approx, kth, strict=True))
    return round(hits / (k * len(rows)), 4)


def stored_vectors(index) -> np.ndarray:
    """The index's own vectors as a (ntotal, d) float32 view, no copy (flat and HNSW-flat store
    them as is). Valid while `index` lives."""
    import faiss

    flat = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    n, d = int(flat.ntotal), int(flat.d)
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    return faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d)


def _exact_in(vectors: np.ndarray, queries: np.ndarray, k: int, selection: Selection) -> list[list[tuple[int, float]]]:
    positions = selection.positions()
    if selection.ranges == 1:  # one document (or neighbours): a view, nothing copied
        candidates = vectors[int(selection.starts[0]) : int(selection.ends[0])]
    else:
        candidates = vectors[positions]
    out = []
    for row in queries @ candidates.T:
        out.append([(int(positions[i]), float(row[i])) for i in top_k(row, positions, k)])
    return out


def search(
    index,
    queries: np.ndarray,
    k: int,
    selection: Selection | None = None,
    vectors: np.ndarray | None = None,
) -> list[list[tuple[int, float]]]:
    """Top-k (position, cosine) per query; with a selection, only among its positions.

    A selection of up to EXACT_SUBSET passages, and any selection of a flat index, is scanned
    exactly over the index's own vectors (`vectors`: `stored_vectors(index)`, passed by a caller
    that keeps it). A larger one over HNSW is searched in the graph with a FAISS selector (the
    walk still passes through the other passages, only members are returned).
    """
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    if queries.ndim == 1 and queries.size:
        queries = queries.reshape(1, -1)  # one vector: one query
    if index.ntotal == 0 or len(queries) == 0 or k <= 0:
        return [[] for _ in range(len(queries))]
    if queries.ndim != 2 or queries.shape[1] != index.d:
        raise ValueError(f"query vectors of shape {queries.shape}; this index needs rows of {index.d} values")
    params = None
    if selection is not None:
        if selection.size == 0:
            return [[] for _ in range(len(queries))]
        import faiss

        if selection.size <= EXACT_SUBSET or not isinstance(index, faiss.IndexHNSW):
            return _exact_in(stored_vectors(index) if vectors is None else vectors, queries, k, selection)
        params = faiss.SearchParametersHNSW()
        params.sel = selection.faiss_selector()
        # measured (200k clustered vectors, M=32): efSearch 128 keeps recall@10 >= 0.99 for filters
        # of 10% and 50%; below 10% the walk passes fewer members, so it looks twice as wide
        params.efSearch = index.hnsw.efSearch * (2 if selection.size * 10 < selection.n_total else 1)
        k = min(k, selection.size)
    distances, ids = index.search(queries, min(k, index.ntotal), params=params)
    return [
        [(int(i), float(d)) for i, d in zip(id_row, dist_row, strict=True) if i >= 0]
        for id_row, dist_row in zip(ids, distances, strict=True)
    ]
