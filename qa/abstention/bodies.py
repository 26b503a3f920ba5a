"""A body the question names that no indexed resolution speaks of.

Over thousands of resolutions, "Which resolution set up UNMIK, the United Nations Interim
Administration Mission in Kosovo?" shares every word but one with some paragraph (Kosovo, mission,
United Nations), and the rankers find one. What the corpus lacks is the body itself: no document
uses its acronym, or holds every word of its name. A question naming such a body (by acronym, or
spelled out where the curated table or the corpus's definitions know its acronym) is out of scope.

Only an acronym whose long form is known (the corpus's definitions, the curated table of UN
bodies, or the question's own "(UNREC)") is checked: then it is known what the corpus would have to
name. An acronym of unknown meaning may be one the corpus spells out in another language ("UTA" is
"Union de transports aériens" in S/RES/731 (1992)); an everyday word ("OK", "WHO") says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np

from qa.question.bodies import ACRONYM, AcronymTable, acronym_definitions
from qa.question.spelling import english_words
from qa.ranking.clauses import Vocabulary
from qa.ranking.documents import COMMON_SHARE, DocumentTable
from qa.text import content_terms

__all__ = ["absent_bodies", "absent_body"]

_UN = re.compile(r"\bU\.?N\.?(?=\s)")


def absent_body(question: str, acronyms: AcronymTable, long_forms: Mapping[str, str], vocab: Vocabulary,
                docs: DocumentTable, allowed: np.ndarray | None = None) -> str | None:
    """The reason, when the question (as typed) names a body by acronym or spelled out that none of
    the documents (of `allowed`) mentions: "names UNMIK (...), which no indexed resolution mentions"."""
    # "the UN Interim Administration Mission in Kosovo" spells out UNMIK as users type it
    spelled = acronyms.expand(_UN.sub("United Nations", question))
    named = [*ACRONYM.findall(question), *(a for a in spelled if ACRONYM.fullmatch(a))]
    # the question's own "... (UNREC)" says what it means, where the corpus and the table do not
    known = {**long_forms, **dict(acronym_definitions(question))}
    absent = absent_bodies(named, known, vocab, docs, allowed)
    if not absent:
        return None
    where = "no indexed resolution" if allowed is None else "none of the resolutions searched"
    return f"names {absent[0]} ({known[absent[0]]}), which {where} mentions"


def absent_bodies(acronyms: Iterable[str], long_forms: Mapping[str, str], vocab: Vocabulary, docs: DocumentTable,
                  allowed: np.ndarray | None = None) -> list[str]:
    """The acronyms (in order) with a known long form of which no document (of `allowed`, when given)
    uses the acronym or every word of the long form."""
    english = english_words()
    out: list[str] = []
    for acronym in dict.fromkeys(acronyms):
        if acronym.lower() in english or not content_terms(acronym) or not long_forms.get(acronym):
            continue
        if not _held(acronym, long_forms[acronym], vocab, docs, allowed):
            out.append(acronym)
    return out


def _held(acronym: str, long_form: str, vocab: Vocabulary, docs: DocumentTable, allowed: np.ndarray | None) -> bool:
    """Whether a document (of allowed) uses the acronym or every word of its long form."""
    for text in (acronym, long_form):
        terms = set(content_terms(text))
        ids = vocab.lookup(terms)
        if not terms or len(ids) < len(terms):
            continue  # a word no clause uses: no document holds this form
        # words most documents hold ("United Nations") tell nothing, and would make the check cost
        # work in proportion to the index: the rarer words decide
        rare = ids[np.diff(docs.term_ptr)[ids] <= COMMON_SHARE * len(docs)]
        if not len(rare):
            return True  # a name of common words only: not checked
        held = docs.docs_holding(rare)
        if allowed is not None:
            held = held[np.isin(held, allowed)]
        if len(held):
            return True
    return False
