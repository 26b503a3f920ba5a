"""The plain anchors the engine is measured against, on the same index (`resolution-qa eval
--baseline bm25|dense|rrf`): BM25 alone, dense (MiniLM cosine) alone, and reciprocal-rank fusion
of the two, over the question as typed (no expansion, no analysis, no abstention). A clause takes
the rank of its best passage (whole or part)."""

from __future__ import annotations

from enum import Enum

__all__ = ["Baseline", "baseline_ranking"]

RRF_K = 60


class Baseline(str, Enum):
    BM25 = "bm25"
    DENSE = "dense"
    RRF = "rrf"

    @classmethod
    def parse(cls, value: str | Baseline) -> Baseline:
        try:
            return cls(str(value).lower()) if not isinstance(value, Baseline) else value
        except ValueError:
            known = ", ".join(m.value for m in cls)
            raise ValueError(f"unknown baseline {value!r}; use one of: {known}") from None


def _clauses(hits: list[tuple[int, float]], clause_of) -> list[int]:
    """Clause ids in the order their best passage comes."""
    out: dict[int, None] = {}
    for pos, _ in hits:
        c = int(clause_of[pos]) if pos >= 0 else -1
        if c >= 0:
            out.setdefault(c, None)
    return list(out)


def baseline_ranking(method: Baseline, dense_hits: list[tuple[int, float]], bm25_hits: list[tuple[int, float]],
                     clause_of) -> list[tuple[int, float]]:
    """(clause id, score) best first for one question."""
    dense = _clauses(dense_hits, clause_of)
    bm25 = _clauses(bm25_hits, clause_of)
    if method is Baseline.DENSE:
        return [(c, 1.0 / (i + 1)) for i, c in enumerate(dense)]
    if method is Baseline.BM25:
        return [(c, 1.0 / (i + 1)) for i, c in enumerate(bm25)]
    fused: dict[int, float] = {}
    for ranking in (dense, bm25):
        for rank, c in enumerate(ranking, 1):
            fused[c] = fused.get(c, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
