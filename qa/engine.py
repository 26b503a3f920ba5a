"""The answering engine: a question in, the clauses that answer it out, best first, cited.

Method (README "How answers are found" has the numbers):

1. Passages (qa.passages): each clause whole, with its context (footnote texts, citing phrases,
   chapeaus, the adoption record in words), plus one passage per sentence/phrase of longer clauses.
2. The question as the rankers see it (qa.question.expansion): the user's words plus UN shorthand spelled
   out ("UN", "SG"), a place's capital or country ("Mongolia" -> "Ulaanbaatar") and the register
   words for plain ones ("kids" -> "children"). The question shown back is never changed.
3. Retrieval: encoded once per batch; FAISS (cosine) and BM25 each return their best passages; a
   clause takes the best score of its passages (whole or part) in each ranker.
4. Evidence per clause (`Engine.features`): dense cosine; BM25 over the best BM25 of the question;
   IDF share of the question's content terms found in the clause WITH its context and in its OWN
   words; label (the question names it: "operative paragraph 10", "footnote 4", or holds a
   calendar date the clause holds exactly); the adoption-record cue for the meta unit (off when
   the question names another resolution: "When was resolution 62/7 adopted?"); question-type
   cues, the share of asked types the clause's own text meets: when -> a date or session, how many
   -> a number, which document -> a symbol, what are the ... -> a chapeau introducing a list,
   where / which country -> a place (qa.question.places; not when the question names the place itself),
   will / next -> a later year or session than the document's own (the "next conference").
5. Fusion (qa.ranking.fusion, LINEAR): weighted sum of those features, all on 0..1 scales. LINEAR beat
   ZSCORE and RRF on the tuning halves of tests/qa/questions; a leave-one-set-out grid over the
   weights (dev, own, corpus, blind sets) found none better on the set left out than WEIGHTS.
6. Abstention, two stages. (a) qa.abstention.scope: the question names a place, year or ordinal the
   document never mentions, or asks about a vote, sponsors or a sum of money the text does not
   record -> not addressed, with the reason in the message. (b) Otherwise answered when
   `DENSE_WEIGHT * cosine + evidence + DOCUMENT_WEIGHT * in_document >= THRESHOLD` (cosine of the
   top clause, evidence its best of context / own coverage / label, in_document the IDF share of
   the question's terms found anywhere in its document). DENSE_WEIGHT and DOCUMENT_WEIGHT were
   set by grid on the tuning half as the pair abstaining on most out-of-scope tuning questions with
   no answerable one abstained; THRESHOLD is the middle of the gap there (0.751 -> 0.75).
7. Highlight (qa.answers.highlight): the segment with the best IDF term overlap plus its dense score.

Everything shown is the resolution's own words, from the passages' stored meta.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from qa.abstention.scope import DocumentScope
from qa.answers.answer import Answer, Citation, ClauseRef, FootnoteRef
from qa.answers.document import Document, document_from_clauses
from qa.answers.highlight import best_segment
from qa.errors import BadQuestion
from qa.question.examples import Example, choose_examples
from qa.question.expansion import expand_question
from qa.question.places import mentions_place, places_in_question
from qa.ranking.fusion import FusionMethod, fuse
from qa.references import CitationGraph
from qa.text import content_terms, ordinal_words

__all__ = ["Engine", "clean_question", "named_clauses", "ABSTAIN_MESSAGE"]

ABSTAIN_MESSAGE = "The resolution does not address this. These are the closest passages."
# Lone surrogates (from JSON "\ud800" or undecodable argv) would crash the tokenizer: dropped too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ud800-\udfff\ufeff]")


_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_NUMBER = r"(\d{1,3})(?:st|nd|rd|th)?(?:\s?\(([a-z]{1,4})\))?"
_ORDINAL = r"(" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))"
_KINDS = {"preambular": "preambular", "operative": "operative", "annex": "annex", "footnote": "footnote"}
_NAMED = [
    # "operative paragraph 10", "preambular paragraph 3 (b)", "footnote 4", "annex paragraph 13"
    (re.compile(rf"\b(preambular|operative|annex)\s+paragraphs?\s+(?:no\.?\s*)?{_NUMBER}"), None),
    (re.compile(rf"\b(footnote)s?\s+(?:no\.?\s*)?{_NUMBER}"), None),
    # "the first preambular paragraph", "the 3rd operative paragraph"
    (re.compile(rf"\b{_ORDINAL}\s+(preambular|operative)\s+paragraph"), "ordinal"),
    # "the second paragraph of the preamble", "paragraph 13 of the annex"
    (re.compile(rf"\b{_ORDINAL}\s+paragraph\s+of\s+the\s+(preamble|annex)"), "ordinal-of"),
    (re.compile(rf"\bparagraph\s+{_NUMBER}\s+of\s+the\s+(preamble|annex)"), "number-of"),
]


# Question-type cues (soft boosts, see the module docstring).
_RECORD_WORDS = ("adopt adopted adoption plenary meeting session agenda item draft committee vote voted "
                 "record sponsor sponsored").split()
class _PlaceFact:
    """A fact test like the regexes below: the text names a country, city or region (qa.question.places)."""

    def search(self, text: str) -> bool:
        return mentions_place(text)


# A question of a type (left) is answered by a clause whose own text holds that kind of fact (right).
_QUESTION_TYPES = (
    (re.compile(r"\b(when|what year|which year|what date|which date|until|since|how long)\b", re.I),
     re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b(?:January|February|March|April|May|June|July|August|"
                r"September|October|November|December)\b|\bsession\b", re.I)),
    # "the number of troops" asks for a count; "the document number of the report" does not
    (re.compile(r"\b(how many|how much|(?<!document )(?<!reference )(?<!symbol )number of)\b", re.I),
     re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                r"thirty|forty|fifty|hundred|thousand|million)\b", re.I)),
    (re.compile(r"\b(documents?|reference|symbol|published|issued)\b", re.I),
     re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+){2,}")),
    # "What are the five priority areas?" is answered by the chapeau that introduces the list
    (re.compile(r"^\W*(?:what|which) (?:are|were)\b|\blist\b|\bname the\b|\b(?:areas|priorities|elements|"
                r"steps|measures|principles|tasks|objectives|components|pillars)\b", re.I),
     re.compile(r":\s*$")),
    (re.compile(r"\bwhere\b|\b(?:which|what)\s+(?:cit(?:y|ies)|countr(?:y|ies)|places?|venues?|locations?|"
                r"regions?|capitals?|towns?|host)\b|\bhost(?:s|ed|ing)?\b", re.I),
     _PlaceFact()),
)
_PLACE_TYPE = len(_QUESTION_TYPES) - 1
# A question about what is to come ("Which country hosts the next conference?") is answered by a
# clause about the future as seen from its adoption: a later year or a later session.
_FUTURE_QUESTION = re.compile(r"\b(?:will|next|upcoming|forthcoming|future|coming|later|shall)\b", re.I)
_FUTURE_TYPE = len(_QUESTION_TYPES)
_SESSION_NUMBERS = {ordinal_words(n): n for n in range(1, 100)}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SESSION = re.compile(r"\b([a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th))\s+(?:regular\s+|special\s+)?session\b", re.I)


_MONTH_NAMES = ("january february march april may june july august september october november december").split()
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTH_NAMES) + r")\s*,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_MDY = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def dates_in(text: str) -> set[tuple[int, int, int]]:
    """The calendar dates text names, as (year, month, day): "9 November 2009", "November 9, 2009",
    "2009-11-09" are one date. A question naming one wants the clause holding exactly it."""
    out = set()
    for d, m, y in _DATE_DMY.findall(text):
        out.add((int(y), _MONTH_NAMES.index(m.lower()) + 1, int(d)))
    for m, d, y in _DATE_MDY.findall(text):
        out.add((int(y), _MONTH_NAMES.index(m.lower()) + 1, int(d)))
    for y, m, d in _DATE_ISO.findall(text):
        out.add((int(y), int(m), int(d)))
    return out


def _speaks_of_future(text: str, year: int | None, session: int | None) -> bool:
    """Whether text names a year after `year` or a session after `session` (its document's)."""
    if year and any(int(y) > year for y in _YEAR.findall(text)):
        return True
    if session:
        for m in _SESSION.finditer(text):
            word = m.group(1).lower()
            n = _SESSION_NUMBERS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
            if n and n > session:
                return True
    return False


def _compact(number) -> str:
    return re.sub(r"\s+", "", str(number or "")).lower()


def _ordinal_number(word: str) -> int:
    return _ORDINALS.get(word) or int(re.sub(r"\D", "", word))


def named_clauses(question: str) -> set[tuple[str, str]]:
    """(kind, number) of the clauses a question names by label, e.g. {("operative", "10")}."""
    text = question.lower()
    out: set[tuple[str, str]] = set()
    for pattern, form in _NAMED:
        for m in pattern.finditer(text):
            if form is None:
                kind, number, letter = m.group(1), m.group(2), m.group(3)
            elif form == "ordinal":
                kind, number, letter = m.group(2), str(_ordinal_number(m.group(1))), None
            elif form == "ordinal-of":
                kind, number, letter = m.group(2), str(_ordinal_number(m.group(1))), None
            else:
                kind, number, letter = m.group(3), m.group(1), m.group(2)
            kind = "preambular" if kind == "preamble" else _KINDS[kind]
            out.add((kind, f"{int(number)}({letter})" if letter else str(int(number))))
    return out


def clean_question(question: str) -> str:
    """Control characters (NUL, escape sequences, bidi overrides) removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", question)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())


class Engine:
    MAX_QUESTION_CHARS = 2000
    MAX_K = 50  # citations per answer: 1..50

    # Tuned on the tuning half of tests/qa/questions (see module docstring).
    FUSION = FusionMethod.LINEAR
    # dense, BM25, context coverage, own coverage, label, adoption record, question type
    WEIGHTS = (2.0, 0.25, 0.25, 0.5, 2.0, 1.0, 0.5)
    DENSE_WEIGHT = 1.5
    DOCUMENT_WEIGHT = 0.5
    THRESHOLD = 0.75
    CANDIDATES = 100

    def __init__(self, index, fusion: FusionMethod | str | None = None,
                 weights: Sequence[float] | None = None, threshold: float | None = None,
                 dense_weight: float | None = None) -> None:
        self._index = index
        self.fusion = FusionMethod.parse(fusion) if fusion is not None else self.FUSION
        self.weights = tuple(weights) if weights is not None else self.WEIGHTS
        self.threshold = self.THRESHOLD if threshold is None else threshold
        self.dense_weight = self.DENSE_WEIGHT if dense_weight is None else dense_weight
        self.document_weight = self.DOCUMENT_WEIGHT
        self._key_of: list[tuple[str, str]] = []
        self._part_of: list[int | None] = []
        self._clauses: dict[tuple[str, str], dict] = {}
        self._terms: dict[tuple[str, str], set[str]] = {}
        self._own_terms: dict[tuple[str, str], set[str]] = {}
        # clauses by what a question may name them by: (kind, number) and the dates they hold
        self._by_label: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._facts: dict[tuple[str, str], frozenset[int]] = {}
        self._by_date: dict[tuple[int, int, int], list[tuple[str, str]]] = {}
        self._doc_terms: dict[str, set[str]] = {}
        self._record_terms = {content_terms(w)[0] for w in _RECORD_WORDS if content_terms(w)}
        self._scope = DocumentScope()
        # a document's own symbol as the tokenizer sees it ("a/res/64/12", "64/12")
        self._own_symbols = {doc: {t for t in content_terms(doc) if "/" in t} for doc in {p.doc for p in index.passages}}
        df: Counter[str] = Counter()
        when = self._adoption_year_and_session(index)
        for p in index.passages:
            unit = p.meta.get("unit") or p.id.split("#", 1)[-1]
            key = (p.doc, unit)
            self._key_of.append(key)
            part = p.meta.get("part")
            self._part_of.append(int(part) - 1 if part is not None else None)
            if part is None:
                self._clauses[key] = p.meta
                terms = set(content_terms(p.text))
                self._terms[key] = terms
                # a clause's own words; the adoption record in words is the meta unit's own
                own = p.text if p.meta.get("kind") == "meta" else p.meta.get("text", p.text)
                self._own_terms[key] = set(content_terms(own))
                self._by_label.setdefault((p.meta.get("kind", ""), _compact(p.meta.get("number"))), []).append(key)
                facts = {i for i, (_, fact) in enumerate(_QUESTION_TYPES) if fact.search(own)}
                if _speaks_of_future(own, *when.get(p.doc, (None, None))):
                    facts.add(_FUTURE_TYPE)
                self._facts[key] = frozenset(facts)
                for date in dates_in(own):
                    self._by_date.setdefault(date, []).append(key)
                df.update(terms)
                self._doc_terms.setdefault(p.doc, set()).update(terms)
                self._scope.add(p.doc, own)
        n = max(len(self._clauses), 1)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._default_idf = math.log(1 + (n + 0.5) / 0.5)
        self._documents = self._read_documents(index)
        # which indexed resolutions each one cites, and which cite it (qa.references)
        self.citation_graph = CitationGraph({key: meta.get("references") or []
                                             for key, meta in self._document_infos(index)})

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def from_index(cls, path: str | Path | None = None, model: str | None = None) -> Engine:
        """Load the index folder at path (None: the default index of qa.settings)."""
        from index.store import PassageIndex  # lazy: faiss, bm25s, the model

        if path is None:
            from qa.settings import default_index_path

            path = default_index_path()
        return cls(PassageIndex.load(path, model=model))

    @staticmethod
    def _document_infos(index) -> list[tuple[str, dict]]:
        """(symbol, meta) of each indexed document (DocumentInfo objects or their dicts)."""
        docs = index.documents
        out = []
        for info in (docs.values() if isinstance(docs, dict) else docs):
            key = info.key if hasattr(info, "key") else info["key"]
            meta = info.meta if hasattr(info, "meta") else info.get("meta")
            out.append((key, meta or {}))
        return out

    @classmethod
    def _adoption_year_and_session(cls, index) -> dict[str, tuple[int | None, int | None]]:
        out = {}
        for key, meta in cls._document_infos(index):
            year = str(meta.get("adopted") or "")[:4]
            session = str(meta.get("session") or "")
            out[key] = (int(year) if year.isdigit() else None, int(session) if session.isdigit() else None)
        return out

    def _read_documents(self, index) -> list[dict]:
        counts = Counter(doc for doc, _ in self._clauses)
        out = [{"symbol": key, "title": meta.get("title", ""), "passages": counts.get(key, 0),
                **{k: meta[k] for k in ("body", "adopted") if meta.get(k)}}
               for key, meta in self._document_infos(index)]
        known = {d["symbol"] for d in out}
        out.extend({"symbol": s, "title": "", "passages": c} for s, c in counts.items() if s not in known)
        return out

    @property
    def documents(self) -> list[dict]:
        """[{"symbol", "title", "passages", "body"?, "adopted"?}]: passages counts citable clauses;
        body and adopted (ISO date) when the text states them."""
        return [dict(d) for d in self._documents]

    @property
    def passage_count(self) -> int:
        return len(self._key_of)

    # -- validation ----------------------------------------------------------------------------
    def _check(self, questions: list[str], k: int, doc: str | None) -> list[str]:
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= self.MAX_K:
            raise BadQuestion(f"k must be a whole number from 1 to {self.MAX_K} (got {k!r}); "
                              "it is how many passages to return")
        if doc is not None:
            known = [d["symbol"] for d in self._documents]
            if doc not in known:
                raise BadQuestion(f"unknown document {doc!r}; the index holds: {', '.join(known) or 'nothing'}. "
                                  "Give one of these symbols, or none to search all")
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

    # -- serving ------------------------------------------------------------------------------
    def encode_queries_in_processes(self, processes: int) -> bool:
        """Encode questions in `processes` worker processes from now on, for a server answering
        many at once (index.encoder_processes); False when the model cannot be."""
        return self._index.encode_queries_in_processes(processes)

    def stop_processes(self) -> None:
        self._index.stop_processes()

    # -- answering -----------------------------------------------------------------------------
    def ask(self, question: str, k: int = 5, doc: str | None = None) -> Answer:
        return self.ask_batch([question], k=k, doc=doc)[0]

    def ask_batch(self, questions: list[str], k: int = 5, doc: str | None = None) -> list[Answer]:
        if isinstance(questions, str):
            raise BadQuestion("ask_batch takes a list of questions")
        cleaned = self._check(list(questions), k, doc)
        if not cleaned:
            return []
        queries = [expand_question(q) for q in cleaned]  # "UN" also as "United Nations" (qa.question.expansion)
        vectors = self._index.encode(queries)
        n = min(self.CANDIDATES, len(self._key_of))
        dense_hits = self._index.dense_search(vectors, n, doc=doc)
        bm25_hits = self._index.bm25_search(queries, n, doc=doc)
        return [self._answer(cleaned[i], queries[i], dense_hits[i], bm25_hits[i], k, doc)
                for i in range(len(cleaned))]

    def _coverage(self, q_weights: dict[str, float], terms: set[str]) -> float:
        total = sum(q_weights.values())
        if not total:
            return 0.0
        return sum(w for t, w in q_weights.items() if t in terms) / total

    def features(self, question: str, dense: list[tuple[int, float]], bm25: list[tuple[int, float]],
                 doc: str | None = None) -> dict:
        """Per-candidate clause evidence for one question (also for evaluation tools):
        dense (best cosine of its passages), bm25 (best BM25 of its passages over the best of all),
        context / own (IDF share of the question's content terms in the clause with its context /
        in its own words), label (the question names this clause: "operative paragraph 10")."""
        dense_c: dict[tuple[str, str], float] = {}
        parts: dict[tuple[str, str], dict[int, float]] = {}
        for pos, score in dense:
            if pos < 0:
                continue
            key = self._key_of[pos]
            dense_c[key] = max(dense_c.get(key, -1.0), score)
            if self._part_of[pos] is not None:
                parts.setdefault(key, {})[self._part_of[pos]] = score
        bm_c: dict[tuple[str, str], float] = {}
        for pos, score in bm25:
            if pos < 0:
                continue
            key = self._key_of[pos]
            bm_c[key] = max(bm_c.get(key, 0.0), score)
        top_bm = max(bm_c.values(), default=0.0) or 1.0
        q_terms = content_terms(question)
        q_weights = {t: self._idf.get(t, self._default_idf) for t in set(q_terms)}
        labelled = self._named_clauses(question, doc)
        asked_dates = dates_in(question)
        if asked_dates:  # a clause holding the exact date asked counts like one named by its label
            labelled |= {key for date in asked_dates for key in self._by_date.get(date, ())
                         if doc is None or key[0] == doc}
        candidates = set(dense_c) | set(bm_c) | labelled
        floor = min(dense_c.values(), default=0.0)
        total = sum(q_weights.values()) or 1.0
        asked, weight, none = frozenset(q_weights), q_weights.__getitem__, frozenset()
        record = sum(w for t, w in q_weights.items() if t in self._record_terms) / total
        asks = {i for i, (kind, _) in enumerate(_QUESTION_TYPES) if kind.search(question)}
        if _FUTURE_QUESTION.search(question):
            asks.add(_FUTURE_TYPE)
        if places_in_question(question):
            # "Where are the documents of the Ulaanbaatar conference?" names its place: it asks for
            # something else, so place-naming clauses get no boost
            asks.discard(_PLACE_TYPE)
        # Per candidate clause: the coverage sums intersect the question's few terms with the
        # clause's (in C) and add their weights exactly (fsum: the same in any order).
        terms_of, own_terms_of, facts_of = self._terms, self._own_terms, self._facts
        clauses = {
            key: {
                "dense": dense_c.get(key, floor),
                "bm25": bm_c.get(key, 0.0) / top_bm,
                "context": math.fsum(map(weight, asked.intersection(terms_of.get(key, none)))) / total,
                "own": math.fsum(map(weight, asked.intersection(own_terms_of.get(key, none)))) / total,
                "label": 1.0 if key in labelled else 0.0,
                "record": record if key[1] == "meta" and not self._names_other_resolution(q_terms, key[0]) else 0.0,
                "type": len(asks.intersection(facts_of.get(key, none))) / len(asks) if asks else 0.0,
            }
            for key in candidates
        }
        return {"clauses": clauses, "parts": parts, "terms": q_terms, "weights": q_weights, "question": question,
                "doc": doc}

    def _names_other_resolution(self, q_terms: list[str], doc: str) -> bool:
        """"When was resolution 62/7 adopted?" asks about 62/7's record, not this document's."""
        symbols = {t for t in q_terms if "/" in t}
        return bool(symbols) and not symbols & self._own_symbols.get(doc, set())

    def _named_clauses(self, question: str, doc: str | None) -> set[tuple[str, str]]:
        """Clauses the question names by their label ("the first preambular paragraph",
        "operative paragraph 10", "footnote 4", "paragraph 13 (b) of the annex")."""
        wanted = named_clauses(question)
        if not wanted:
            return set()
        return {key for kn in wanted for key in self._by_label.get(kn, ()) if doc is None or key[0] == doc}

    def score(self, clause: dict) -> float:
        w = self.weights
        return (w[0] * clause["dense"] + w[1] * clause["bm25"] + w[2] * clause["context"]
                + w[3] * clause["own"] + w[4] * clause["label"] + w[5] * clause["record"]
                + w[6] * clause["type"])

    def rank(self, question: str, dense: list[tuple[int, float]], bm25: list[tuple[int, float]],
             doc: str | None = None) -> tuple[list[tuple[tuple[str, str], float]], dict]:
        """Clause ranking, best first, and the features behind it."""
        features = self.features(question, dense, bm25, doc)
        clauses = features["clauses"]
        if self.fusion is FusionMethod.LINEAR:
            fused = {key: self.score(f) for key, f in clauses.items()}
        else:
            names = ("dense", "bm25", "context", "own", "label", "record", "type")
            fused = fuse(self.fusion, [{k: f[n] for k, f in clauses.items()} for n in names], self.weights)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked, features

    def answered(self, ranked: list[tuple[tuple[str, str], float]], features: dict) -> bool:
        """Abstention: see the module docstring."""
        if not ranked or self.unsupported(features["question"], features["doc"]):
            return False
        return self.confident(ranked, features)

    def confident(self, ranked: list[tuple[tuple[str, str], float]], features: dict) -> bool:
        return bool(ranked) and self.confidence(ranked, features) >= self.threshold

    def confidence(self, ranked: list[tuple[tuple[str, str], float]], features: dict) -> float:
        """How sure the engine is that the document answers the question (see the module docstring)."""
        key = ranked[0][0]
        top = features["clauses"][key]
        evidence = max(top["context"], top["own"], top["label"])
        in_document = self._coverage(features["weights"], self._doc_terms.get(key[0], set()))
        return self.dense_weight * top["dense"] + evidence + self.document_weight * in_document

    def unsupported(self, question: str, doc: str | None = None) -> str | None:
        """Why the resolution (doc, or every indexed one) cannot answer a question whatever words
        they share (qa.abstention.scope: a place, year or ordinal it never names, a vote, sponsors or a sum of
        money it does not record), or None."""
        docs = [doc] if doc is not None else list(self._doc_terms)
        return self._scope.unsupported(question, docs, names_a_paragraph=bool(named_clauses(question)))

    def _answer(self, question: str, query: str, dense, bm25, k: int, doc: str | None) -> Answer:
        ranked, features = self.rank(query, dense, bm25, doc)
        reason = self.unsupported(query, doc) if ranked else None  # once: it is also the message
        answered = reason is None and self.confident(ranked, features)
        citations = tuple(self._citation(key, score, features) for key, score in ranked[:k])
        message = ""
        if not answered:
            # "... These are the closest passages." stays last; the reason goes before it
            message = ABSTAIN_MESSAGE if not reason else ABSTAIN_MESSAGE.replace(
                "this.", f"this: the question {reason}.")
        return Answer(question=question, answered=answered, message=message, citations=citations)

    def _citation(self, key: tuple[str, str], score: float, features: dict) -> Citation:
        meta = self._clauses[key]
        text = meta.get("text", "")
        start, end = best_segment(features["terms"], text, self._idf, features["parts"].get(key))
        return Citation(
            doc=key[0],
            unit=key[1],
            kind=meta.get("kind", ""),
            label=meta.get("label", f"{key[0]}, {key[1]}"),
            text=text,
            score=float(score),
            highlight=(start, end),
            footnotes=tuple(FootnoteRef(f["unit"], f["label"], f["text"]) for f in meta.get("footnotes", [])),
            cited_by=tuple(ClauseRef(c["unit"], c["label"]) for c in meta.get("cited_by", [])),
        )

    # -- the document view and the chat's examples (ui) -----------------------------------------
    def document(self, symbol: str) -> Document | None:
        """The document as indexed (qa.answers.document): title, adoption record, every clause in
        order, and the indexed resolutions it cites and that cite it; None when it is not indexed."""
        units = self._units_by_document().get(symbol)
        info = next((d for d in self._documents if d["symbol"] == symbol), None)
        if info is None or units is None:
            return None
        return document_from_clauses(info, (self._clauses[key] for key in units),
                                     refers_to=self.citation_graph.cites(symbol),
                                     referred_by=self.citation_graph.cited_by(symbol))

    def _units_by_document(self) -> dict[str, list[tuple[str, str]]]:
        # built on first use: only the document view and the examples need it
        if getattr(self, "_document_units", None) is None:
            grouped: dict[str, list[tuple[str, str]]] = {}
            for key in self._clauses:
                grouped.setdefault(key[0], []).append(key)
            self._document_units = grouped
        return self._document_units

    def examples(self, n: int = 4) -> list[Example]:
        """Up to n example questions built from the indexed texts, each answered by its own clause
        (qa.question.examples)."""
        documents = [doc for doc in (self.document(d["symbol"]) for d in self._documents) if doc is not None]
        return choose_examples(documents, lambda question: self.ask(question), n=n)
