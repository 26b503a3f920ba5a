"""Retrieval and abstention metrics over plain dicts (in the style of sentence-transformers'
evaluators), shared by `resolution-qa eval`, the tests and the benchmarks.

A question set is JSONL: {"q": question, "gold": [clause ids], "doc": optional symbol}. Empty gold
means the text does not address the question: the engine should abstain (answered False).
A gold id may be "unit" (any document, or the question's doc) or "SYMBOL#unit".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from qa.errors import ResolutionQAError

__all__ = ["load_questions", "first_gold_rank", "score_results", "KS"]

KS = (1, 3, 5)


def load_questions(path: str | Path) -> list[dict]:
    """Read a JSONL question set; a malformed line is a clear error naming the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise ResolutionQAError(f"{path}: cannot be read ({exc.strerror or exc}); check the path") from None
    questions = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResolutionQAError(f"{path}:{n}: not JSON ({exc.msg}); one object a line is expected") from None
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not isinstance(item.get("gold", []), list):
            raise ResolutionQAError(f"{path}:{n}: expected {{\"q\": question, \"gold\": [clause ids]}}")
        questions.append({"q": item["q"], "gold": [str(g) for g in item.get("gold", [])], "doc": item.get("doc")})
    if not questions:
        raise ResolutionQAError(f"{path}: no questions in the file")
    return questions


def _matches(gold: str, doc: str, unit: str) -> bool:
    if "#" in gold:
        g_doc, g_unit = gold.rsplit("#", 1)
        return g_doc == doc and g_unit == unit
    return gold == unit


def first_gold_rank(gold: Sequence[str], ranked: Sequence[tuple[str, str]]) -> int | None:
    """1-based rank of the first (doc, unit) in ranked that is gold; None when none is."""
    for rank, (doc, unit) in enumerate(ranked, 1):
        if any(_matches(g, doc, unit) for g in gold):
            return rank
    return None


def score_results(results: Iterable[dict]) -> dict:
    """results: dicts {"q", "gold", "ranked": [(doc, unit), ...], "answered": bool}.

    Returns recall@1/3/5 and MRR over the answerable questions, abstention precision and recall
    (positive = abstained; relevant = empty gold), counts, and the misses (answerable questions
    whose gold is not first, or that abstained; unanswerable ones that were answered)."""
    results = list(results)
    answerable = [r for r in results if r["gold"]]
    unanswerable = [r for r in results if not r["gold"]]
    ranks = [first_gold_rank(r["gold"], r["ranked"]) for r in answerable]
    n = len(answerable) or 1
    metrics: dict = {f"recall@{k}": sum(1 for x in ranks if x is not None and x <= k) / n for k in KS}
    metrics["mrr"] = sum(1.0 / x for x in ranks if x is not None) / n
    abstained = [r for r in results if not r["answered"]]
    true_abstentions = [r for r in abstained if not r["gold"]]
    metrics["abstention_precision"] = len(true_abstentions) / len(abstained) if abstained else 1.0
    metrics["abstention_recall"] = len(true_abstentions) / len(unanswerable) if unanswerable else 1.0
    metrics["answerable"] = len(answerable)
    metrics["unanswerable"] = len(unanswerable)
    metrics["wrongly_abstained"] = sum(1 for r in answerable if not r["answered"])
    metrics["wrongly_answered"] = sum(1 for r in unanswerable if r["answered"])
    misses = []
    for r, rank in zip(answerable, ranks, strict=True):
        if rank != 1 or not r["answered"]:
            misses.append({"q": r["q"], "gold": r["gold"], "rank": rank, "answered": r["answered"],
                           "first": "#".join(r["ranked"][0]) if r["ranked"] else None})
    for r in unanswerable:
        if r["answered"]:
            misses.append({"q": r["q"], "gold": [], "rank": None, "answered": True,
                           "first": "#".join(r["ranked"][0]) if r["ranked"] else None})
    metrics["misses"] = misses
    return metrics
