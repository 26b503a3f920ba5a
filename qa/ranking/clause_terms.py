"""Each clause's content terms as integer ids, read from what the index stores, not tokenized again.

BM25 indexed every passage's text with index.sparse.tokenize, and qa.text.content_terms is that
tokenizer with a filter (qa.text.is_content_term), so the index's BM25 postings already say which
terms each passage holds. For a clause:
- `ctx`, its terms with their context: the BM25 tokens of its whole passage that the filter keeps;
- `own`, its own words: the same row when its passage's text is its own text (the adoption record,
  a paragraph without heading, chapeau or footnotes); else the union of its part passages' rows
  when the parts hold its own text word for word (qa.passages cuts parts at white space, which
  no token spans); else, and only then, its own text is tokenized.
Rows are CSR arrays over a compact vocabulary (the terms some clause holds, in BM25's order, then
the terms only a tokenized own text holds). tests/qa/ranking/test_clause_terms.py checks that
the rows equal those of tokenizing every clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qa.ranking.arrays import unique_sorted
from qa.text import content_terms, is_content_term

__all__ = ["PassageTerms", "ClauseTerms", "clause_terms", "covers_word_for_word"]


class PassageTerms:
    """The distinct content terms (ids) of any passage, from BM25 postings or by tokenizing."""

    def __init__(self, passages: Sequence, postings: tuple[dict[str, int], np.ndarray, np.ndarray] | None) -> None:
        """postings: the index's (vocabulary, indptr, indices) (index.store.PassageIndex.bm25_postings);
        None to tokenize the passages asked for instead."""
        self._passages = passages
        self.terms: list[str] = []
        self.ids: dict[str, int] = {}
        self._ptr = self._data = None
        if postings is None or not len(postings[2]):
            return
        vocab, indptr, indices = postings
        # bm25s may give a token no column (its "" for empty texts comes last): ids past the columns
        self.terms = [""] * max(len(indptr) - 1, max(vocab.values(), default=-1) + 1)
        for term, i in vocab.items():
            self.terms[i] = term
        self.ids = dict(vocab)
        kept = np.fromiter((is_content_term(t) for t in self.terms), dtype=bool, count=len(self.terms))
        token = np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr))
        keep = kept[token]
        token, position = token[keep], np.asarray(indices)[keep]
        # passage -> its tokens: the postings (token-major) turned passage-major; a stable sort keeps
        # each passage's tokens in id order
        order = np.argsort(position, kind="stable")
        self._data = token[order]
        self._ptr = np.zeros(len(passages) + 1, dtype=np.int64)
        np.cumsum(np.bincount(position, minlength=len(passages)), out=self._ptr[1:])

    def rows(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(term ids, which of positions each came from) of the passages at positions."""
        positions = np.asarray(positions, dtype=np.int64)
        if self._ptr is None:
            ids, owner = [], []
            for i, pos in enumerate(positions.tolist()):
                row = self.tokenize(self._passages[pos].text)
                ids.extend(row)
                owner.extend([i] * len(row))
            return np.asarray(ids, dtype=np.int32), np.asarray(owner, dtype=np.int64)
        starts, ends = self._ptr[positions], self._ptr[positions + 1]
        lengths = ends - starts
        owner = np.repeat(np.arange(len(positions), dtype=np.int64), lengths)
        offsets = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self._data[starts[owner] + offsets], owner

    def tokenize(self, text: str) -> list[int]:
        """The ids of text's content terms (a term new to the vocabulary gets the next id)."""
        ids = self.ids
        out = []
        for t in content_terms(text):
            i = ids.get(t)
            if i is None:
                i = ids[t] = len(self.terms)
                self.terms.append(t)
            out.append(i)
        return out


@dataclass
class ClauseTerms:
    terms: list[str]  # id -> term
    ctx_ptr: np.ndarray
    ctx: np.ndarray
    own_ptr: np.ndarray
    own: np.ndarray


def clause_terms(tokens: PassageTerms, positions: np.ndarray, own_texts: Sequence[str | None],
                 parts: dict[int, list[int]]) -> ClauseTerms:
    """The rows of each clause (see the module docstring). positions: clause -> its whole passage;
    own_texts: clause -> its own text when it is not its passage's text, else None; parts:
    clause -> the positions of its part passages that hold its own text word for word."""
    n = len(positions)
    ctx_ids, ctx_owner = tokens.rows(positions)
    own_ids, own_owner = [ctx_ids[_same_as_ctx(own_texts, ctx_owner)]], []
    own_owner.append(ctx_owner[_same_as_ctx(own_texts, ctx_owner)])
    with_parts = [(c, pos) for c, found in parts.items() for pos in found]
    if with_parts:
        owners, part_positions = np.asarray(with_parts, dtype=np.int64).T
        ids, at = tokens.rows(part_positions)
        own_ids.append(ids)
        own_owner.append(owners[at])
    ids, owner = [], []
    for c, text in enumerate(own_texts):
        if text is not None and c not in parts:
            row = tokens.tokenize(text)
            ids.extend(row)
            owner.extend([c] * len(row))
    own_ids.append(np.asarray(ids, dtype=np.int32))
    own_owner.append(np.asarray(owner, dtype=np.int64))
    own_ids_all = np.concatenate(own_ids).astype(np.int64)
    own_owner_all = np.concatenate(own_owner)
    # the compact vocabulary: the terms some clause holds, in their id order (rows stay sorted)
    used = unique_sorted(np.concatenate([ctx_ids.astype(np.int64), own_ids_all]))
    remap = np.full(len(tokens.terms), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    ctx_ptr, ctx = _csr(ctx_owner, remap[ctx_ids], n, len(used))
    own_ptr, own = _csr(own_owner_all, remap[own_ids_all], n, len(used))
    return ClauseTerms([tokens.terms[i] for i in used.tolist()], ctx_ptr, ctx, own_ptr, own)


def _same_as_ctx(own_texts: Sequence[str | None], owner: np.ndarray) -> np.ndarray:
    same = np.fromiter((t is None for t in own_texts), dtype=bool, count=len(own_texts))
    return same[owner] if len(owner) else np.zeros(0, dtype=bool)


def _csr(owner: np.ndarray, ids: np.ndarray, rows: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of distinct ids, each sorted, from (row, id) pairs."""
    key = unique_sorted(owner.astype(np.int64) * np.int64(width + 1) + ids)
    row, data = key // np.int64(width + 1), (key % np.int64(width + 1)).astype(np.int32)
    ptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=rows), out=ptr[1:])
    return ptr, data


def covers_word_for_word(own: str, part_texts: Sequence[str]) -> bool:
    """The parts hold own's words in order, none cut: their rows' union is own's terms."""
    words = own.split()
    at = 0
    for text in part_texts:
        piece = text.split()
        if words[at:at + len(piece)] != piece:
            return False
        at += len(piece)
    return at == len(words)
