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

from collections.abc import Iterable, Mapping

import numpy as np

from qa.question.spelling import english_words
from qa.ranking.clauses import Vocabulary
from qa.ranking.documents import COMMON_SHARE, DocumentTable
from qa.text import content_terms

__all__ = ["absent_bodies"]


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
