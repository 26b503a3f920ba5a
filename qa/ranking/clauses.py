"""Clause evidence: what each indexed clause offers a question, kept as arrays built once at load.

An index of every resolution holds ~1M passages, so nothing here is a Python set or dict per
clause: terms are integer ids in CSR arrays (`ctx` = the clause with its context, `own` = its own
words), kinds and fact flags are small integer arrays, and the maps from a label ("operative", "10")
or a calendar date to the clauses holding it are built once. Per question, the work is in
proportion to the candidate clauses, never to the index.

Features (`ClauseTable.features`), all on 0..1 scales:
- dense: best cosine of the clause's passages (whole or part); bm25: best BM25 over the best of all;
- context / own: IDF share of the question's content terms found in the clause with its context /
  in its own words (IDF over the clauses of the whole corpus);
- label: the question names the clause ("operative paragraph 10") or holds a date it holds exactly;
- record: the adoption-record cue for a `meta` unit (off when the question names another
  resolution); type: the share of asked question types the clause's own text meets;
- operative: the clause is operative (for "what did the Council decide / demand / ask", where the
  deciding paragraphs come before the preambular ones that explain them);
- establishes: the clause sets something up ("Decides to establish", "creates") for a question
  asking which resolution established or first did something;
- asked_record: the question asks about the adoption record (a vote, an abstention, a meeting)
  and the clause is the adoption record or a footnote (where yearbooks note how a vote went);
  record_note: such a question, and the clause is a footnote of the adoption record itself;
- names: the share of the names, acronyms and places the question gives that the clause names;
- day: the question asks for a day ("on what date", "by when") and the clause names a day of a month;
- listed: for "was X among / one of ...", the clause names X in a list of names (the Ranker reads
  the candidates' texts for it: qa.ranking.ranker).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from qa.question.analysis import (
    DAY_OF_MONTH,
    FUTURE_TYPE,
    PLACE_TYPE,
    QUESTION_TYPES,
    Analysis,
    dates_in,
    speaks_of_future,
)
from qa.question.places import places_in_question
from qa.ranking.arrays import csr, gather, unique_sorted
from qa.ranking.clause_terms import PassageTerms, clause_terms, covers_word_for_word
from qa.text import content_terms

__all__ = ["ClauseTable", "KINDS", "FEATURES", "Vocabulary", "clause_facts"]

KINDS = ("meta", "preambular", "operative", "footnote", "annex", "")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
OPERATIVE = _KIND_CODE["operative"]
META = _KIND_CODE["meta"]
FEATURES = ("dense", "bm25", "context", "own", "label", "record", "type", "operative", "establishes", "asked_record",
            "record_note", "names", "named", "verb", "listed", "day")
FOOTNOTE = _KIND_CODE["footnote"]
_RECORD_WORDS = ("adopt adopted adoption plenary meeting session agenda item draft committee vote voted "
                 "record sponsor sponsored").split()
# "Decides to establish ...", "Establishes ...", "Decides that ... shall be established", "A Commission ...
# is hereby established", "Requests the Secretary-General to establish ..." (the Council sets it up through him)
_ESTABLISHES = re.compile(r"\b(?:decides?\s+(?:\w+\s+){0,3}to\s+(?:establish|create|set up|constitute)|"
                          r"(?:hereby\s+)?(?:establishes|creates|sets up)\b|decides?\s+that\s+there\s+shall\s+be|"
                          r"(?:is|are|shall be)\s+(?:hereby\s+)?(?:established|created|set up)\b(?!\s+(?:by|under|in pursuance of|pursuant to)\s+(?:its\s+)?resolutions?\b)|"
                          r"requests\s+the\s+secretary-general\s+to\s+(?:establish|set up|create)\b)", re.I)


def clause_facts(kind: str, own: str, year: int | None, session: int | None) -> dict:
    """What a clause's own text holds, read once (at build time, kept in the passage's meta):
    types, a bit per QUESTION_TYPES fact and FUTURE_TYPE (a year or session after its document's);
    dates, the calendar dates it names; establishes, an operative paragraph that sets something up;
    day, it names a day of a month ("by 31 May annually")."""
    bits = 0
    for i, (_, fact) in enumerate(QUESTION_TYPES):
        if fact.search(own):
            bits |= 1 << i
    if speaks_of_future(own, year, session):
        bits |= 1 << FUTURE_TYPE
    out: dict = {"types": bits}
    dates = sorted(dates_in(own))
    if dates:
        out["dates"] = [list(d) for d in dates]
    if kind in ("operative", "annex") and _ESTABLISHES.search(own):
        out["establishes"] = True
    if DAY_OF_MONTH.search(own):
        out["day"] = True
    return out


def _member(values: np.ndarray, of: np.ndarray) -> np.ndarray:
    """1.0 where a value is in `of` (most questions name no clause: no isin then)."""
    return np.isin(values, of).astype(np.float64) if len(of) else np.zeros(len(values))


class Vocabulary:
    """Content terms as integer ids, and their IDF over the corpus's clauses."""

    def __init__(self, terms: Sequence[str] = (), df: Sequence[int] = ()) -> None:
        self.ids: dict[str, int] = {t: i for i, t in enumerate(terms)}
        self.df: list[int] = list(df)

    def lookup(self, terms: Sequence[str]) -> np.ndarray:
        return np.sort(np.asarray([self.ids[t] for t in set(terms) if t in self.ids], dtype=np.int32))


class ClauseTable:
    """Every indexed clause's evidence, from the index's passages (whole clauses and their parts)."""

    def __init__(self, passages: Sequence, doc_ids: dict[str, int],
                 when: dict[str, tuple[int | None, int | None]],
                 on_clause: Callable[[str, str, list[str]], None] | None = None,
                 postings: tuple | None = None) -> None:
        """passages: the index's, in index order; doc_ids: document symbol -> id; when: a
        document's adoption year and session (for "next" / "will");
        on_clause(doc, own text, own terms): called once per clause;
        postings: the index's BM25 postings (PassageIndex.bm25_postings), from which the clauses'
        terms are read (qa.ranking.clause_terms); None: every clause is tokenized."""
        n = len(passages)
        self.clause_of = np.full(n, -1, dtype=np.int32)  # passage position -> clause
        self.part_of = np.full(n, -1, dtype=np.int16)  # passage position -> part index (-1: whole)
        positions: list[int] = []
        docs: list[int] = []
        kinds: list[int] = []
        facts: list[int] = []
        own_texts: list[str | None] = []  # a clause's own text where it is not its passage's text
        part_texts: dict[int, list[str]] = {}  # ... and then the texts of its parts, in order
        part_positions: dict[int, list[int]] = {}
        self.by_label: dict[tuple[str, str], list[int]] = {}
        self.by_date: dict[tuple[int, int, int], list[int]] = {}
        establishing: list[int] = []
        with_day: list[int] = []
        unit_of: dict[str, int] = {}  # the current document's clauses by unit: its parts follow them
        notes: set[str] = set()  # the current document's footnotes to its adoption record
        record_notes: list[int] = []
        current = None
        openings: list[list[str]] = []
        positions_seen: dict[str, list[int]] = {}  # the current document's top-level clauses by kind
        for pos, p in enumerate(passages):
            meta = p.meta
            unit = meta.get("unit") or p.id.split("#", 1)[-1]
            if p.doc != current:
                record_notes.extend(unit_of[u] for u in notes if u in unit_of)
                _add_last(self.by_label, positions_seen)
                current, unit_of, notes = p.doc, {}, set()
                positions_seen = {}
            part = meta.get("part")
            if part is not None:
                c = unit_of.get(unit)
                if c is not None:
                    self.clause_of[pos] = c
                    self.part_of[pos] = int(part) - 1
                    if own_texts[c] is not None:
                        part_texts.setdefault(c, []).append(p.text)
                        part_positions.setdefault(c, []).append(pos)
                continue
            c = len(positions)
            unit_of[unit] = c
            self.clause_of[pos] = c
            positions.append(pos)
            docs.append(doc_ids[p.doc])
            kind = meta.get("kind", "")
            kinds.append(_KIND_CODE.get(kind, _KIND_CODE[""]))
            if kind == "meta":  # a yearbook's note on the vote ("One member (China) did not participate")
                notes.update(f.get("unit") for f in meta.get("footnotes") or () if isinstance(f, dict))
            # a clause's own words; the adoption record in words is the meta unit's own
            own = p.text if kind == "meta" else meta.get("text", p.text)
            own_texts.append(None if own == p.text else own)
            # the verb it opens with, as terms (ids once the vocabulary is read, below)
            openings.append(opening_verbs(own) if kind in ("operative", "preambular") else [])
            # read at build time (qa.passages); an older index's are read here
            found = meta.get("facts")
            if not isinstance(found, dict):
                found = clause_facts(kind, own, *when.get(p.doc, (None, None)))
            facts.append(int(found.get("types", 0)))
            for label in _labels(kind, unit, meta.get("number"), c, positions_seen):
                self.by_label.setdefault(label, []).append(c)
            for date in found.get("dates", ()):
                self.by_date.setdefault(tuple(date), []).append(c)
            if found.get("establishes"):
                establishing.append(c)
            if found.get("day"):
                with_day.append(c)
        record_notes.extend(unit_of[u] for u in notes if u in unit_of)
        _add_last(self.by_label, positions_seen)
        self.position = np.asarray(positions, dtype=np.int64)  # clause -> its whole passage
        # the parts stand for the clause's own words only when they hold them word for word
        parts = {c: part_positions[c] for c, texts in part_texts.items() if covers_word_for_word(own_texts[c], texts)}
        terms = clause_terms(PassageTerms(passages, postings), self.position, own_texts, parts)
        self.ctx_ptr, self.ctx, self.own_ptr, self.own = terms.ctx_ptr, terms.ctx, terms.own_ptr, terms.own
        df = np.bincount(self.ctx, minlength=len(terms.terms))
        self.terms = terms.terms  # term id -> term
        self.vocab = Vocabulary(terms.terms, df.tolist())
        self.record_note = np.zeros(len(positions), dtype=bool)
        self.record_note[record_notes] = True
        self.doc = np.asarray(docs, dtype=np.int32)
        self.kind = np.asarray(kinds, dtype=np.int8)
        self.facts = np.asarray(facts, dtype=np.int16)
        self.establishes = np.zeros(len(positions), dtype=bool)
        self.establishes[establishing] = True
        self.names_day = np.zeros(len(positions), dtype=bool)  # names a day of a month (an older index: none)
        self.names_day[with_day] = True
        self.opening_ptr, self.opening = csr([self.vocab.lookup(o) if o else _NONE for o in openings])
        self.by_label = {k: np.asarray(v, dtype=np.int32) for k, v in self.by_label.items()}
        self.by_date = {k: np.asarray(v, dtype=np.int32) for k, v in self.by_date.items()}
        count = max(len(positions), 1)
        df = df.astype(np.float64)
        self.idf = np.log(1 + (count - df + 0.5) / (df + 0.5))
        self.idf_map = _IdfMap(self.vocab.ids, self.idf)
        self.default_idf = float(math.log(1 + (count + 0.5) / 0.5))
        self.record_terms = frozenset(content_terms(w)[0] for w in _RECORD_WORDS if content_terms(w))
        # clauses of each document, in index order (documents' passages are contiguous)
        order = np.argsort(self.doc, kind="stable")
        self.doc_ptr = np.zeros(len(doc_ids) + 1, dtype=np.int64)
        np.add.at(self.doc_ptr, self.doc.astype(np.int64) + 1, 1)
        np.cumsum(self.doc_ptr, out=self.doc_ptr)
        self.doc_clauses = order.astype(np.int32)
        self._document_terms: dict[int, np.ndarray] = {}
        if on_clause is not None:
            for c, pos in enumerate(positions):
                p = passages[pos]
                own = own_texts[c] if own_texts[c] is not None else p.text
                on_clause(p.doc, own, self.own_terms(c))

    def own_terms(self, c: int) -> list[str]:
        """The distinct content terms of clause c's own words."""
        return [self.terms[i] for i in self.own[self.own_ptr[c]:self.own_ptr[c + 1]].tolist()]

    def __len__(self) -> int:
        return len(self.position)

    # -- lookups ---------------------------------------------------------------------------------
    def clauses_of(self, doc_id: int) -> np.ndarray:
        return self.doc_clauses[self.doc_ptr[doc_id]:self.doc_ptr[doc_id + 1]]

    def document_terms(self, doc_id: int) -> np.ndarray:
        """The sorted distinct terms of a document's clauses with their context; kept once read (the
        single-resolution confidence reads them for every question)."""
        terms = self._document_terms.get(doc_id)
        if terms is None:
            rows = self.clauses_of(doc_id).astype(np.int64)
            terms = unique_sorted(gather(self.ctx_ptr, self.ctx, rows)[0])
            self._document_terms[doc_id] = terms
        return terms

    def question_weights(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray, float]:
        """(sorted term ids, their IDF weights, total weight with unknown terms) of a question."""
        unique = sorted(set(terms))
        known = [(self.vocab.ids[t], t) for t in unique if t in self.vocab.ids]
        ids = np.asarray(sorted(i for i, _ in known), dtype=np.int32)
        weights = self.idf[ids].astype(np.float64) if len(ids) else np.zeros(0)
        total = float(weights.sum()) + self.default_idf * (len(unique) - len(known))
        return ids, weights, total

    def coverage(self, ptr: np.ndarray, data: np.ndarray, rows: np.ndarray, q_ids: np.ndarray,
                 q_weights: np.ndarray, total: float) -> np.ndarray:
        """IDF share of the question's terms in each row (clause) of a CSR term table."""
        out = np.zeros(len(rows), dtype=np.float64)
        if not len(rows) or not len(q_ids) or total <= 0:
            return out
        terms, owner = gather(ptr, data, np.asarray(rows, dtype=np.int64))
        if not len(terms):
            return out
        at = np.minimum(np.searchsorted(q_ids, terms), len(q_ids) - 1)
        hit = q_ids[at] == terms
        np.add.at(out, owner[hit], q_weights[at[hit]])
        return out / total

    def named_by_label(self, analysis: Analysis) -> np.ndarray:
        found = [self.by_label[k] for k in analysis.named if k in self.by_label]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)

    def labelled(self, analysis: Analysis, allowed_docs: np.ndarray | None) -> np.ndarray:
        """Clauses the question names by label, or that hold exactly a date it names."""
        found = [self.by_label[k] for k in analysis.named if k in self.by_label]
        found += [self.by_date[d] for d in analysis.dates if d in self.by_date]
        if not found:
            return np.zeros(0, dtype=np.int32)
        out = unique_sorted(np.concatenate(found))
        if allowed_docs is not None:
            out = out[np.isin(self.doc[out], allowed_docs)]
        return out

    # -- features --------------------------------------------------------------------------------
    def features(self, analysis: Analysis, terms: Sequence[str], candidates: np.ndarray,
                 dense: dict[int, float], bm25: dict[int, float], labelled: np.ndarray,
                 names_other: np.ndarray, entities: Sequence[Sequence[np.ndarray]] = ()) -> dict[str, np.ndarray]:
        """Feature arrays (FEATURES) over candidate clause ids (see the module docstring).
        names_other: per candidate, whether the question names a resolution other than its own;
        entities: the names, acronyms and places the question gives, each as the term-id sets of
        its forms (qa.ranking.documents.DocumentTable.entity_terms)."""
        q_ids, q_w, total = self.question_weights(terms)
        floor = min(dense.values(), default=0.0)
        top_bm = max(bm25.values(), default=0.0) or 1.0
        cands = candidates.tolist()
        # the record words the question uses, known to the corpus or not (an unknown one weighs the most)
        record = sum(float(self.idf[self.vocab.ids[t]]) if t in self.vocab.ids else self.default_idf
                     for t in set(terms) if t in self.record_terms) / total if total else 0.0
        asks = set(analysis.asks)
        if places_in_question(analysis.text):
            # "Where are the documents of the Ulaanbaatar conference?" names its place: it asks for
            # something else, so place-naming clauses get no boost
            asks.discard(PLACE_TYPE)
        asked = sum(1 << i for i in asks)
        facts = self.facts[candidates].astype(np.int64)
        type_share = np.zeros(len(cands))
        if asks:
            met = facts & asked
            type_share = np.bitwise_count(met).astype(np.float64) / len(asks)
        is_meta = self.kind[candidates] == META
        return {
            "dense": np.asarray([dense.get(c, floor) for c in cands], dtype=np.float64),
            "bm25": np.asarray([bm25.get(c, 0.0) for c in cands], dtype=np.float64) / top_bm,
            "context": self.coverage(self.ctx_ptr, self.ctx, candidates, q_ids, q_w, total),
            "own": self.coverage(self.own_ptr, self.own, candidates, q_ids, q_w, total),
            "label": _member(candidates, labelled),
            "record": np.where(is_meta & ~names_other, record, 0.0),
            "type": type_share,
            "operative": (self.kind[candidates] == OPERATIVE).astype(np.float64),
            "establishes": self.establishes[candidates].astype(np.float64),
            # a question about the vote or the meeting is answered by the adoption record or a
            # yearbook's vote note (a footnote)
            "asked_record": ((is_meta | (self.kind[candidates] == FOOTNOTE)) & analysis.record).astype(np.float64),
            "record_note": (self.record_note[candidates] & analysis.record).astype(np.float64),
            "names": self.entity_share(candidates, entities),
            # named by its label ("operative paragraph 3", "the last operative paragraph"), not by a date
            "named": _member(candidates, self.named_by_label(analysis)),
            # the question's verb opens the paragraph: "What did the Council urge ..." / "Urges ..."
            "verb": self.opens_with(candidates, q_ids),
            "listed": np.zeros(len(cands)),
            # "on what date ...": the clause names a day of a month, not only a year or a session
            "day": (self.names_day[candidates] & analysis.day).astype(np.float64),
        }

    def opens_with(self, candidates: np.ndarray, q_ids: np.ndarray) -> np.ndarray:
        """Per candidate: 1 when a question term is the verb its text opens with."""
        out = np.zeros(len(candidates), dtype=np.float64)
        if not len(candidates) or not len(q_ids):
            return out
        terms, owner = gather(self.opening_ptr, self.opening, np.asarray(candidates, dtype=np.int64))
        if len(terms):  # q_ids are sorted: a binary search, cheaper than isin on these small arrays
            at = np.minimum(np.searchsorted(q_ids, terms), len(q_ids) - 1)
            out[owner[q_ids[at] == terms]] = 1.0
        return out

    def holds(self, candidates: np.ndarray, term_ids: np.ndarray) -> np.ndarray:
        """Per candidate: its own words hold every one of the terms."""
        if not len(term_ids):
            return np.zeros(len(candidates), dtype=bool)
        terms, owner = gather(self.own_ptr, self.own, np.asarray(candidates, dtype=np.int64))
        at = np.minimum(np.searchsorted(term_ids, terms), len(term_ids) - 1)
        count = np.bincount(owner[term_ids[at] == terms], minlength=len(candidates))
        return count >= len(term_ids)

    def entity_share(self, candidates: np.ndarray, entities: Sequence[Sequence[np.ndarray]]) -> np.ndarray:
        """Share of the question's entities a clause names in its own words, in one of their forms."""
        out = np.zeros(len(candidates))
        if not entities or not len(candidates):
            return out
        for forms in entities:
            named = np.zeros(len(candidates), dtype=bool)
            for form in forms:
                named |= self.holds(candidates, np.sort(form))
            out += named
        return out / len(entities)


