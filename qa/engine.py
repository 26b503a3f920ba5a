"""The answering engine: a question in, the clauses that answer it out, best first, cited.

This module orchestrates; each stage is its own module (README "How answers are found" has the
numbers):

1. The question (qa.question): cleaned, analysed once (qa.question.analysis: named clauses, dates,
   years, resolutions, body, kind of act, question types, names) and expanded for the rankers
   (UN shorthand, places, register words; over many documents also the acronyms of missions and
   bodies from the corpus's own definitions and a curated table). The question shown back is
   never changed.
2. Retrieval: encoded once per batch; FAISS (cosine) and BM25 each return their best passages; a
   clause takes the best score of its passages (whole or part) in each ranker.
3. One document (up to SMALL_COLLECTION searched): clauses ranked on their evidence
   (qa.ranking.ranker over qa.ranking.clauses) by a weighted sum (qa.ranking.fusion, LINEAR; WEIGHTS tuned on the
   single-resolution sets and unchanged).
4. Many documents: documents ranked first (qa.ranking.documents: the resolution the question
   names, its month or year, its body, BM25 over whole documents, the names and acronyms it
   mentions, the best first-stage clause, what later texts say it established), then every clause
   of the TOP_DOCUMENTS best is scored on its own evidence plus its document's score
   (CORPUS_WEIGHTS, DOCUMENT_FUSION: tuned on the corpus tuning questions only).
5. Abstention (qa.abstention): the scope checks (a place, year, ordinal, vote, sponsor or sum the
   documents never mention) and then a confidence threshold (one formula for one document, one
   calibrated over the corpus for many: qa.abstention.confidence).
6. Citations (qa.answers.citations): each clause verbatim with its label, footnotes and document
   card; the highlight (qa.answers.highlight) is the segment with the best IDF term overlap plus
   its dense score.

Per question the work is in proportion to the candidates (passages returned, candidate documents,
the clauses of the best few), not to the number of indexed documents: every per-document and
per-clause structure is an array or an inverted map built once at load.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from qa.abstention.bodies import absent_body
from qa.abstention.confidence import CorpusConfidence, SingleConfidence, confidence_features
from qa.answers.answer import Answer
from qa.answers.citations import Citations
from qa.answers.document import Document, document_from_clauses
from qa.errors import BadQuestion
from qa.loading import load_tables
from qa.question.abbreviations import ABBREVIATIONS
from qa.question.analysis import Analysis, analyze, clean_question, dates_in, named_clauses
from qa.question.examples import Example, choose_examples
from qa.question.expansion import expand_question
from qa.question.spelling import Spelling, read_as_corpus, shorthand_forms
from qa.ranking.fusion import FusionMethod
from qa.ranking.ranker import Ranker, RankerSettings
from qa.ranking.retrieval import search_within
from qa.text import content_terms

__all__ = ["Engine", "clean_question", "named_clauses", "dates_in", "ABSTAIN_MESSAGE"]

ABSTAIN_MESSAGE = "The resolution does not address this. These are the closest passages."


class _Clauses:
    """`engine._clauses[(doc, unit)]`: a clause's stored meta, looked up by its key."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __getitem__(self, key: tuple[str, str]) -> dict:
        c = self._engine._cite.clause_id(*key)
        if c is None:
            raise KeyError(key)
        return self._engine._cite.meta(c)


