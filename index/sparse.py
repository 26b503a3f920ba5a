"""BM25 over passages with bm25s, with a tokenizer that keeps document symbols whole.

"A/58/387", "A/64/L.12" and "62/7" are what users paste; the usual word tokenizer would cut them
into numbers that match everywhere. Symbols become single tokens ("a/58/387") next to the words.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import numpy as np

from index.selection import Selection, top_k

# Version of the token scheme below: recorded in the manifest, checked on load (an index whose
# BM25 vocabulary was made by another scheme would silently miss its symbols).
TOKENIZER = "words+symbols-3"

# A slash symbol ("A/58/387", "A/C.3/64/L.12", "E/CN.6/2009/15", "GC(67)/RES/15", "62/7", "1514 (XV)"):
# it must hold a digit, so "and/or" or "his/her" stay words.
SYMBOL = re.compile(
    r"(?<![\w/])(?:[A-Za-z]{1,6}(?:\(\d{1,3}\))?(?:/[A-Za-z0-9.()\-]+)+|\d{1,4}/\d{1,4}(?:\s?\([IVXLC]+\))?)"
)
# An old-style resolution number: "1514 (XV)", "2625(XXV)".
ROMAN_SESSION = re.compile(r"(?<![\w/])(\d{1,4})\s?\(([IVXLC]+)\)(?!\w)")
RESOLUTION_NUMBER = re.compile(r"\d{1,4}/\d{1,4}|\d{1,4}\([ivxlc]+\)")
WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def _clean_symbol(raw: str) -> str:
    symbol = raw.lower().replace(" ", "").rstrip(".,;:")
    # "(A/58/387)": the closing parenthesis is the sentence's, not the symbol's.
    while symbol.endswith(")") and symbol.count(")") > symbol.count("("):
        symbol = symbol[:-1].rstrip(".,;:")
    return symbol


def _symbol_tokens(symbol: str) -> list[str]:
    parts = symbol.split("/")
    # "A/RES/55/2" is also cited as "55/2", "A/RES/2625(XXV)" as "2625 (XXV)": index that number too.
    for tail in ("/".join(parts[-2:]), parts[-1]):
        if tail != symbol and RESOLUTION_NUMBER.fullmatch(tail):
            return [symbol, tail]
    return [symbol]


def tokenize(text: str) -> list[str]:
    """Lowercased, stemmed words without stopwords, plus whole symbols (not cut into numbers)."""
    symbols: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in SYMBOL.finditer(text):
        symbol = _clean_symbol(match.group(0))
        if not any(ch.isdigit() for ch in symbol):
            continue  # "and/or": plain words
        symbols.extend(_symbol_tokens(symbol))
        spans.append((match.start(), match.start() + len(symbol)))
    rest = text
    for start, end in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    # "1514 (XV)" keeps its words ("1514", "xv") and is also one token, "1514(xv)".
    symbols.extend(f"{m.group(1)}({m.group(2).lower()})" for m in ROMAN_SESSION.finditer(rest))
    words = [w for w in WORD.findall(rest.lower()) if w not in _stopwords()]
    return _stemmer().stemWords(words) + symbols


def build(texts: list[str]):
    import bm25s

    model = bm25s.BM25()
    model.index([tokenize(t) or [""] for t in texts], show_progress=False)
    return model


def save(model, folder: str) -> None:
    model.save(folder, show_progress=False)


def load(folder: str):
    import bm25s

    return bm25s.BM25.load(folder, show_progress=False, mmap=False)


class Scorer:
    """BM25 top-k from bm25s's own score matrix, touching only the postings of the query's terms.

    bm25s's `get_scores` fills a score per passage of the index and the top-k then sorts them all:
    work that grows with the index whatever the question. Here a query costs its terms' postings:
    their scores are summed into a per-thread array kept from query to query (zeroed again where it
    was written), and only the passages written are ranked. The sums are bm25s's own, term by term
    in the same order, so the scores are identical. A selection restricts the postings by position
    ranges (binary search in each sorted posting list) or, for a filter of many ranges, by its mask.
    """

    MAX_RANGES = 256  # beyond this many ranges, a mask lookup per posting is cheaper than cutting

    def __init__(self, model, n_passages: int) -> None:
        self.n_passages = n_passages if model is not None else 0
        self._vocab = model.vocab_dict if model is not None else {}
        scores = model.scores if model is not None else {}
        self._data = scores.get("data")
        self._indices = scores.get("indices")
        self._indptr = scores.get("indptr")
        self._local = threading.local()

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self._data, self._indices, self._indptr) if a is not None)

    def _scratch(self) -> np.ndarray:
        scratch = getattr(self._local, "scores", None)
        if scratch is None:
            scratch = self._local.scores = np.zeros(self.n_passages, dtype=np.float32)
        return scratch

    def _postings(self, token_id: int, selection: Selection | None) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = int(self._indptr[token_id]), int(self._indptr[token_id + 1])
        indices, data = self._indices[lo:hi], self._data[lo:hi]
        if selection is None:
            return indices, data
        if selection.ranges <= self.MAX_RANGES:  # else: every posting, the mask applies at the end
            cut_lo = np.searchsorted(indices, selection.starts)
            cut_hi = np.searchsorted(indices, selection.ends)
            pieces = [(a, b) for a, b in zip(cut_lo.tolist(), cut_hi.tolist(), strict=True) if b > a]
            if len(pieces) == 1:
                a, b = pieces[0]
                return indices[a:b], data[a:b]
            if not pieces:
                return indices[:0], data[:0]
            return (np.concatenate([indices[a:b] for a, b in pieces]),
                    np.concatenate([data[a:b] for a, b in pieces]))
        return indices, data

    def search(self, query: str, k: int, selection: Selection | None = None) -> list[tuple[int, float]]:
        """Top-k (position, BM25 score > 0) for one query, best first (ties: lower position)."""
        if self.n_passages == 0 or k <= 0 or (selection is not None and selection.size == 0):
            return []
        ids = [self._vocab[t] for t in tokenize(query) if t in self._vocab]  # repeated terms count again
        if not ids:
            return []
        scratch = self._scratch()
        touched = []
        try:
            for token_id in ids:
                indices, data = self._postings(token_id, selection)
                if not len(indices):
                    continue
                if not touched:  # the first term's postings: all new, nothing to add to
                    touched.append(indices)
                    scratch[indices] = data
                    continue
                touched.append(indices[scratch[indices] == 0])  # BM25 scores are > 0: 0 = not yet written
                scratch[indices] += data
            if not touched:
                return []
            positions = np.concatenate(touched) if len(touched) > 1 else touched[0]
            if selection is not None and selection.ranges > self.MAX_RANGES:
                # a filter of many ranges: the postings were summed whole (cheaper than masking
                # each term's), only the passages written are checked against the filter
                positions = positions[selection.mask()[positions]]
            scores = scratch[positions]
        finally:
            for written in touched:
                scratch[written] = 0.0
        best = top_k(scores, positions, k)
        return [(int(positions[i]), float(scores[i])) for i in best]


def search(model, query: str, k: int, n_passages: int) -> list[tuple[int, float]]:
    """Top-k (position, BM25 score > 0) for one query over a whole model (see Scorer)."""
    return Scorer(model, n_passages).search(query, k)
