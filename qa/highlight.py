"""Which sentence or phrase of a clause answers the question, and the terms used to judge it.

`segments(text)` cuts a clause into sentences and semicolon-separated phrases; a segment longer
than ~45 words is cut again at commas into pieces of at least ~12 words, so a highlight points at
something a reader can take in at a glance. The same segments are indexed as "part" passages
(qa.passages), so at query time each segment may carry a dense score from the search itself: no
extra encoding. `best_segment` combines that with stemmed term overlap weighted by IDF.

`content_terms` is the shared tokenizer: lowercase words and document symbols ("a/52/334",
"62/7"), stopwords dropped, words stemmed (Snowball English via PyStemmer, a light C extension).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

__all__ = ["segments", "content_terms", "best_segment", "STOPWORDS"]

_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=\S)")
_COMMA = re.compile(r",\s+")
_LONG_WORDS = 45
_MIN_WORDS = 12

# Symbols ("A/52/334", "A/64/L.12", "62/7", "GC(69)/RES/7") are single terms; else words.
_TOKEN = re.compile(r"[A-Za-z]+(?:\([0-9]+\))?(?:/[A-Za-z0-9.()]+)+|\d+/\d+|\w+(?:[-'’]\w+)*")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves shall may might must upon thereof therein whether within without us
what's which's say says said tell mention mentioned mentions resolution text document paragraph
""".split())


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: a small C extension, cheap to import

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stopword_stems() -> frozenset[str]:
    return frozenset(STOPWORDS) | frozenset(_stem(w) for w in STOPWORDS)


def content_terms(text: str) -> list[str]:
    """Stemmed non-stopword terms of text, then its symbols kept whole (duplicates kept).

    Words and symbols come from the BM25 tokenizer (index.sparse.tokenize), so a symbol such as
    "(A/CONF.202/3)" or "55/2" is the same term for the lexical rankers as for BM25."""
    from index.sparse import tokenize

    stop = _stopword_stems()
    return [t for t in tokenize(text) if "/" in t or "(" in t or (t not in stop and (len(t) > 1 or t.isdigit()))]


def segments(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences / phrases of text, covering it in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if len(text[s:e].split()) <= _LONG_WORDS:
            out.append((s, e))
            continue
        piece_start = s
        for m in _COMMA.finditer(text, s, e):
            if len(text[piece_start:m.start()].split()) >= _MIN_WORDS and len(text[m.end():e].split()) >= _MIN_WORDS:
                out.append((piece_start, m.start() + 1))
                piece_start = m.end()
        out.append((piece_start, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


@lru_cache(maxsize=8192)
def _segment_terms(text: str) -> tuple[tuple[tuple[int, int], frozenset[str]], ...]:
    """A clause's segments with their terms: the same clauses are cited question after question."""
    return tuple(((s, e), frozenset(content_terms(text[s:e]))) for s, e in segments(text))


def best_segment(
    question_terms: Iterable[str],
    text: str,
    idf: Mapping[str, float] | None = None,
    dense: Mapping[int, float] | None = None,
) -> tuple[int, int]:
    """The span of the segment that best matches: IDF-weighted share of the question's terms it
    contains, plus its dense cosine (dense: segment index -> score) when the search returned it.
    A clause of one segment is highlighted whole."""
    spans = _segment_terms(text)
    if not spans:
        return (0, len(text))
    if len(spans) == 1:
        return spans[0][0]
    q = set(question_terms)
    weight = {t: (idf.get(t, 1.0) if idf else 1.0) for t in q}
    total = sum(weight.values()) or 1.0
    best, best_score = spans[0][0], -math.inf
    for i, ((s, e), seg_terms) in enumerate(spans):
        lexical = sum(w for t, w in weight.items() if t in seg_terms) / total
        score = lexical + (dense.get(i, 0.0) if dense else 0.0)
        if score > best_score:
            best, best_score = (s, e), score
    return best
