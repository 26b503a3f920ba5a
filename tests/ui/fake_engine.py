"""A small stand-in with the Engine's API, for the UI tests that are about the server, not retrieval."""

from __future__ import annotations

import re
import threading

from qa.answers.answer import Answer, Citation, ClauseRef, FootnoteRef
from qa.answers.document import Document, document_from_clauses
from qa.errors import BadQuestion

_WORD = re.compile(r"\w+")

PASSAGES = [
    ("A/RES/64/12", "op10", "operative", "A/RES/64/12, operative paragraph 10",
     "Welcomes the offer of the Government of Qatar to host the seventh conference in 2010;"),
    ("A/RES/64/12", "op3", "operative", "A/RES/64/12, operative paragraph 3",
     "Requests the Secretary-General to submit to the General Assembly a report <b>on</b> the implementation;"),
    ("A/RES/64/12", "fn8", "footnote", "A/RES/64/12, footnote 8", "A/61/581, annex."),
    ("A/RES/65/141", "op1", "operative", "A/RES/65/141, operative paragraph 1",
     "Calls upon Member States to strengthen information and communications technologies for development;"),
]


class FakeEngine:
    MAX_QUESTION_CHARS = 2000

    def __init__(self) -> None:
        self.ask_batch_calls: list[list[str]] = []
        self._lock = threading.Lock()

    @property
    def documents(self) -> list[dict]:
        symbols = sorted({p[0] for p in PASSAGES})
        return [{"symbol": s, "title": f"Resolution {s}", "passages": sum(p[0] == s for p in PASSAGES)} for s in symbols]

    @property
    def passage_count(self) -> int:
        return len(PASSAGES)

    def _check(self, question: str, k: int, doc: str | None) -> None:
        if not isinstance(question, str) or not question.strip():
            raise BadQuestion("the question is empty: type a question")
        if len(question) > self.MAX_QUESTION_CHARS:
            raise BadQuestion(f"the question is longer than {self.MAX_QUESTION_CHARS} characters")
        if not isinstance(k, int) or not 1 <= k <= 50:
            raise BadQuestion("k must be between 1 and 50")
        if doc is not None and doc not in {d["symbol"] for d in self.documents}:
            raise BadQuestion(f"unknown document {doc!r}")

    def _answer(self, question: str, k: int, doc: str | None) -> Answer:
        words = {w.lower() for w in _WORD.findall(question)}
        scored = []
        for symbol, unit, kind, label, text in PASSAGES:
            if doc is not None and symbol != doc:
                continue
            overlap = len(words & {w.lower() for w in _WORD.findall(text)})
            scored.append((overlap / (len(words) or 1), symbol, unit, kind, label, text))
        scored.sort(key=lambda s: -s[0])
        citations = []
        for score, symbol, unit, kind, label, text in scored[:k]:
            footnotes = (FootnoteRef("fn8", "A/RES/64/12, footnote 8", "A/61/581, annex."),) if unit == "op3" else ()
            cited_by = (ClauseRef("op3", "A/RES/64/12, operative paragraph 3"),) if unit == "fn8" else ()
            citations.append(Citation(symbol, unit, kind, label, text, score, (0, min(len(text), 20)), footnotes, cited_by))
        answered = bool(citations) and citations[0].score >= 0.3
        return Answer(question, answered, "" if answered else "The resolution does not address this.", tuple(citations))

    def document(self, symbol: str) -> Document | None:
        metas = [{"unit": unit, "kind": kind, "label": label, "text": text, "number": re.sub(r"\D", "", unit),
                  "footnotes": [{"unit": "fn8", "label": "A/RES/64/12, footnote 8", "text": "A/61/581, annex."}]
                  if unit == "op3" else [],
                  "cited_by": [{"unit": "op3", "label": "A/RES/64/12, operative paragraph 3"}] if unit == "fn8" else []}
                 for s, unit, kind, label, text in PASSAGES if s == symbol]
        info = next((d for d in self.documents if d["symbol"] == symbol), None)
        return document_from_clauses(info, metas) if info and metas else None

    def examples(self, n: int = 4) -> list:
        return []

    def ask(self, question: str, k: int = 5, doc: str | None = None) -> Answer:
        self._check(question, k, doc)
        return self._answer(question, k, doc)

    def ask_batch(self, questions: list[str], k: int = 5, doc: str | None = None) -> list[Answer]:
        for q in questions:
            self._check(q, k, doc)
        with self._lock:
            self.ask_batch_calls.append(list(questions))
        return [self._answer(q, k, doc) for q in questions]
