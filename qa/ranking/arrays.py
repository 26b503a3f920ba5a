"""Ragged rows as CSR arrays (pointers + data), and gathering some of them at once."""

from __future__ import annotations

import numpy as np

__all__ = ["csr", "gather", "unique_sorted"]


def csr(rows: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=ptr[1:])
    data = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int32)
    return ptr, data.astype(np.int32, copy=False)


def gather(ptr: np.ndarray, data: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenated rows and, for each element, which of `rows` it came from."""
    starts, ends = ptr[rows], ptr[rows + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return data[starts[owner] + offsets], owner


def unique_sorted(values: np.ndarray, counts: bool = False):
    """np.unique(values) (and the counts) by one sort: numpy 2.4's np.unique without return_*
    hashes, and is tens of times slower on these integer arrays (1 ms for 1,000 values)."""
    values = np.sort(np.asarray(values))
    if not len(values):
        return (values, np.zeros(0, dtype=np.int64)) if counts else values
    first = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    if not counts:
        return values[first]
    return values[first], np.diff(np.r_[first, len(values)])
