"""The question as retrieval sees it: the user's words plus the names the resolution would use.

Three expansions, all appended in parentheses so the user's own words still count most:
shorthand spelled out ("UN" -> "United Nations", qa.question.abbreviations), a place's nearest other name
("Mongolia" -> "Ulaanbaatar", "Doha" -> "Qatar", qa.question.places) and the resolution register for plain
words ("kids" -> "children", qa.question.thesaurus). The question shown back is never changed; only the
rankers see this.
"""

from __future__ import annotations

import re

from qa.question.abbreviations import long_forms
from qa.question.places import nearest_place, places_in_question_spans
from qa.question.thesaurus import register_words

__all__ = ["expand_question"]


# "Doha Declaration", "Monterrey Consensus", "Vienna Programme of Action": a place in a name
_INSTRUMENT = re.compile(
    r"\s+(?:[A-Z]\w*|declarations?|programmes?|consensus|framework|conventions?|agenda|plan|principles|"
    r"rules|protocols?|accords?|agreements?|outcome|commitments?|statement|charter|process|summit)\b")


def expand_question(question: str) -> str:
    extra = list(long_forms(question))
    lowered = question.lower()
    for m in places_in_question_spans(question):
        if _INSTRUMENT.match(question, m.end()):
            continue  # the question is about the instrument, not the place
        other = nearest_place(m.group(0))
        if other and other.lower() not in lowered:
            extra.append(other)
    extra += register_words(question)
    extra = list(dict.fromkeys(extra))
    return f"{question} ({'; '.join(extra)})" if extra else question
