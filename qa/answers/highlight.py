"""Which sentence or phrase of a clause answers the question.

`best_segment` scores each segment of a clause (qa.text.segments) by the IDF-weighted share of the
question's terms it holds, plus the dense score its "part" passage got from the search itself (the
same segments are indexed as part passages, qa.passages), so no extra encoding is needed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache

from qa.text import content_terms, segments

__all__ = ["best_segment"]


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
