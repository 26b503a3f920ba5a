"""The clause ranking, one document or many: from the first-stage hits (dense and BM25 passages)
to every candidate clause with its evidence and score.

- One document (or a handful, ranked as one): the candidates are the clauses the rankers returned
  plus the clauses the question names; scored by the single-resolution weights (qa.ranking.fusion).
- Many documents: the first stage ranks the candidate documents (qa.ranking.documents); then every
  clause of the best few (or of the resolutions the question names) is scored on its own evidence
  plus its document's score (`corpus_scores`).

Per question the work is in proportion to the candidates, never to the number of documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from qa.question.analysis import Analysis, strip_references
from qa.question.bodies import AcronymTable
from qa.ranking.arrays import unique_sorted
from qa.ranking.clauses import FEATURES, ClauseTable
from qa.ranking.documents import DocumentTable, rank_documents
from qa.ranking.fusion import FusionMethod, fuse
from qa.ranking.retrieval import search_within
from qa.text import content_terms

__all__ = ["Ranker", "RankerSettings"]

RECORD_FUSION = 4.0
# a list of names: five or more ", Name" items ("Argentina, Armenia, Belarus, Bolivia (Plurinational State of), Brazil")
_LIST_ITEM = re.compile(r",\s+(?:and\s+)?(?:the\s+)?[A-Z\u00c0-\u00de][\w\u2019'()-]*")
LIST_ITEMS = 5


@dataclass
class RankerSettings:
    """Weights of both paths (the Engine's class constants say where each was tuned)."""

    fusion: FusionMethod
    weights: tuple[float, ...]  # one document: FEATURES[:7]
    corpus_weights: dict = field(default_factory=dict)  # many documents: per clause feature
    doc_weights: dict = field(default_factory=dict)  # qa.ranking.documents' features
    document_fusion: float = 0.5  # weight of the document's score (over the best one's) in a clause's
    top_documents: int = 3
    document_candidates: int = 30


class Ranker:
    def __init__(self, index, table: ClauseTable, docs: DocumentTable, acronyms: AcronymTable,
                 settings: RankerSettings) -> None:
        self._index = index
        self._table = table
        self._docs = docs
        self._acronyms = acronyms
        self.settings = settings

    def rank(self, analysis: Analysis, query: str, vector, dense_hits, bm25_hits, allowed: np.ndarray | None,
             single: bool) -> dict:
        """{"candidates": clause rows, "scores", "features": {name: array}, "parts": {clause: {part:
        dense score}}, "documents": [(doc id, score)] (empty on one document)}."""
        if single:
            return self.rank_single(analysis, query, dense_hits, bm25_hits, allowed)
        return self.rank_corpus(analysis, query, vector, dense_hits, bm25_hits, allowed)

    # -- evidence --------------------------------------------------------------------------------
    def _best(self, hits: list[tuple[int, float]], parts: dict | None = None) -> dict[int, float]:
        """A clause's best score over its passages (whole or part); parts collects the parts'."""
        best: dict[int, float] = {}
        hits = [(pos, score) for pos, score in hits if pos >= 0]
        if not hits:
            return best
        # the lookups as one array read each, then plain ints (a numpy scalar per hit costs more)
        positions = [pos for pos, _ in hits]
        clauses = self._table.clause_of[positions].tolist()
        part_of = self._table.part_of[positions].tolist() if parts is not None else None
        for i, (c, (_, score)) in enumerate(zip(clauses, hits, strict=True)):
            if c < 0:
                continue
            if score > best.get(c, -2.0):
                best[c] = score
            if part_of is not None and part_of[i] >= 0:
                parts.setdefault(c, {})[part_of[i]] = score
        return best

    def _features(self, analysis: Analysis, query: str, candidates: np.ndarray, dense: dict, bm25: dict,
                  labelled: np.ndarray) -> dict[str, np.ndarray]:
        own_symbols = self._named_other(analysis, candidates)
        entities = self._docs.entity_terms(analysis, self._acronyms.long) if len(self._docs) > 1 else ()
        return self._table.features(analysis, content_terms(query), candidates, dense, bm25, labelled, own_symbols,
                                    entities)

    def _named_other(self, analysis: Analysis, candidates: np.ndarray) -> np.ndarray:
        """Per candidate: the question names a resolution by symbol, none of them its own ("When was
        resolution 62/7 adopted?" asks about 62/7's record, not this document's)."""
        named = {t for t in content_terms(analysis.text) if "/" in t}
        if not named:
            return np.zeros(len(candidates), dtype=bool)
        own = {d: bool(named & {t for t in content_terms(self._docs.symbols[d]) if "/" in t})
               for d in set(self._table.doc[candidates].tolist())}
        return np.asarray([not own[d] for d in self._table.doc[candidates].tolist()], dtype=bool)

    # -- one document ----------------------------------------------------------------------------
    def _single_scores(self, f: dict[str, np.ndarray]) -> np.ndarray:
        names = FEATURES[:7]
        weights = self.settings.weights
        if self.settings.fusion is FusionMethod.LINEAR:
            return sum(w * f[name] for w, name in zip(weights, names, strict=True))
        keys = range(len(f["dense"]))
        fused = fuse(self.settings.fusion, [dict(zip(keys, f[name].tolist(), strict=True)) for name in names],
                     weights)
        return np.asarray([fused[i] for i in keys])

    def rank_single(self, analysis: Analysis, query: str, dense_hits, bm25_hits, allowed,
                    label_docs: np.ndarray | None = None) -> dict:
        """label_docs: the documents whose clauses named by label join the candidates (None: allowed)."""
        parts: dict = {}
        dense = self._best(dense_hits, parts)
        bm25 = self._best(bm25_hits)
        labelled = self._table.labelled(analysis, allowed if label_docs is None else label_docs)
        candidates = np.asarray(sorted(set(dense) | set(bm25) | set(labelled.tolist())), dtype=np.int64)
        f = self._features(analysis, query, candidates, dense, bm25, labelled)
        return {"candidates": candidates, "scores": self._single_scores(f), "features": f, "parts": parts,
                "documents": {}}

    # -- many documents --------------------------------------------------------------------------
    def documents_for(self, analysis: Analysis, query: str, dense_hits, bm25_hits, allowed) -> tuple:
        """The first stage over the whole index (or the filter), and the candidate documents ranked
        on it (qa.ranking.documents): (ranked [(doc id, score)], their features, their ids).
        The clauses the question names by label ("operative paragraph 3", a date) join the first
        stage from the documents the retrieval found or the question names, not from every
        document holding such a paragraph: at 20,000 documents each brought its own, and the
        question cost work in proportion to the index (130 ms)."""
        first = self.rank_single(analysis, query, dense_hits, bm25_hits, allowed,
                                 label_docs=self._found_documents(analysis, dense_hits, bm25_hits, allowed))
        return rank_documents(self._docs, self._table, analysis, content_terms(query), first, allowed,
                              self.settings.doc_weights, self._acronyms.long, self.settings.document_candidates)

    def _found_documents(self, analysis: Analysis, dense_hits, bm25_hits, allowed) -> np.ndarray:
        """Sorted ids of the documents of the first-stage hits and of the resolutions the question names."""
        positions = np.asarray([p for p, _ in (*dense_hits, *bm25_hits) if p >= 0], dtype=np.int64)
        clauses = self._table.clause_of[positions]
        named = [d for d in self._docs.named(analysis) if allowed is None or d in allowed]
        found = np.concatenate([self._table.doc[clauses[clauses >= 0]], np.asarray(named, dtype=np.int32)])
        return unique_sorted(found.astype(np.int32))

    def clause_evidence(self, analysis: Analysis, query: str, vector, docs: Sequence[int]) -> dict:
        """Every clause of docs with its evidence. The resolutions the question names have done their
        work in choosing the document: their numbers are left out of the clause terms here, or the
        adoption record (which states the number) would win every such question."""
        symbols = [self._docs.symbols[d] for d in docs]
        clause_query = strip_references(query) if analysis.resolutions else query
        n = int(sum(len(self._table.clauses_of(d)) for d in docs)) * 8 + 8
        dense_hits, bm25_hits = search_within(self._index, vector, [clause_query], n, symbols)
        parts: dict = {}
        dense = self._best(dense_hits[0], parts)
        bm25 = self._best(bm25_hits[0])
        candidates = np.concatenate([self._table.clauses_of(d) for d in docs]).astype(np.int64)
        labelled = self._table.labelled(analysis, np.asarray(docs, dtype=np.int32))
        f = self._features(analysis, clause_query, candidates, dense, bm25, labelled)
        if analysis.member:
            f["listed"] = self._listed(candidates, content_terms(analysis.member))
        return {"candidates": candidates, "features": f, "parts": parts}

    def _listed(self, candidates: np.ndarray, member: Sequence[str]) -> np.ndarray:
        """Per candidate: 1 when its own words (not the footnotes its passage carries) hold the name
        the question asks about and its text is a list of names."""
        out = np.zeros(len(candidates))
        ids = self._table.vocab.lookup(member)
        if not member or len(ids) < len(set(member)):
            return out  # a name no clause uses is in no list
        passages = self._index.passages
        for i in np.flatnonzero(self._table.holds(candidates, ids)).tolist():
            p = passages[int(self._table.position[candidates[i]])]
            text = p.meta.get("text", p.text) if isinstance(p.meta, dict) else p.text
            out[i] = float(len(_LIST_ITEM.findall(text)) >= LIST_ITEMS)
        return out

    def corpus_scores(self, analysis: Analysis, f: dict[str, np.ndarray], doc_of: np.ndarray,
                      doc_score: dict[int, float], weights: dict | None = None,
                      fusion: float | None = None) -> np.ndarray:
        """A clause's score among many documents: its evidence (corpus_weights) plus its document's
        score over the best document's (document_fusion). Operative paragraphs gain more for "what
        did X decide / demand / ask"; establishing paragraphs count only for "which resolution
        established / first ..."."""
        w = self.settings.corpus_weights if weights is None else weights
        scores = sum(w.get(name, 0.0) * f[name] for name in FEATURES if name not in ("establishes", "verb"))
        if analysis.decision:
            scores = scores + w.get("decision_operative", 0.0) * f["operative"] + w.get("verb", 0.0) * f["verb"]
        if analysis.establishing or analysis.first:
            scores = scores + w.get("establishes", 0.0) * f["establishes"]
        best = max(doc_score.values(), default=1.0) or 1.0
        share = np.asarray([doc_score[d] / best for d in doc_of.tolist()])
        weight = self.settings.document_fusion if fusion is None else fusion
        if analysis.record:
            # the adoption record of every resolution reads alike: which one is meant is the
            # document's evidence (its subject, date), not the record's own words
            weight *= RECORD_FUSION
        return scores + weight * share

    def rank_corpus(self, analysis: Analysis, query: str, vector, dense_hits, bm25_hits, allowed) -> dict:
        ranked_docs, _, _ = self.documents_for(analysis, query, dense_hits, bm25_hits, allowed)
        named = self._docs.named(analysis)
        # the resolutions the question names are the ones it asks about; else the best few
        top = ([d for d, _ in ranked_docs if d in named]
               or [d for d, _ in ranked_docs[: self.settings.top_documents]])
        result = self.clause_evidence(analysis, query, vector, top)
        doc_of = self._table.doc[result["candidates"]]
        result["scores"] = self.corpus_scores(analysis, result["features"], doc_of, dict(ranked_docs))
        result["documents"] = ranked_docs
        return result