class _IdfMap:
    """term -> IDF, read like a dict (`get(term, default)`) by the highlighter."""

    __slots__ = ("_ids", "_idf")

    def __init__(self, ids: dict[str, int], idf: np.ndarray) -> None:
        self._ids, self._idf = ids, idf

    def get(self, term: str, default: float | None = None) -> float | None:
        i = self._ids.get(term)
        return default if i is None else float(self._idf[i])

    def __contains__(self, term: str) -> bool:
        return term in self._ids


# a top-level paragraph's unit: "op3", "opu2" (unnumbered), "op(a)" (lettered), "B.op1" (part B)
_TOP_LEVEL = re.compile(r"^(?:[A-Z]\.)?(?:op|pp)(?:u?\d+|\([a-z]{1,3}\))$")
_UNNUMBERED = re.compile(r"^(?:[A-Z]\.)?(?:op|pp)u(\d+)((?:\([^)]*\))*)$")


def _labels(kind: str, unit: str, number, c: int, seen: dict[str, list[int]]) -> list[tuple[str, str]]:
    """The labels a question may name a clause by: its printed number, and for a top-level
    paragraph printed without a number ("opu1", lettered "op(a)") its position among its document's
    paragraphs of that kind, so "the first operative paragraph" finds it (seen: the document's
    top-level clauses so far, by kind, for the position and for "last")."""
    labels = [(kind, _compact(number))]
    top = _TOP_LEVEL.match(unit) is not None
    if top:
        seen.setdefault(kind, []).append(c)
    unnumbered = _UNNUMBERED.match(unit)
    if number is None and unnumbered:  # "opu1(a)": sub-paragraph (a) of the first unnumbered one
        labels.append((kind, f"{int(unnumbered.group(1))}{unnumbered.group(2)}"))
    elif top and not str(number or "").strip("() ").isdigit():  # "op(a)": lettered
        labels.append((kind, str(len(seen[kind]))))
    return labels


