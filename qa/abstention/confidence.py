"""How sure the engine is that its best clause answers the question: the second abstention stage,
after the scope checks (qa.abstention.scope).

One resolution (`SingleConfidence`, unchanged from the single-document engine):
`DENSE_WEIGHT * cosine + evidence + DOCUMENT_WEIGHT * in_document >= THRESHOLD`, with the cosine
of the top clause, evidence its best of context / own coverage / label, in_document the IDF share
of the question's terms found anywhere in its document. Set by grid on the tuning half of
tests/qa/questions (even lines) as the pair abstaining on most out-of-scope tuning questions with
no answerable one abstained; the threshold (0.75) is the middle of the gap there.

Many resolutions (`CorpusConfidence`): over thousands of documents every question shares a few
words with some clause, so coverage alone says little; what an out-of-scope question has is
words and names that the best document (or the whole corpus) does not use ("cryptocurrency", a
later treaty, a body none of them names). Features, 0..1:
- dense, evidence, in_document as above (of the top clause and its document);
- unknown: the IDF share of the question's own terms (as typed, not its expansions) that no indexed
  clause uses at all;
- entities: the share of the names, acronyms and places the question names that the top document
  mentions (1 when it names none).
Answered when the weighted sum reaches the threshold; evidence and entities got no weight in the
grid. Weights and threshold were set by grid on the tuning questions only (../shared/eval/corpus_dev_questions.jsonl, the even lines of
tests/qa/questions/corpus_own.jsonl and collection_tune.jsonl) as the setting abstaining on most
out-of-scope questions with at most one answerable question in twenty-five abstained, the threshold
in the middle of the gap; they are reported on the test sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from qa.question.analysis import Analysis
from qa.ranking.clauses import ClauseTable
from qa.ranking.documents import DocumentTable
from qa.text import content_terms

__all__ = ["SingleConfidence", "CorpusConfidence", "CORPUS_FEATURES", "confidence_features"]

CORPUS_FEATURES = ("dense", "evidence", "in_document", "unknown", "entities")


@dataclass(frozen=True)
class SingleConfidence:
    dense_weight: float = 1.5
    document_weight: float = 0.5
    threshold: float = 0.75

    def score(self, dense: float, evidence: float, in_document: float) -> float:
        return self.dense_weight * dense + evidence + self.document_weight * in_document

    def confident(self, dense: float, evidence: float, in_document: float) -> bool:
        return self.score(dense, evidence, in_document) >= self.threshold


@dataclass(frozen=True)
class CorpusConfidence:
    # set on the tuning questions (110 answerable, 17 out of scope): 16 of 17 out of scope abstained,
    # 3 of 110 answerable; the threshold is the middle of the gap between the two groups there
    weights: dict = field(default_factory=lambda: {"dense": 1.0, "in_document": 0.5, "unknown": -2.0})
    threshold: float = 0.19

    def score(self, features: dict) -> float:
        return sum(w * features.get(name, 0.0) for name, w in self.weights.items())

    def confident(self, features: dict) -> bool:
        return self.score(features) >= self.threshold


def confidence_features(table: ClauseTable, docs: DocumentTable, long_forms: dict[str, str], analysis: Analysis,
                        query: str, result: dict, top: int, typed: str | None = None, single: bool = False) -> dict:
    """The top clause's evidence and its document's, as the confidence stage reads them (result: a
    qa.ranking.ranker result, top: the index of its best candidate); `unknown` is read from the
    question as typed (typed), not from its expansions. One document (single): dense, evidence and
    in_document only, what its formula reads."""
    f = result["features"]
    c = int(result["candidates"][top])
    doc = int(table.doc[c])
    q_ids, q_w, total = table.question_weights(content_terms(query))
    evidence = {"dense": float(f["dense"][top]),
                "evidence": float(max(f["context"][top], f["own"][top], f["label"][top]))}
    if single:  # the single-resolution formula reads the document's words with their context, no more
        held = np.isin(q_ids, table.document_terms(doc), assume_unique=True)
        return {**evidence, "in_document": float(q_w[held].sum()) / total if total > 0 else 0.0}
    in_document = float(docs.coverage(np.asarray([doc]), q_ids, q_w, total)[0])
    u_ids, u_w, u_total = table.question_weights(content_terms(typed if typed is not None else query))
    entities = docs.entity_terms(analysis, long_forms)
    return {
        **evidence,
        "in_document": in_document,
        "unknown": (u_total - float(u_w.sum())) / u_total if u_total > 0 else 0.0,
        "entities": float(docs.entities(np.asarray([doc]), entities)[0]) if entities else 1.0,
    }
