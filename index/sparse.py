"""BM25 over passages with bm25s, with a tokenizer that keeps document symbols whole.

"A/58/387", "A/64/L.12" and "62/7" are what users paste; the usual word tokenizer would cut them
into numbers that match everywhere. Symbols become single tokens ("a/58/387") next to the words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

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


def search(model, query: str, k: int, n_passages: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
    """Top-k (position, BM25 score > 0) for one query, optionally only where mask is True."""
    if model is None or n_passages == 0 or k <= 0:
        return []
    vocab = model.vocab_dict
    tokens = [t for t in tokenize(query) if t in vocab]
    if not tokens:
        return []
    scores = np.asarray(model.get_scores(tokens), dtype=np.float32)[:n_passages]
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    top = min(k, int((scores > 0).sum()))
    if top == 0:
        return []
    best = np.argpartition(-scores, top - 1)[:top]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(i), float(scores[i])) for i in best]
