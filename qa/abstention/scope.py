"""What a resolution cannot answer, however many words it shares with the question.

Word overlap and embeddings say how *close* a passage is, not whether it holds what was asked:
"What sanctions are imposed on Iran?" is close to any sanctions paragraph. Some questions name or
ask for a fact whose absence can be checked in the text itself, and then the honest answer is that
the resolution does not address it:

- a place the document never names ("... on Iran?");
- a year or an ordinal the document never uses ("the Eighth Conference", "in 2015"), unless the
  ordinal names a paragraph ("the third operative paragraph");
- how a vote went, or who sponsored the text, when the document records no vote or sponsors;
- an amount of money when the document states none.

Each check returns the reason, shown to the user in the abstention message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa.question.places import places_in_question, related_places
from qa.text import content_terms, ordinal_words

__all__ = ["DocumentScope"]

_ORDINAL_NUMBERS = {ordinal_words(n): n for n in range(2, 100)}  # "first" is too common to tell
_ORDINAL_NUMERAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DIGIT_RUN = re.compile(r"\d{4,}")
_WORD_RUN = re.compile(r"[\w-]+")  # a maximal run: what (?<![\w-])word(?![\w-]) matches whole
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


class _DocumentFacts:
    """What the checks look up in one document, read once from its lowered text. A question then
    costs set lookups, not a scan of every document (an index of all resolutions holds ~1 GB)."""

    __slots__ = ("years", "ordinal_words", "ordinal_numerals", "records")

    def __init__(self, text: str) -> None:
        # every 4-digit window of each digit run: `year in years` is `year in text`
        self.years = {run[i : i + 4] for run in _DIGIT_RUN.findall(text) for i in range(len(run) - 3)}
        # whole words only ("fourth" is not in "sixty-fourth"); every ordinal ends in st/nd/rd/th
        self.ordinal_words = {w for w in _WORD_RUN.findall(text) if w.endswith(("st", "nd", "rd", "th"))}
        self.ordinal_numerals = set(_ORDINAL_NUMERAL_IN_TEXT.findall(text))
        self.records = tuple(holds.search(text) is not None for _, holds, _ in _RECORD_FACTS)

    def has_ordinal(self, n: int) -> bool:
        return ordinal_words(n) in self.ordinal_words or str(n) in self.ordinal_numerals


class DocumentScope:
    """The facts of each document that the checks above need: its own words, terms and numbers."""

    def __init__(self) -> None:
        self._text: dict[str, list[str]] = {}
        self._terms: dict[str, set[str]] = {}
        self._facts: dict[str, _DocumentFacts] = {}

    def add(self, doc: str, text: str) -> None:
        """Add one clause's own text (and the adoption record) to doc."""
        self._text.setdefault(doc, []).append(text)
        self._terms.setdefault(doc, set()).update(content_terms(text))
        self._facts.pop(doc, None)

    def _facts_of(self, doc: str) -> _DocumentFacts:
        if doc not in self._facts:
            self._facts[doc] = _DocumentFacts(" ".join(self._text.get(doc, [])).lower())
        return self._facts[doc]

    def unsupported(self, question: str, docs: Iterable[str], names_a_paragraph: bool = False) -> str | None:
        """The reason none of docs can answer question, or None."""
        docs = list(docs)
        where = "the document does" if len(docs) == 1 else "the documents do"
        for place in places_in_question(question):
            # "Mongolia" is mentioned by a document that names Ulaanbaatar
            names = [set(content_terms(n)) for n in (place, *related_places(place))]
            if not any(name <= self._terms.get(d, set()) for name in names for d in docs):
                return f"names {place}, which {where} not mention"
        for year in _YEAR.findall(question):
            if not any(year in self._facts_of(d).years for d in docs):
                return f"names the year {year}, which {where} not mention"
        if not names_a_paragraph:
            for n, said in self._ordinals(question):
                if not any(self._facts_of(d).has_ordinal(n) for d in docs):
                    return f"names the {said}, which {where} not mention"
        for i, (asks, _, reason) in enumerate(_RECORD_FACTS):
            if asks.search(question) and not any(self._facts_of(d).records[i] for d in docs):
                return reason
        return None

    @staticmethod
    def _ordinals(question: str) -> list[tuple[int, str]]:
        text = question.lower()
        out = [(_ORDINAL_NUMBERS[w], w) for w in _WORD.findall(text) if w in _ORDINAL_NUMBERS]
        out += [(int(m.group(1)), m.group(0)) for m in _ORDINAL_NUMERAL.finditer(text) if int(m.group(1)) >= 2]
        return out
