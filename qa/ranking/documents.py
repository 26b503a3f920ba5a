"""Document ranking: which resolution a question is about, before which of its clauses answers.

Over thousands of resolutions the right clause is often out-scored by a near-identical one of
another resolution (a mandate renewal, a later text citing the first); what tells them apart is
document evidence. Per candidate document, all on 0..1 scales (`DOC_FEATURES`):

- named: the question names it ("resolution 242 (1967)", "resolution 242", "64/12", a symbol);
- day / month / year: it was adopted on the date ("On 9 August 1990"), in the month ("in March 1994") or the year ("the 1985 renewal")
  the question names;
- body: it is of the body the question names ("the Council", "the Assembly");
- lexical: BM25 of the question over whole documents (title, adoption record and every clause's
  own words; a term counts once per clause), over the best candidate;
- entities: the share of the question's names, acronyms and places (with the long forms of its
  acronyms) the document mentions;
- passage / dense: the best first-stage clause score and dense cosine among its passages;
- established: for "which resolution established ...", how well the phrases of other resolutions
  citing it as the one that "established" something ("the Committee established by resolution 661
  (1990) concerning ...") match the question (the citation graph, read at load);
- sets_up: for "which resolution established ...", how much of the question the document's own
  establishing paragraphs ("Decides to establish a United Nations Operation in Mozambique
  (ONUMOZ)") hold: the renewals and later texts that name the same body set nothing up;
- early: for "first" / establishing questions, the earlier of the close candidates.

Everything is built once at load as arrays; a question costs work in proportion to the postings of
its rarer terms and the candidate documents, not the number of indexed documents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from qa.question.analysis import Analysis
from qa.question.bodies import acronym_definitions
from qa.question.places import places_in_question
from qa.ranking.arrays import csr, gather, unique_sorted
from qa.ranking.clauses import ClauseTable
from qa.references import ReferenceResolver, body_code, established_phrases
from qa.text import content_terms

__all__ = ["DocumentTable", "DOC_FEATURES", "body_of_symbol", "year_of", "document_links", "rank_documents"]

DOC_FEATURES = ("named", "day", "month", "year", "body", "lexical", "entities", "passage", "dense", "established",
                "sets_up", "early")
BODIES = ("SC", "GA", "HRC", "ECOSOC", "")
_K1, _B = 1.2, 0.75
COMMON_SHARE = 0.3  # terms in more documents than this share carry ~no BM25 weight: skipped


def document_links(texts: Sequence[str], body: str | None) -> dict:
    """What a document says of others and of its own names, read once at build time (qa.passages):
    {"acronyms": [[acronym, full name]] it defines, "established": [[reference key, phrase]] for
    each "the Committee established by resolution 661 (1990) ..." (qa.references)}."""
    acronyms: dict[tuple[str, str], None] = {}
    established: dict[tuple[str, str], None] = {}
    for text in texts:
        for pair in acronym_definitions(text):
            acronyms.setdefault(pair, None)
        for key, phrase in established_phrases(text, body, lambda t: " ".join(t.split())):
            established.setdefault((key, phrase), None)
    return {"acronyms": [list(p) for p in acronyms], "established": [list(p) for p in established]}


def body_of_symbol(symbol: str) -> str:
    """SC / GA / HRC / ECOSOC from a symbol's form, "" when it does not say."""
    s = symbol.upper().replace(" ", "")
    if s.startswith("S/RES/"):
        return "SC"
    if s.startswith("A/HRC/RES/"):
        return "HRC"
    if s.startswith("A/RES/") or s.startswith("A/ES-"):
        return "GA"
    if s.startswith("E/RES/"):
        return "ECOSOC"
    return ""