class Engine:
    MAX_QUESTION_CHARS = 2000
    MAX_K = 50  # citations per answer: 1..50

    # One document: tuned on the tuning half of tests/qa/questions (see qa.abstention.confidence).
    FUSION = FusionMethod.LINEAR
    # dense, BM25, context coverage, own coverage, label, adoption record, question type
    WEIGHTS = (2.0, 0.25, 0.25, 0.5, 2.0, 1.0, 0.5)
    DENSE_WEIGHT = 1.5
    DOCUMENT_WEIGHT = 0.5
    THRESHOLD = 0.75
    CANDIDATES = 100
    # Many documents: tuned on the corpus tuning questions (corpus_dev, own and collection tuning halves).
    CORPUS_WEIGHTS = {"dense": 0.25, "bm25": 0.25, "context": 0.0, "own": 0.5, "label": 0.0, "record": 2.0,
                      "type": 0.1, "operative": 0.5, "decision_operative": 0.25, "establishes": 0.5,
                      "asked_record": 1.5, "record_note": 0.5, "names": 0.0, "named": 2.0, "verb": 0.25,
                      "listed": 1.0, "day": 0.25}
    DOC_WEIGHTS = {"named": 4.0, "day": 2.0, "month": 2.0, "year": 1.0, "body": 0.0, "lexical": 1.0, "entities": 0.0,
                   "passage": 0.5, "dense": 0.0, "established": 1.0, "sets_up": 1.0, "early": 0.0}
    DOCUMENT_FUSION = 0.5  # weight of the document's score (over the best candidate's) in a clause's
    TOP_DOCUMENTS = 3
    SMALL_COLLECTION = 10  # up to this many documents searched: ranked as one, as before the document stage
    DOCUMENT_CANDIDATES = 30
    CORPUS_CONFIDENCE = CorpusConfidence()

    def __init__(self, index, fusion: FusionMethod | str | None = None,
                 weights: Sequence[float] | None = None, threshold: float | None = None,
                 dense_weight: float | None = None) -> None:
        self._index = index
        self.fusion = FusionMethod.parse(fusion) if fusion is not None else self.FUSION
        self.weights = tuple(weights) if weights is not None else self.WEIGHTS
        self.single_confidence = SingleConfidence(
            self.DENSE_WEIGHT if dense_weight is None else dense_weight, self.DOCUMENT_WEIGHT,
            self.THRESHOLD if threshold is None else threshold)
        self.corpus_confidence = self.CORPUS_CONFIDENCE
        # every per-document and per-clause structure, built once from what the index stores
        tables = load_tables(index)
        self._scope, self._table, self._docs = tables.scope, tables.clauses, tables.docs
        self._acronyms, self._filter, self._documents = tables.acronyms, tables.filter, tables.documents
        # typos and shorthand over a collection (qa.question.spelling): a lookup built once here
        self._spelling = (Spelling(self._table.vocab.ids, self._table.vocab.df)
                          if len(self._docs) > self.SMALL_COLLECTION else None)
        self._long_forms = {**ABBREVIATIONS, **self._acronyms.long}
        self._clauses = _Clauses(self)
        # which indexed resolutions each one cites, and which cite it (qa.references)
        self.citation_graph = tables.citation_graph
        self._cite = Citations(index.passages, self._table, self._docs, self._documents, self.citation_graph)
        self.ranker = Ranker(index, self._table, self._docs, self._acronyms, RankerSettings(
            self.fusion, self.weights, dict(self.CORPUS_WEIGHTS), dict(self.DOC_WEIGHTS), self.DOCUMENT_FUSION,
            self.TOP_DOCUMENTS, self.DOCUMENT_CANDIDATES))

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def from_index(cls, path: str | Path | None = None, model: str | None = None) -> Engine:
        """Load the index folder at path (None: the default index of qa.settings)."""
        from index.store import PassageIndex  # lazy: faiss, bm25s, the model

        if path is None:
            from qa.settings import default_index_path

            path = default_index_path()
        index = PassageIndex.load(path, model=model)
        index.check_encoder()  # here, as one line, rather than at the first question
        return cls(index)

    @property
    def documents(self) -> list[dict]:
        """[{"symbol", "title", "passages", "body"?, "adopted"?}]: passages counts citable clauses;
        body and adopted (ISO date) when the text states them."""
        return [dict(d) for d in self._documents]

    @property
    def passage_count(self) -> int:
        return len(self._index.passages)

    def filters(self) -> dict:
        """What the filters may ask for: {"bodies": ["GA", "SC", ...], "years": [first, last]}."""
        return self._filter.available()

    # -- validation ----------------------------------------------------------------------------
    def _check(self, questions: list[str], k: int) -> list[str]:
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= self.MAX_K:
            raise BadQuestion(f"k must be a whole number from 1 to {self.MAX_K} (got {k!r}); "
                              "it is how many passages to return")
        cleaned = []
        for q in questions:
            if not isinstance(q, str):
                raise BadQuestion("the question must be text")
            if len(q) > self.MAX_QUESTION_CHARS:
                raise BadQuestion(f"the question is {len(q)} characters long; the limit is "
                                  f"{self.MAX_QUESTION_CHARS}. Shorten it to the point you want answered")
            c = clean_question(q)
            if not c:
                raise BadQuestion("the question is empty: type a question about the resolution")
            cleaned.append(c)
        return cleaned

    # -- answering -----------------------------------------------------------------------------
    def ask(self, question: str, k: int = 5, doc: str | Sequence[str] | None = None, *,
            body: str | None = None, years: str | tuple[int, int] | None = None) -> Answer:
        """The answer to one question. doc: None (every document), one symbol or a list of
        symbols; body: "GA", "SC", "HRC" (any case, or the full name); years: "1990-1999", "1994"
        or (start, end), the adoption year. An unknown value raises BadQuestion listing what exists."""
        return self.ask_batch([question], k=k, doc=doc, body=body, years=years)[0]

    def ask_batch(self, questions: list[str], k: int = 5, doc: str | Sequence[str] | None = None, *,
                  body: str | None = None, years: str | tuple[int, int] | None = None) -> list[Answer]:
        """Answers to several questions under the same filters (see `ask`), encoded in one batch."""
        if isinstance(questions, str):
            raise BadQuestion("ask_batch takes a list of questions")
        allowed = self._filter.select(doc, body, years)
        cleaned = self._check(list(questions), k)
        if not cleaned:
            return []
        # a handful of documents is ranked as one (the single-resolution engine and its figures);
        # the document stage is for collections
        searched = len(self._docs) if allowed is None else len(allowed)
        single = searched <= self.SMALL_COLLECTION
        fixes = [self._corrections(q) if not single else {} for q in cleaned]
        queries = [self._query(q, corpus=not single, corrections=f) for q, f in zip(cleaned, fixes, strict=True)]
        # what the confidence stage weighs: the question as typed, its shorthand and typos read
        read = [read_as_corpus(q, self._long_forms, f, self._table.vocab.ids) if not single else q for q, f in zip(cleaned, fixes, strict=True)]
        analyses = [analyze(query, typed=q) for q, query in zip(cleaned, queries, strict=True)]
        vectors = self._index.encode(queries)
        symbols = None if allowed is None else [self._docs.symbols[i] for i in allowed.tolist()]
        n = min(self.CANDIDATES, len(self._index.passages))
        dense_hits, bm25_hits = search_within(self._index, vectors, queries, n, symbols)
        return [self._answer(cleaned[i], queries[i], analyses[i], vectors[i : i + 1], dense_hits[i], bm25_hits[i],
                             k, allowed, single, read[i]) for i in range(len(cleaned))]

    def unsupported(self, question: str) -> str | None:
        """The scope checks alone (qa.abstention.scope) over every document: what the question names
        or asks that no indexed text holds ("names a year none of them mentions"), or None."""
        cleaned = self._check([question], 1)[0]
        single = len(self._docs) <= self.SMALL_COLLECTION
        query = self._query(cleaned, corpus=not single, corrections=self._corrections(cleaned) if not single else {})
        return self._scope.unsupported(query, None, names_a_paragraph=bool(named_clauses(query)))

    def _corrections(self, question: str) -> dict[str, str]:
        return self._spelling.corrections(question) if self._spelling is not None else {}

    def _query(self, question: str, corpus: bool = True, corrections: dict[str, str] | None = None) -> str:
        """The question as the rankers see it: expansions of qa.question.expansion, then (corpus:
        when documents are ranked first) the long forms of the mission and body acronyms it uses
        from the corpus's own definitions (and the acronyms of names it spells out). Within one
        document they only pull the question to the paragraph that defines the acronym ("... the
        United Nations Organization Mission in the Democratic Republic of the Congo (MONUC)")."""
        query = expand_question(question)
        if not corpus:
            return query
        extra = [x for x in self._acronyms.expand(question) if x.lower() not in query.lower()]
        # everyday shorthand ("mtg", "Aug") and typos read as the corpus writes them (qa.question.spelling)
        extra += [x for x in shorthand_forms(question) + list((corrections or {}).values())
                  if x.lower() not in query.lower()]
        extra = list(dict.fromkeys(extra))
        return f"{query} ({'; '.join(extra)})" if extra else query

    # -- the answer ------------------------------------------------------------------------------
    def _answer(self, question: str, query: str, analysis: Analysis, vector, dense_hits, bm25_hits, k: int,
                allowed: np.ndarray | None, single: bool, read: str | None = None) -> Answer:
        result = self.ranker.rank(analysis, query, vector, dense_hits, bm25_hits, allowed, single)
        candidates, scores = result["candidates"], np.asarray(result["scores"], dtype=np.float64)
        order = self._best_first(candidates, scores, k)
        docs = None if allowed is None else [self._docs.symbols[d] for d in allowed.tolist()]
        reason = self._scope.unsupported(query, docs, names_a_paragraph=bool(analysis.named)) if order else None
        if order and reason is None and not single:
            reason = absent_body(question, self._acronyms, self._long_forms, self._table.vocab, self._docs, allowed)
        answered = bool(order) and reason is None and self._confident(analysis, query, result, order[0], single,
                                                                       question if read is None else read)
        q_terms = content_terms(query)
        citations = tuple(self._cite.citation(int(candidates[i]), float(scores[i]), q_terms, result["parts"])
                          for i in order)
        message = ""
        if not answered:
            # "... These are the closest passages." stays last; the reason goes before it
            message = ABSTAIN_MESSAGE if not reason else ABSTAIN_MESSAGE.replace(
                "this.", f"this: the question {reason}.")
        return Answer(question=question, answered=answered, message=message, citations=citations)

    def _best_first(self, candidates: np.ndarray, scores: np.ndarray, k: int) -> list[int]:
        """The k best candidates' indices, by score, ties by document and place: only those scoring
        at least the k-th best (ties included) are keyed and sorted, not every clause of the documents."""
        if not len(candidates):
            return []
        m = min(k, len(candidates))
        kth = -np.partition(-scores, m - 1)[m - 1]
        pool = np.flatnonzero(scores >= kth).tolist()
        keys = {i: self._cite.key(int(candidates[i])) for i in pool}
        return sorted(pool, key=lambda i: (-scores[i], keys[i]))[:m]

    def confidence_features(self, analysis: Analysis, query: str, result: dict, top: int,
                            typed: str | None = None, single: bool = False) -> dict:
        """The top clause's evidence and its document's, as the confidence stage reads them
        (qa.abstention.confidence)."""
        return confidence_features(self._table, self._docs, self._acronyms.long, analysis, query, result, top,
                                   typed, single)

    def _confident(self, analysis: Analysis, query: str, result: dict, top: int, single: bool,
                   typed: str | None = None) -> bool:
        features = self.confidence_features(analysis, query, result, top, typed, single)
        if single:
            return self.single_confidence.confident(features["dense"], features["evidence"], features["in_document"])
        return self.corpus_confidence.confident(features)

    # -- citations (qa.answers.citations) --------------------------------------------------------
    def document_card(self, symbol: str) -> dict:
        """What a citation says of its document (qa.answers.citations.Citations.document_card)."""
        return self._cite.document_card(symbol)

    # -- the plain anchors -----------------------------------------------------------------------
    def ask_baseline(self, questions: list[str], method: str, k: int = 10, doc=None, *, body=None,
                     years=None) -> list[Answer]:
        """Answers by a plain anchor (qa.ranking.baselines: bm25, dense or rrf) on this index, for
        `resolution-qa eval --baseline`: the question as typed, no document stage, no abstention."""
        from qa.ranking.baselines import Baseline, baseline_ranking

        try:
            chosen = Baseline.parse(method)
        except ValueError as exc:
            raise BadQuestion(str(exc)) from None
        allowed = self._filter.select(doc, body, years)
        cleaned = self._check(list(questions), k)
        vectors = self._index.encode(cleaned)
        symbols = None if allowed is None else [self._docs.symbols[i] for i in allowed.tolist()]
        n = min(self.CANDIDATES, len(self._index.passages))
        dense_hits, bm25_hits = search_within(self._index, vectors, cleaned, n, symbols)
        out = []
        for q, dense, bm25 in zip(cleaned, dense_hits, bm25_hits, strict=True):
            ranked = baseline_ranking(chosen, dense, bm25, self._table.clause_of)[:k]
            terms = content_terms(q)
            out.append(Answer(question=q, answered=True, message="",
                              citations=tuple(self._cite.citation(c, s, terms, {}) for c, s in ranked)))
        return out

    # -- the document view and the chat's examples (ui) -----------------------------------------
    def document(self, symbol: str) -> Document | None:
        """The document as indexed (qa.answers.document): title, adoption record, every clause in
        order, and the indexed resolutions it cites and that cite it; None when it is not indexed."""
        d = self._docs.ids.get(symbol)
        if d is None:
            return None
        metas = [self._cite.meta(c) for c in sorted(self._table.clauses_of(d).tolist())]  # in index order
        return document_from_clauses(self._documents[d], metas, refers_to=self.citation_graph.cites(symbol),
                                     referred_by=self.citation_graph.cited_by(symbol))

    def examples(self, n: int = 4) -> list[Example]:
        """Up to n example questions built from the indexed texts, each answered by its own clause
        (qa.question.examples)."""
        documents = [doc for doc in (self.document(d["symbol"]) for d in self._documents) if doc is not None]
        return choose_examples(documents, lambda question: self.ask(question), n=n)
