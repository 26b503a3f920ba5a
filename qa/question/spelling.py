"""Typos and everyday shorthand: question words the corpus never uses, read as the corpus term
they were meant to be.

A user types "recomend", "turkiye", "mtg", "govt", "Aug"; the resolutions say "recommend",
"Türkiye", "meeting", "government", "August". Unread, such a word is one the corpus does not know,
which the confidence stage takes as a sign that the question is about something else, and the
question abstains. So:
- `SHORTHAND`: everyday abbreviations (meeting, government, months, article, ordinals), any case;
- `Spelling`: a SymSpell lookup (symspellpy: precomputed deletions, so a lookup costs the same
  whatever the corpus size) over the corpus's own terms, built once at load. A question term the
  corpus does not know is corrected to the most frequent corpus term one edit away (two edits
  cost ~3x the load time and memory: 4.9 s and ~65 MB for 60,000 terms against 1.5 s and ~40 MB,
  and no question of the sets needed them), or to its accented form ("turkiy" -> "türkiy"). Only a word that
  is no English word is a typo: "react", "farmers", "merging" are words the corpus happens not to
  use, and stay (the English word list is the one symspellpy ships, 82,765 words). Capitalised
  words inside a sentence are names and stay as typed: a name the corpus lacks ("Kiribati",
  "Wagner") is what an out-of-scope question is made of.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from qa.text import content_terms

__all__ = ["SHORTHAND", "Spelling", "shorthand_forms"]

SHORTHAND: dict[str, str] = {
    "mtg": "meeting", "mtgs": "meetings", "govt": "government", "govts": "governments",
    "gov't": "government", "res": "resolution", "reso": "resolution", "resos": "resolutions",
    "intl": "international", "int'l": "international", "art": "article", "arts": "articles",
    "para": "paragraph", "paras": "paragraphs", "yr": "year", "yrs": "years", "approx": "approximately",
    "jan": "January", "feb": "February", "apr": "April", "jun": "June", "jul": "July",
    "aug": "August", "sep": "September", "sept": "September", "oct": "October", "nov": "November",
    "dec": "December", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
    "5th": "fifth", "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth",
}
_SHORT = re.compile(r"(?<![\w'])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
                    + r")(?:'s|’s)?\.?(?![\w'])", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|[\"'(]\s*)$")
MIN_LETTERS = 5  # shorter words have too many neighbours one edit away
MIN_DF = 2  # a correction's target is a term at least this many clauses use


def shorthand_forms(question: str) -> list[str]:
    """The long forms of the everyday shorthand question uses, once each, in order."""
    return list(dict.fromkeys(SHORTHAND[m.group(1).lower()] for m in _SHORT.finditer(question)))


@lru_cache(maxsize=1)
def _english() -> tuple[str, ...]:
    """The words of symspellpy's English frequency list (shipped in its package folder), most
    frequent first."""
    import symspellpy

    path = Path(symspellpy.__file__).parent / "frequency_dictionary_en_82_765.txt"
    counted = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            word, _, count = line.partition(" ")
            counted.append((-int(count), word))
    return tuple(word for _, word in sorted(counted))


def english_words() -> frozenset[str]:
    return _common(len(_english()))


@lru_cache(maxsize=4)
def _common(n: int) -> frozenset[str]:
    return frozenset(_english()[:n])


def _fold(term: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", term) if not unicodedata.combining(ch))


class Spelling:
    """Corrections of unknown question words onto corpus terms (see the module docstring)."""

    def __init__(self, terms: Mapping[str, int], df: Sequence[int]) -> None:
        """terms: corpus term -> id (qa.ranking.clauses.Vocabulary.ids); df: clause counts by id."""
        from symspellpy import SymSpell  # lazy: only an engine over a collection builds one

        self._known = terms
        self._english = english_words()
        self._df = df
        self._symspell = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
        self._folded: dict[str, str] = {}
        for term, i in terms.items():
            count = int(df[i])
            if count < MIN_DF or not term.isalpha():
                continue
            if len(term) >= MIN_LETTERS - 1:
                self._symspell.create_dictionary_entry(term, count)
            folded = _fold(term)
            if folded != term and count > int(df[terms.get(self._folded.get(folded, ""), i)]) - 1:
                self._folded[folded] = term

    def corrections(self, question: str) -> dict[str, str]:
        """{typed term: corpus term} for the question's lower-case (or sentence-initial) words that
        the corpus does not know and that are one edit from a term it does."""
        from symspellpy import Verbosity

        out: dict[str, str] = {}
        for m in _WORD.finditer(question):
            word = m.group(0)
            if word[0].isupper() and not _SENTENCE_START.search(question[: m.start()]):
                continue  # a name inside the sentence: kept as typed
            if word.isupper() and len(word) > 1:
                continue  # an acronym
            terms = content_terms(word)
            if len(terms) != 1 or terms[0] in self._known:
                continue
            term = terms[0]
            folded = self._folded.get(_fold(term))
            if folded is not None:
                out[term] = folded
                continue
            if len(word) < MIN_LETTERS or len(term) < MIN_LETTERS - 1 or not term.isalpha():
                continue
            if word.lower() in self._english:
                continue  # a word, not a typo
            found = self._symspell.lookup(term, Verbosity.CLOSEST, max_edit_distance=1)
            if found:
                best = max(found, key=lambda s: (s.count, s.term))
                out[term] = best.term
        return out


_TOKEN = re.compile(r"[\w'’.-]+")


COMMON_WORDS = 3000


def read_as_corpus(question: str, long_forms: Mapping[str, str], corrections: Mapping[str, str],
                   known: Mapping[str, int] | None = None) -> str:
    """The question with its shorthand, acronyms (long_forms: acronym -> name, UN shorthand and the
    corpus's definitions) and typos (corrections, from `Spelling.corrections`) replaced by what the
    corpus writes: the words the confidence stage weighs as known or unknown. A word among the
    COMMON_WORDS most frequent English words that the corpus (known: its terms) does not use is
    left out: "went", "died", "money" say nothing of a topic the corpus lacks."""
    common = _common(COMMON_WORDS) if known is not None else frozenset()

    def read(m: re.Match) -> str:
        token = m.group(0)
        word = token.rstrip(".")
        for key in (word, re.sub(r"(?:'s|’s)$", "", word)):
            if key in long_forms:
                return long_forms[key]
            if key.lower() in SHORTHAND:
                return SHORTHAND[key.lower()]
        terms = content_terms(word)
        if len(terms) == 1 and terms[0] in corrections:
            return corrections[terms[0]]
        if len(terms) == 1 and word.lower() in common and terms[0] not in known:
            return ""
        return token

    return _TOKEN.sub(read, question)
