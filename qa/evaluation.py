"""Retrieval and abstention metrics over plain dicts (in the style of sentence-transformers'
evaluators), shared by `resolution-qa eval`, the tests and the benchmarks.

Two question-set formats, one JSON object a line; a file may mix them:

- clause gold: {"q": question, "gold": [clause ids], "doc": optional symbol}. `doc` limits the
  question to that document. A gold id is "unit" (any document, or the question's doc) or
  "SYMBOL#unit". Empty gold: the text does not address the question, the engine should abstain.
- document and snippet gold (`../shared/eval/corpus_dev_questions.md`): {"q", "doc", "snippets"}.
  `doc` is the document that answers (null: no indexed document does); the question is asked of
  the whole index. A citation is right when its document is `doc` (spaces ignored) and its text
  contains one of the snippets (whitespace collapsed, case ignored).

`score_results` reports clause recall@1/3/5, MRR (all ranks) and MRR@10, document recall@1/5 (the
rank of the gold document among the distinct documents cited, in order), abstention on
out-of-scope questions and on answerable ones, and the misses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from qa.errors import ResolutionQAError

__all__ = ["load_questions", "first_gold_rank", "first_correct_rank", "document_rank", "score_results",
           "is_correct", "KS", "DOC_KS", "MRR_AT"]

KS = (1, 3, 5)
DOC_KS = (1, 5)
MRR_AT = 10
_SPACE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def _symbol(symbol: str | None) -> str | None:
    return None if symbol is None else _SPACE.sub("", symbol).upper()


def _question(item: object, path: Path, n: int) -> dict:
    bad = ResolutionQAError(f"{path}:{n}: expected {{\"q\": question, \"gold\": [clause ids]}} or "
                            "{\"q\": question, \"doc\": symbol or null, \"snippets\": [verbatim texts]}")
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        raise bad
    doc = item.get("doc")
    if doc is not None and not isinstance(doc, str):
        raise bad
    if "snippets" in item:
        snippets = item["snippets"]
        if not isinstance(snippets, list) or not all(isinstance(s, str) and s.strip() for s in snippets):
            raise bad
        if bool(doc) != bool(snippets):
            raise ResolutionQAError(f"{path}:{n}: a question with a \"doc\" needs its \"snippets\", and one "
                                    "without (out of scope) has \"doc\": null and \"snippets\": []")
        return {"q": item["q"], "gold": [], "snippets": [_collapse(s) for s in snippets],
                "gold_doc": doc, "doc": None, "kind": item.get("kind")}
    gold = item.get("gold", [])
    if not isinstance(gold, list):
        raise bad
    return {"q": item["q"], "gold": [str(g) for g in gold], "snippets": [], "gold_doc": None, "doc": doc,
            "kind": item.get("kind")}


def load_questions(path: str | Path) -> list[dict]:
    """Read a JSONL question set into dicts {"q", "gold", "snippets", "gold_doc", "doc", "kind"}
    (`doc`: the filter to ask under; `gold_doc`: the answering document of snippet gold). A
    malformed line is a clear error naming the line."""
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
        questions.append(_question(item, path, n))
    if not questions:
        raise ResolutionQAError(f"{path}: no questions in the file")
    return questions


def answerable(question: dict) -> bool:
    return bool(question.get("gold") or question.get("snippets"))


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


def is_correct(question: dict, doc: str, unit: str, text: str) -> bool:
    """Whether one citation answers the question (clause gold or document-and-snippet gold)."""
    if question.get("snippets"):
        if _symbol(doc) != _symbol(question.get("gold_doc")):
            return False
        body = _collapse(text)
        return any(s in body for s in question["snippets"])
    return any(_matches(g, doc, unit) for g in question.get("gold", ()))


def first_correct_rank(question: dict, cited: Sequence[tuple[str, str, str]]) -> int | None:
    """1-based rank of the first right citation among (doc, unit, text); None when none is."""
    for rank, (doc, unit, text) in enumerate(cited, 1):
        if is_correct(question, doc, unit, text):
            return rank
    return None


def document_rank(gold_doc: str | None, cited: Sequence[tuple[str, ...]]) -> int | None:
    """Rank of gold_doc among the distinct documents cited, in citation order."""
    if gold_doc is None:
        return None
    seen: list[str] = []
    for c in cited:
        symbol = _symbol(c[0])
        if symbol not in seen:
            seen.append(symbol)
            if symbol == _symbol(gold_doc):
                return len(seen)
    return None


def score_results(results: Iterable[dict]) -> dict:
    """results: dicts {"q", "gold" (and for snippet gold "snippets", "gold_doc"), "answered": bool,
    "ranked": [(doc, unit), ...] or "cited": [(doc, unit, text), ...]}.

    Returns clause recall@1/3/5, MRR and MRR@10 over the answerable questions; for snippet gold,
    document recall@1/5; abstention precision and recall (positive = abstained; relevant = out of
    scope), out-of-scope abstained, answerable abstained, counts, and the misses (answerable
    questions not right first or abstained; out-of-scope ones answered)."""
    results = [_normalized(r) for r in results]
    answerable_ = [r for r in results if answerable(r)]
    unanswerable = [r for r in results if not answerable(r)]
    ranks = [first_correct_rank(r, r["cited"]) for r in answerable_]
    n = len(answerable_) or 1
    metrics: dict = {f"recall@{k}": sum(1 for x in ranks if x is not None and x <= k) / n for k in KS}
    metrics["mrr"] = sum(1.0 / x for x in ranks if x is not None) / n
    metrics[f"mrr@{MRR_AT}"] = sum(1.0 / x for x in ranks if x is not None and x <= MRR_AT) / n
    with_doc = [r for r in answerable_ if r.get("gold_doc")]
    if with_doc:
        doc_ranks = [document_rank(r["gold_doc"], r["cited"]) for r in with_doc]
        for k in DOC_KS:
            metrics[f"doc_recall@{k}"] = sum(1 for x in doc_ranks if x is not None and x <= k) / len(with_doc)
    abstained = [r for r in results if not r["answered"]]
    true_abstentions = [r for r in abstained if not answerable(r)]
    metrics["abstention_precision"] = len(true_abstentions) / len(abstained) if abstained else 1.0
    metrics["abstention_recall"] = len(true_abstentions) / len(unanswerable) if unanswerable else 1.0
    metrics["answerable"] = len(answerable_)
    metrics["unanswerable"] = len(unanswerable)
    metrics["oos_abstained"] = len(true_abstentions)
    metrics["wrongly_abstained"] = sum(1 for r in answerable_ if not r["answered"])
    metrics["wrongly_answered"] = sum(1 for r in unanswerable if r["answered"])
    misses = []
    for r, rank in zip(answerable_, ranks, strict=True):
        if rank != 1 or not r["answered"]:
            misses.append({"q": r["q"], "gold": r["gold"] or [f"{r['gold_doc']}: {s}" for s in r["snippets"]],
                           "rank": rank, "answered": r["answered"], "first": _first(r)})
    for r in unanswerable:
        if r["answered"]:
            misses.append({"q": r["q"], "gold": [], "rank": None, "answered": True, "first": _first(r)})
    metrics["misses"] = misses
    return metrics


def _normalized(result: dict) -> dict:
    r = dict(result)
    r.setdefault("gold", [])
    r.setdefault("snippets", [])
    r.setdefault("gold_doc", None)
    if "cited" not in r:
        r["cited"] = [(doc, unit, "") for doc, unit in r.get("ranked", [])]
    return r


def _first(result: dict) -> str | None:
    return "#".join(result["cited"][0][:2]) if result["cited"] else None
