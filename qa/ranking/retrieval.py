"""First-stage retrieval within a set of documents: the one place that knows how the index filters.

The index's `dense_search` / `bm25_search` take `doc` as one key, a collection of keys, or None
(index.selection builds the allowed ranges once per filter, so a filter costs the documents it
names, not a pass over the index).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["search_within"]


def search_within(index, vectors: np.ndarray, queries: list[str], k: int,
                  docs: Sequence[str] | None) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    """(dense hits, BM25 hits) per query, each up to k (position, score), within docs (None: all)."""
    if docs is None:
        return index.dense_search(vectors, k), index.bm25_search(queries, k)
    docs = list(docs)
    wanted = docs[0] if len(docs) == 1 else docs
    return index.dense_search(vectors, k, doc=wanted), index.bm25_search(queries, k, doc=wanted)
