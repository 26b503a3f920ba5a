"""How every stage reads text: the shared content-term tokenizer, the segments of a clause, ordinal words.

- `content_terms`: lowercase words and document symbols ("a/52/334", "62/7"), stopwords dropped,
  words stemmed (Snowball English via PyStemmer, a light C extension). The lexical rankers, the
  scope checks and the highlight all count terms with it, so a term means the same everywhere.
- `segments(text)`: a clause cut into sentences and semicolon-separated phrases; a segment longer
  than ~45 words is cut again at commas into pieces of at least ~12 words. The same segments are
  indexed as "part" passages (qa.passages) and offered as highlights (qa.answers.highlight).
- `ordinal_words(64)`: "sixty-fourth", as resolutions write session and meeting numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["content_terms", "is_content_term", "segments", "ordinal_words", "ordinal_suffix", "STOPWORDS"]

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
    return list(_content_terms(text))


@lru_cache(maxsize=32)
def _content_terms(text: str) -> tuple[str, ...]:
    # a question's text is read by several stages (ranking, confidence, highlights): tokenized once
    # for them; a few entries, so that it serves one question's stages and is no cache of questions
    from index.sparse import tokenize

    stop = _stopword_stems()  # is_content_term, inline: this runs for every token of a question
    return tuple(t for t in tokenize(text) if "/" in t or "(" in t or (t not in stop and (len(t) > 1 or t.isdigit())))


def is_content_term(token: str) -> bool:
    """Whether content_terms keeps this BM25 token: what the engine reads from the index's BM25
    vocabulary instead of tokenizing every clause again at load."""
    return "/" in token or "(" in token or (token not in _stopword_stems() and (len(token) > 1 or token.isdigit()))


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


_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS_ORD = ("", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
             "eightieth", "ninetieth")


def ordinal_words(n: int) -> str:
    """64 -> 'sixty-fourth' (1..99; other numbers as '100th')."""
    if 1 <= n <= 9:
        return _UNITS[n]
    if 10 <= n <= 19:
        return _TEENS[n - 10]
    if 20 <= n <= 99:
        tens, unit = divmod(n, 10)
        return _TENS_ORD[tens] if unit == 0 else f"{_TENS[tens]}-{_UNITS[unit]}"
    return ordinal_suffix(n)


def ordinal_suffix(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