def year_of(symbol: str, adopted: str | None) -> tuple[int, int, int]:
    """(year, month, day) of adoption (0 where unknown): the ISO date, else the "(1990)" of a
    Council symbol."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(adopted or ""))
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = re.search(r"\((\d{4})\)\s*$", symbol)
    return (int(m.group(1)), 0, 0) if m else (0, 0, 0)


class DocumentTable:
    """Per-document arrays and the whole-document term postings, from the clause table."""

    def __init__(self, symbols: Sequence[str], metas: Sequence[dict], clauses: ClauseTable,
                 links: Sequence[dict]) -> None:
        """links: per document, `document_links` of its texts (kept in the index at build time)."""
        self.symbols = list(symbols)
        self.ids = {s: i for i, s in enumerate(self.symbols)}
        n = len(self.symbols)
        self.titles = [str(m.get("title") or "") for m in metas]
        codes = [body_code(m.get("body")) or body_of_symbol(s) for s, m in zip(self.symbols, metas, strict=True)]
        self.body = np.asarray([BODIES.index(c) if c in BODIES else len(BODIES) - 1 for c in codes], dtype=np.int8)
        dates = [year_of(s, m.get("adopted")) for s, m in zip(self.symbols, metas, strict=True)]
        self.year = np.asarray([d[0] for d in dates], dtype=np.int16)
        self.month = np.asarray([d[1] for d in dates], dtype=np.int8)
        self.day = np.asarray([d[2] for d in dates], dtype=np.int8)
        self.resolver = ReferenceResolver(self.symbols)
        # whole-document postings: (document, term) once per clause holding the term
        own_docs = np.repeat(clauses.doc.astype(np.int64), np.diff(clauses.own_ptr))
        pair = own_docs * np.int64(len(clauses.vocab.ids) + 1) + clauses.own.astype(np.int64)
        keys, tf = unique_sorted(pair, counts=True)
        width = np.int64(len(clauses.vocab.ids) + 1)
        docs, terms = (keys // width).astype(np.int32), (keys % width).astype(np.int32)
        self.length = np.bincount(docs, weights=tf, minlength=n).astype(np.float32)
        self.avg_length = float(self.length.mean()) if n else 1.0
        self.doc_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(docs, minlength=n), out=self.doc_ptr[1:])
        self.doc_terms = terms  # sorted by (doc, term): each document's row is sorted
        by_term = np.lexsort((docs, terms))
        vocab_size = len(clauses.vocab.ids)
        self.term_ptr = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=vocab_size), out=self.term_ptr[1:])
        self.term_docs = docs[by_term]
        self.term_tf = tf[by_term].astype(np.float32)
        df = np.diff(self.term_ptr).astype(np.float64)
        self.idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.default_idf = float(math.log(1 + (n + 0.5) / 0.5))
        # documents by adoption month and year
        self.by_month: dict[tuple[int, int], np.ndarray] = {}
        self.by_year: dict[int, np.ndarray] = {}
        for i, (y, mo, _) in enumerate(dates):
            if y:
                self.by_year.setdefault(y, []).append(i)
                if mo:
                    self.by_month.setdefault((y, mo), []).append(i)
        self.by_year = {k: np.asarray(v, dtype=np.int32) for k, v in self.by_year.items()}
        self.by_month = {k: np.asarray(v, dtype=np.int32) for k, v in self.by_month.items()}
        # each document's establishing paragraphs (clause ids; a document's clauses are contiguous)
        establishing = np.flatnonzero(clauses.establishes).astype(np.int32)
        self.sets_up_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(clauses.doc[establishing], minlength=n), out=self.sets_up_ptr[1:])
        self.sets_up_clauses = establishing
        # what other documents say each one established: a CSR of term ids per target document
        phrases: dict[int, list[np.ndarray]] = {}
        citing: dict[int, set[int]] = {}
        vocab = clauses.vocab
        for citing_doc, found in enumerate(links):
            for key, phrase in found.get("established", ()):
                target = self.resolver.resolve(key)
                if target is None or self.ids[target] == citing_doc:
                    continue
                ids = vocab.lookup(content_terms(phrase))
                phrases.setdefault(self.ids[target], []).append(ids)
                citing.setdefault(self.ids[target], set()).add(citing_doc)
        rows: list[np.ndarray] = []
        self.established_count = np.zeros(n, dtype=np.int32)  # distinct documents saying so
        for i in range(n):
            found = phrases.get(i)
            self.established_count[i] = len(citing.get(i, ()))
            rows.append(unique_sorted(np.concatenate(found)).astype(np.int32) if found else np.zeros(0, np.int32))
        self.est_ptr, self.est_terms = csr(rows)
        self._vocab = clauses.vocab

    def __len__(self) -> int:
        return len(self.symbols)

    # -- per question ------------------------------------------------------------------------
    def named(self, analysis: Analysis) -> set[int]:
        out = set()
        for key in analysis.resolutions:
            symbol = self.resolver.resolve(key)
            if symbol is not None:
                out.add(self.ids[symbol])
        return out

    def bm25(self, q_ids: np.ndarray, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """BM25 of the question's terms over whole documents: (sorted doc ids, scores) of the
        documents holding any of them (within allowed). Terms in more than COMMON_SHARE of the
        documents are skipped: their weight is ~0 and their postings are the longest."""
        n = len(self.symbols)
        parts_docs, parts_scores = [], []
        for t in q_ids.tolist():
            a, b = self.term_ptr[t], self.term_ptr[t + 1]
            if b == a or ((b - a) > COMMON_SHARE * n and n > 20):
                continue
            docs = self.term_docs[a:b]
            tf = self.term_tf[a:b]
            norm = _K1 * (1 - _B + _B * self.length[docs] / self.avg_length)
            parts_docs.append(docs)
            parts_scores.append(self.idf[t] * tf * (_K1 + 1) / (tf + norm))
        if not parts_docs:
            return np.zeros(0, dtype=np.int32), np.zeros(0)
        docs = np.concatenate(parts_docs)
        uniq, inverse = np.unique(docs, return_inverse=True)
        sums = np.zeros(len(uniq))
        np.add.at(sums, inverse, np.concatenate(parts_scores).astype(np.float64))
        if allowed is not None:
            keep = np.isin(uniq, allowed, assume_unique=True)
            uniq, sums = uniq[keep], sums[keep]
        return uniq, sums

    def coverage(self, docs: np.ndarray, q_ids: np.ndarray, q_weights: np.ndarray, total: float) -> np.ndarray:
        """IDF share (clause IDF weights given) of the question's terms each document holds."""
        out = np.zeros(len(docs))
        if not len(docs) or not len(q_ids) or total <= 0:
            return out
        terms, owner = gather(self.doc_ptr, self.doc_terms, np.asarray(docs, dtype=np.int64))
        at = np.minimum(np.searchsorted(q_ids, terms), len(q_ids) - 1)
        hit = q_ids[at] == terms
        np.add.at(out, owner[hit], q_weights[at[hit]])
        return out / total

    def docs_holding(self, term_ids: np.ndarray) -> np.ndarray:
        """Sorted ids of the documents holding every one of the terms (postings intersected,
        rarest first)."""
        if not len(term_ids):
            return np.zeros(0, dtype=np.int32)
        rows = sorted((self.term_docs[self.term_ptr[t]:self.term_ptr[t + 1]] for t in term_ids.tolist()), key=len)
        out = rows[0]
        for row in rows[1:]:
            out = out[np.isin(out, row, assume_unique=True)]
        return out

    def entity_terms(self, analysis: Analysis, long_forms: dict[str, str]) -> list[list[np.ndarray]]:
        """Per entity the question names (a name, an acronym, a place), the term-id sets of its
        forms (an acronym and its long form are one entity). A form with a term the corpus never
        uses is mentioned by no document, and is left out."""
        out: list[list[np.ndarray]] = []
        seen: set[str] = set()
        for name in (*analysis.acronyms, *analysis.names, *places_in_question(analysis.text)):
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            forms = []
            for text in (name, long_forms.get(name, "")):
                terms = set(content_terms(text))
                ids = self._vocab.lookup(terms)
                if terms and len(ids) == len(terms):
                    forms.append(ids)
            out.append(forms)
        return out

    def entities(self, docs: np.ndarray, entities: list[list[np.ndarray]]) -> np.ndarray:
        """Share of the question's entities each document mentions in one of their forms."""
        if not entities:
            return np.zeros(len(docs))
        out = np.zeros(len(docs))
        for forms in entities:
            holders = [self.docs_holding(f) for f in forms]
            if holders:
                out += np.isin(docs, np.concatenate(holders))
        return out / len(entities)

    def established(self, docs: np.ndarray, q_ids: np.ndarray, q_weights: np.ndarray, total: float) -> np.ndarray:
        """How well what other resolutions say each document established matches the question."""
        out = np.zeros(len(docs))
        if not len(q_ids) or total <= 0:
            return out
        terms, owner = gather(self.est_ptr, self.est_terms, np.asarray(docs, dtype=np.int64))
        if len(terms):
            at = np.minimum(np.searchsorted(q_ids, terms), len(q_ids) - 1)
            hit = q_ids[at] == terms
            np.add.at(out, owner[hit], q_weights[at[hit]])
        cited = np.minimum(1.0, np.log1p(self.established_count[docs]) / math.log(4))
        return out / total * cited


    def sets_up(self, docs: np.ndarray, clauses: ClauseTable, q_ids: np.ndarray, q_weights: np.ndarray,
                total: float) -> np.ndarray:
        """Per document: the best IDF share of the question held by one of its establishing paragraphs."""
        out = np.zeros(len(docs))
        rows, owner = gather(self.sets_up_ptr, self.sets_up_clauses, np.asarray(docs, dtype=np.int64))
        if len(rows):
            np.maximum.at(out, owner, clauses.coverage(clauses.own_ptr, clauses.own, rows, q_ids, q_weights, total))
        return out


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """values[keys == w] for each w of wanted (0 where absent); keys sorted."""
    if not len(keys):
        return np.zeros(len(wanted))
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, values[at], 0.0)


