"""PassageIndex.bm25_postings: each passage's distinct BM25 tokens, read from the loaded index."""

from __future__ import annotations

import numpy as np
import pytest

from index.sparse import tokenize
from index.store import PassageIndex


def test_the_postings_hold_each_passages_tokens_and_cannot_be_written(corpus_index_dir):
    index = PassageIndex.load(corpus_index_dir)
    vocab, indptr, indices = index.bm25_postings()
    names = {i: t for t, i in vocab.items()}
    held: list[set[str]] = [set() for _ in index.passages]
    for token in range(len(indptr) - 1):
        row = indices[indptr[token]:indptr[token + 1]]
        assert np.all(np.diff(row) > 0)  # sorted positions, each once
        for pos in row.tolist():
            held[pos].add(names[token])
    for p, tokens in zip(index.passages, held, strict=True):
        assert tokens == (set(tokenize(p.text)) or {""}), p.id
    with pytest.raises(ValueError):
        indices[0] = 1
