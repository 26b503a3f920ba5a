"""What the indexed resolutions cannot answer, however many words they share with the question.

Word overlap and embeddings say how *close* a passage is, not whether it holds what was asked:
"What sanctions are imposed on Iran?" is close to any sanctions paragraph. Some questions name or
ask for a fact whose absence can be checked in the text itself, and then the honest answer is that
the resolution does not address it:

- a place the documents never name ("... on Iran?");
- a year or an ordinal they never use ("the Eighth Conference", "in 2015"), unless the ordinal
  names a paragraph ("the third operative paragraph");
- how a vote went, or who sponsored the text, when they record no vote or sponsors;
- an amount of money when they state none.

Each check returns the reason, shown to the user in the abstention message.

The facts are kept as inverted maps, built as clauses are added: fact -> the documents holding it
(a year, an ordinal, a place name's terms, a vote record). A question then costs one lookup per
fact it names, whatever the number of documents (an index of every resolution holds ~20,000),
and checking a subset of documents (a filter) costs in proportion to the smaller of the two sets.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import lru_cache

from qa.question.places import PLACE_NAMES, places_in_question, related_places
from qa.text import content_terms, ordinal_words

__all__ = ["DocumentScope", "document_facts", "place_terms"]

_ORDINAL_NUMBERS = {ordinal_words(n): n for n in range(2, 100)}  # "first" is too common to tell
_ORDINAL_WORDS = frozenset(_ORDINAL_NUMBERS)
_ORDINAL_NUMERAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DIGIT_RUN = re.compile(r"\d{4,}")
# a maximal run ending like an ordinal: what (?<![\w-])word(?![\w-]) matches whole
_ORDINAL_RUN = re.compile(r"[\w-]+(?:st|nd|rd|th)(?![\w-])")
_ORDINAL_NUMERAL_IN_TEXT = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")

# (question asks, the document would have to say, reason)
_RECORD_FACTS = (
    (re.compile(r"\bvot(?:e|es|ed|ing)\b|\babstain|\bin favou?r of\b|\bunanimous", re.I),
     re.compile(r"\bvot(?:e|es|ed|ing)\b|\babstention|\bin favour\b|\bunanimous", re.I),
     "asks about a vote; the resolution records none"),
    (re.compile(r"\b(?:co-?)?sponsor(?:s|ed|ing|ship)?\b|\b(?:introduced|submitted|tabled) by\b", re.I),
     re.compile(r"\bsponsor|\b(?:introduced|submitted) by\b", re.I),
     "asks who sponsored it; the resolution names no sponsors"),
    (re.compile(r"\bhow much\b.*\b(?:money|funds?|funding|cost|costs|budget|pay|paid|capital|spend|"
                r"contribut\w*|dollars?|euros?|finance|financing)\b|\bwhat (?:is|was) the (?:budget|cost)\b|"
                r"\bhow much (?:will|does|did|do|has|have) .* (?:pay|cost|give|contribute)\b", re.I),
     re.compile(r"(?:US)?\$\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:dollars|euros|francs)\b|"
                r"\b(?:million|billion) (?:dollars|euros)\b|\bUSD\b|\bEUR\b", re.I),
     "asks for an amount of money; the resolution states none"),
)


@lru_cache(maxsize=1)
def _place_terms() -> frozenset[str]:
    """Every term of every place name (and its other names): the only terms the place check reads."""
    return frozenset(t for name in PLACE_NAMES for t in content_terms(name))


place_terms = _place_terms  # public: the engine's load looks these terms up in its clause table


def document_facts(texts: Iterable[str]) -> dict:
    """The facts the checks read from a document's own texts: {"years": every 4-digit window of
    each digit run ("year in years" is "year in text"), "ordinals": whole ordinal words ("fourth"
    is not in "sixty-fourth") and numerals ("41" of "41st"), "records": whether it records a vote,
    sponsors, a sum of money}. Read once at build time and kept in the index (qa.passages)."""
    years: set[str] = set()
    ordinals: set[str] = set()
    records = [False] * len(_RECORD_FACTS)
    for text in texts:
        lowered = text.lower()
        for run in _DIGIT_RUN.findall(lowered):
            years.update(run[i:i + 4] for i in range(len(run) - 3))
        ordinals.update(w for w in _ORDINAL_RUN.findall(lowered) if w in _ORDINAL_WORDS)
        ordinals.update(_ORDINAL_NUMERAL_IN_TEXT.findall(lowered))
        for i, (_, holds, _) in enumerate(_RECORD_FACTS):
            if not records[i] and holds.search(text):
                records[i] = True
    return {"years": sorted(years), "ordinals": sorted(ordinals), "records": records}


class DocumentScope:
    """For each fact the checks read, the documents that hold it."""

    def __init__(self) -> None:
        self._docs: set[Hashable] = set()
        self._years: dict[str, set] = {}
        self._ordinals: dict[str, set] = {}  # "fourth", "41" (of "41st")
        self._places: dict[str, set] = {}  # a place name's term -> documents using it
        self._records: tuple[set, ...] = tuple(set() for _ in _RECORD_FACTS)

    def add(self, doc: Hashable, text: str, terms: Iterable[str] | None = None) -> None:
        """Add one clause's own text (and the adoption record) to doc; terms: its content terms
        when the caller has them (qa.text.content_terms)."""
        self.add_facts(doc, document_facts([text]))
        self.add_places(doc, content_terms(text) if terms is None else terms)

    def add_facts(self, doc: Hashable, facts: dict) -> None:
        """Add a document's facts as `document_facts` reads them (kept in the index at build time)."""
        self._docs.add(doc)
        for year in facts.get("years", ()):
            self._years.setdefault(str(year), set()).add(doc)
        for word in facts.get("ordinals", ()):
            self._ordinals.setdefault(str(word), set()).add(doc)
        for held, flag in zip(self._records, facts.get("records", ()), strict=False):
            if flag:
                held.add(doc)

    def add_places(self, doc: Hashable, terms: Iterable[str]) -> None:
        """Add the terms of a clause of doc; only those of place names are kept."""
        self._docs.add(doc)
        places = _place_terms()
        for term in set(terms):
            if term in places:
                self._places.setdefault(term, set()).add(doc)

    def add_place_term(self, term: str, docs: Iterable[Hashable]) -> None:
        """Record that each of docs uses term in a clause's own words (the engine reads this from
        its clause table at load, for documents whose facts the index keeps); terms of no place
        name are ignored."""
        if term in _place_terms():
            docs = list(docs)
            self._docs.update(docs)
            self._places.setdefault(term, set()).update(docs)

    @staticmethod
    def _any(holders: set, docs: frozenset | None) -> bool:
        return bool(holders) if docs is None else not holders.isdisjoint(docs)

    def _names_place(self, terms: list[str], docs: frozenset | None) -> bool:
        holders = [self._places.get(t, set()) for t in terms]
        if not holders or not all(holders):
            return False
        common = set.intersection(*sorted(holders, key=len))
        return self._any(common, docs)

    def unsupported(self, question: str, docs: Iterable[Hashable] | None = None,
                    names_a_paragraph: bool = False) -> str | None:
        """The reason none of docs (None: every document added) can answer question, or None."""
        chosen = None if docs is None else frozenset(docs)
        many = chosen is None and len(self._docs) != 1 or chosen is not None and len(chosen) != 1
        where = "the documents do" if many else "the document does"
        for place in places_in_question(question):
            # "Mongolia" is mentioned by a document that names Ulaanbaatar
            names = [content_terms(n) for n in (place, *related_places(place))]
            if not any(self._names_place(name, chosen) for name in names):
                return f"names {place}, which {where} not mention"
        for year in _YEAR.findall(question):
            if not self._any(self._years.get(year, set()), chosen):
                return f"names the year {year}, which {where} not mention"
        if not names_a_paragraph:
            for n, said in self._ordinals_in(question):
                held = self._ordinals.get(ordinal_words(n), set()) | self._ordinals.get(str(n), set())
                if not self._any(held, chosen):
                    return f"names the {said}, which {where} not mention"
        for held, (asks, _, reason) in zip(self._records, _RECORD_FACTS, strict=True):
            if asks.search(question) and not self._any(held, chosen):
                return reason
        return None

    @staticmethod
    def _ordinals_in(question: str) -> list[tuple[int, str]]:
        text = question.lower()
        out = [(_ORDINAL_NUMBERS[w], w) for w in _WORD.findall(text) if w in _ORDINAL_NUMBERS]
        out += [(int(m.group(1)), m.group(0)) for m in _ORDINAL_NUMERAL.finditer(text) if int(m.group(1)) >= 2]
        return out