def rank_documents(docs: DocumentTable, clauses: ClauseTable, analysis: Analysis, terms: Sequence[str],
                   first: dict, allowed: np.ndarray | None, weights: dict, long_forms: dict[str, str],
                   candidates: int = 30) -> tuple[list[tuple[int, float]], dict[str, np.ndarray], np.ndarray]:
    """Candidate documents best first as (doc id, score), with their features (DOC_FEATURES) and
    ids. first: the first-stage clause ranking ({"candidates", "scores", "features"}) over the
    whole index (or the filter)."""
    q_ids, q_w, total = clauses.question_weights(terms)
    bm_docs, bm_scores = docs.bm25(q_ids, allowed)
    # the first stage's best clause and dense cosine per document
    first_docs = clauses.doc[first["candidates"]] if len(first["candidates"]) else np.zeros(0, np.int32)
    best_clause: dict[int, float] = {}
    best_dense: dict[int, float] = {}
    for d, score, cos in zip(first_docs.tolist(), np.asarray(first["scores"]).tolist(),
                             first["features"]["dense"].tolist() if len(first_docs) else [], strict=True):
        best_clause[d] = max(best_clause.get(d, -np.inf), score)
        best_dense[d] = max(best_dense.get(d, -np.inf), cos)
    pool: set[int] = set(best_clause)
    if len(bm_docs):
        top = np.argsort(-bm_scores, kind="stable")[:candidates]
        pool.update(bm_docs[top].tolist())
    named = {d for d in docs.named(analysis) if allowed is None or d in set(allowed.tolist())}
    pool |= named
    # documents of the month or year the question names, best by BM25 among them
    dated = [docs.by_month.get(m) for m in analysis.months] + [docs.by_year.get(y) for y in analysis.years]
    dated = [x for x in dated if x is not None]
    if dated:
        in_time = unique_sorted(np.concatenate(dated))
        scored = _lookup(bm_docs, bm_scores, in_time)
        keep = in_time[scored > 0]
        pool.update(keep[np.argsort(-scored[scored > 0], kind="stable")][:candidates // 2].tolist())
    ids = np.asarray(sorted(pool), dtype=np.int64)
    if not len(ids):
        return [], {}, ids
    lexical = _lookup(bm_docs, bm_scores, ids)
    passage = np.asarray([best_clause.get(d, 0.0) for d in ids.tolist()])
    entities = docs.entity_terms(analysis, long_forms)
    f = {
        "named": np.isin(ids, list(named)).astype(np.float64) if named else np.zeros(len(ids)),
        "day": np.asarray([(int(docs.year[d]), int(docs.month[d]), int(docs.day[d])) in analysis.dates
                           for d in ids.tolist()], float) if analysis.dates else np.zeros(len(ids)),
        "month": np.asarray([(int(docs.year[d]), int(docs.month[d])) in analysis.months for d in ids.tolist()], float),
        "year": np.isin(docs.year[ids], list(analysis.years)).astype(np.float64) if analysis.years else np.zeros(len(ids)),
        "body": np.isin(docs.body[ids], [BODIES.index(b) for b in analysis.bodies if b in BODIES]).astype(np.float64),
        "lexical": lexical / (lexical.max() or 1.0),
        "entities": docs.entities(ids, entities),
        "passage": np.maximum(passage, 0.0) / (max(passage.max(), 0.0) or 1.0),
        "dense": np.asarray([max(best_dense.get(d, 0.0), 0.0) for d in ids.tolist()]),
        "established": docs.established(ids, q_ids, q_w, total) if analysis.establishing else np.zeros(len(ids)),
        "sets_up": np.zeros(len(ids)),
        "early": np.zeros(len(ids)),
    }
    if analysis.establishing:
        # of the documents that name what the question names: "the observer mission in Liberia" is
        # not set up by the paragraph establishing the one in El Salvador, however alike their words
        f["sets_up"] = docs.sets_up(ids, clauses, q_ids, q_w, total) * (f["entities"] if entities else 1.0)
    score = sum(weights.get(name, 0.0) * f[name] for name in DOC_FEATURES)
    if analysis.establishing or analysis.first:
        # "which resolution first ...": of the close leaders, the earliest
        leaders = np.argsort(-score, kind="stable")[:5]
        dated_leaders = [i for i in leaders.tolist() if docs.year[ids[i]] > 0 and score[i] >= score[leaders[0]] - 1.0]
        if dated_leaders:
            earliest = min(dated_leaders, key=lambda i: (int(docs.year[ids[i]]), int(docs.month[ids[i]])))
            f["early"][earliest] = 1.0
            score = score + weights.get("early", 0.0) * f["early"]
    order = np.argsort(-score, kind="stable")
    return [(int(ids[i]), float(score[i])) for i in order], f, ids