def _add_last(by_label: dict, seen: dict[str, list[int]]) -> None:
    """The document just read: its last top-level paragraph of each kind is also "last"."""
    for kind, clauses in seen.items():
        if clauses:
            by_label.setdefault((kind, "last"), []).append(clauses[-1])
    seen.clear()


_NONE = np.zeros(0, dtype=np.int32)
_ADVERBS = frozenset("also further furthermore strongly again once hereby firmly deeply emphatically urgently "
                     "solemnly most unanimously formally therefore accordingly finally moreover".split())
_OPENING = re.compile(r"[A-Za-z]+")
_DECIDING = frozenset("decides resolves agrees determines undertakes".split())


def opening_verbs(text: str) -> list[str]:
    """The stems of the verb a paragraph opens with ("Strongly condemns ..." -> condemn), and of
    the act it decides ("Decides to send ..." -> decid, send): resolutions say what they do in
    their first word."""
    words = _OPENING.findall(text[:120])
    i = 0
    while i < len(words) and words[i].lower() in _ADVERBS:
        i += 1
    if i >= len(words):
        return []
    out = [words[i]]
    if words[i].lower() in _DECIDING and i + 2 < len(words) and words[i + 1].lower() == "to":
        out.append(words[i + 2])
    return [t for w in out for t in content_terms(w)]


def _compact(number) -> str:
    return _compact_text(str(number or ""))


@lru_cache(maxsize=4096)  # a few hundred labels ("10", "(a)", "iv") over every clause of the index
def _compact_text(number: str) -> str:
    return re.sub(r"\s+", "", number).lower()
