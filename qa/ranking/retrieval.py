"""First-stage retrieval within a set of documents: the one place that knows how the index filters.

The index's `dense_search` / `bm25_search` take `doc` as one key, a collection of keys, or None
(index.selection). An index that takes one key only raises TypeError on a list; then each document
is searched on its own (a few documents) or the whole index is searched deeper and filtered after
(many documents), so the engine works with either.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["search_within"]

_PER_DOCUMENT = 8  # up to this many documents: one search each; more: a deeper search, filtered
_DEEPER = 8


def _merge(lists: list[list[tuple[int, float]]], k: int) -> list[tuple[int, float]]:
    merged = [hit for hits in lists for hit in hits]
    merged.sort(key=lambda h: (-h[1], h[0]))
    return merged[:k]


def search_within(index, vectors: np.ndarray, queries: list[str], k: int,
                  docs: Sequence[str] | None) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    """(dense hits, BM25 hits) per query, each up to k (position, score), within docs (None: all)."""
    if docs is None:
        return index.dense_search(vectors, k), index.bm25_search(queries, k)
    docs = list(docs)
    if len(docs) == 1:
        return index.dense_search(vectors, k, doc=docs[0]), index.bm25_search(queries, k, doc=docs[0])
    try:
        return index.dense_search(vectors, k, doc=docs), index.bm25_search(queries, k, doc=docs)
    except TypeError:  # an index that filters by one key only
        pass
    if len(docs) <= _PER_DOCUMENT:
        dense = [index.dense_search(vectors, k, doc=d) for d in docs]
        bm25 = [index.bm25_search(queries, k, doc=d) for d in docs]
        return ([_merge([hits[i] for hits in dense], k) for i in range(len(queries))],
                [_merge([hits[i] for hits in bm25], k) for i in range(len(queries))])
    wanted = set(docs)
    passages = index.passages
    deep = min(len(passages), k * _DEEPER)
    keep = [[(p, s) for p, s in hits if passages[p].doc in wanted][:k] for hits in index.dense_search(vectors, deep)]
    keep_bm = [[(p, s) for p, s in hits if passages[p].doc in wanted][:k] for hits in index.bm25_search(queries, deep)]
    return keep, keep_bm
