"""Which passages a search may return: the positions of a set of documents, as ranges.

A document's passages sit next to each other in the index (the writer puts them so, loading checks
it), so any set of documents is a few ranges of positions, read from a table built once at load.
A filter then costs work in proportion to the documents it names, never a pass over every passage
per question; the boolean mask and the FAISS selector that a large filter needs are built on its
first use and kept for the next questions with the same filter.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

__all__ = ["Selection", "DocumentRanges", "CACHED_FILTERS", "top_k"]

CACHED_FILTERS = 64  # distinct document sets whose selections are kept (a server sees few)


def top_k(scores: np.ndarray, positions: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores, best first; ties go to the lower position, whichever of
    them a partial sort would have kept, so results never depend on the order of the postings."""
    if k < len(scores):
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        best = np.flatnonzero(scores >= kth)
    else:
        best = np.arange(len(scores))
    return best[np.lexsort((positions[best], -scores[best]))][:k]


class Selection:
    """Positions [starts[i], ends[i]) of the documents a search is restricted to, sorted."""

    __slots__ = ("starts", "ends", "size", "n_total", "_positions", "_mask", "_bitmap", "_selector")

    def __init__(self, starts: np.ndarray, ends: np.ndarray, n_total: int) -> None:
        starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
        keep = ends > starts
        order = np.argsort(starts[keep], kind="stable")
        starts, ends = starts[keep][order], ends[keep][order]
        # neighbouring documents make one range: fewer ranges to cut postings and vectors by
        joined = np.ones(len(starts), dtype=bool)
        joined[1:] = starts[1:] != ends[:-1]
        self.starts = starts[joined]
        self.ends = ends[np.append(joined[1:], True)] if len(ends) else ends
        self.size = int((self.ends - self.starts).sum())
        self.n_total = int(n_total)
        self._positions: np.ndarray | None = None
        self._mask: np.ndarray | None = None
        self._bitmap: np.ndarray | None = None
        self._selector = None

    @property
    def ranges(self) -> int:
        return len(self.starts)

    def positions(self) -> np.ndarray:
        """Every selected position, ascending (size of the selection, not of the index)."""
        if self._positions is None:
            if self.ranges == 1:
                self._positions = np.arange(self.starts[0], self.ends[0], dtype=np.int64)
            else:
                self._positions = np.concatenate(
                    [np.arange(a, b, dtype=np.int64) for a, b in zip(self.starts, self.ends, strict=True)]
                ) if self.ranges else np.zeros(0, dtype=np.int64)
        return self._positions

    def mask(self) -> np.ndarray:
        """A boolean per passage of the index: built once, for filters too large for ranges."""
        if self._mask is None:
            mask = np.zeros(self.n_total, dtype=bool)
            for a, b in zip(self.starts.tolist(), self.ends.tolist(), strict=True):
                mask[a:b] = True
            self._mask = mask
        return self._mask

    def faiss_selector(self):
        """A FAISS IDSelectorBitmap over the selected positions (its bits are kept alive here)."""
        if self._selector is None:
            import faiss

            self._bitmap = np.packbits(self.mask(), bitorder="little")  # FAISS reads bit i&7 of byte i>>3
            self._selector = faiss.IDSelectorBitmap(self.n_total, faiss.swig_ptr(self._bitmap))
        return self._selector


class DocumentRanges:
    """Document key -> its range of passage positions, from the passages' keys in index order."""

    def __init__(self, doc_of_passage: Iterable[str]) -> None:
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        where: dict[str, int] = {}
        n = 0
        previous = None
        for n, key in enumerate(doc_of_passage, start=1):
            if key == previous:
                continue
            if key in where:
                raise ValueError(f"the passages of document {key!r} are not consecutive (position {n})")
            if keys:
                ends.append(n - 1)
            where[key] = len(keys)
            keys.append(key)
            starts.append(n - 1)
            previous = key
        if keys:
            ends.append(n)
        self.n_total = n
        self.keys = keys
        self._index = where
        self._starts = np.asarray(starts, dtype=np.int64)
        self._ends = np.asarray(ends, dtype=np.int64)
        self._cache: OrderedDict[frozenset[str], Selection] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def range(self, key: str) -> tuple[int, int]:
        """[start, end) of key's passages; (0, 0) for a key the index does not hold."""
        i = self._index.get(key)
        if i is None:
            return 0, 0
        return int(self._starts[i]), int(self._ends[i])

    def select(self, doc: str | Iterable[str] | None) -> Selection | None:
        """None for no filter; else the selection of one key or of a collection of keys (keys the
        index does not hold select nothing)."""
        if doc is None:
            return None
        if isinstance(doc, str):
            start, end = self.range(doc)
            return Selection(np.asarray([start]), np.asarray([end]), self.n_total)
        wanted = frozenset(doc)
        with self._lock:
            cached = self._cache.get(wanted)
            if cached is not None:
                self._cache.move_to_end(wanted)
                return cached
        rows = np.asarray(sorted(self._index[k] for k in wanted if k in self._index), dtype=np.int64)
        selection = Selection(self._starts[rows], self._ends[rows], self.n_total)
        with self._lock:
            self._cache[wanted] = selection
            while len(self._cache) > CACHED_FILTERS:
                self._cache.popitem(last=False)
        return selection
