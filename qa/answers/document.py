"""A resolution as the index holds it: title, adoption record, every clause in order, footnotes both
ways, annex headings, and the indexed resolutions it refers to and that refer to it.

Read from the index's whole passages (their `meta`: unit, kind, label, number, text, footnotes,
cited_by, parent, heading), never from a source file: the document view is served from the index
alone. The `meta` unit holds the title and adoption record as the text printed them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qa.answers.answer import Answer, Citation, ClauseRef, FootnoteRef
from qa.references import body_code

__all__ = ["DocumentClause", "Document", "document_from_clauses", "year_of", "body_of"]

_YEAR_IN_SYMBOL = re.compile(r"\((\d{4})\)\s*$")
_BODY_NAMES = {"GA": "General Assembly", "SC": "Security Council", "HRC": "Human Rights Council",
               "ECOSOC": "Economic and Social Council"}


def body_of(symbol: str, stated: str | None = None) -> str | None:
    """The adopting body's name: as the text states it when that names a body, else read from the
    symbol (S/ is the Council, A/HRC/ the Human Rights Council, A/ the Assembly, E/ ECOSOC)."""
    code = body_code(stated)
    if code in _BODY_NAMES:
        return _BODY_NAMES[code]
    s = symbol.upper()
    if s.startswith("S/"):
        return _BODY_NAMES["SC"]
    if s.startswith("A/HRC/"):
        return _BODY_NAMES["HRC"]
    if s.startswith("A/"):
        return _BODY_NAMES["GA"]
    if s.startswith("E/"):
        return _BODY_NAMES["ECOSOC"]
    return stated or None


def year_of(symbol: str, adopted: str | None = None) -> int | None:
    """The year of adoption: from the adoption date, else from a Council symbol's "(1990)"."""
    if adopted and str(adopted)[:4].isdigit():
        return int(str(adopted)[:4])
    m = _YEAR_IN_SYMBOL.search(symbol or "")
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class DocumentClause:
    """One clause as indexed. `short_label` is the label without the symbol ("operative paragraph 10")."""

    unit: str
    kind: str  # meta | preambular | operative | annex | footnote
    label: str
    number: str | None
    text: str
    footnotes: tuple[FootnoteRef, ...] = ()
    cited_by: tuple[ClauseRef, ...] = ()
    parent: str | None = None
    heading: str | None = None

    @property
    def short_label(self) -> str:
        head, sep, tail = self.label.partition(", ")
        return tail if sep else self.label

    def citation(self, doc: str, score: float = 1.0) -> Citation:
        """This clause as the engine would cite it, nothing highlighted."""
        return Citation(doc=doc, unit=self.unit, kind=self.kind, label=self.label, text=self.text,
                        score=score, highlight=(0, 0), footnotes=self.footnotes, cited_by=self.cited_by)


@dataclass(frozen=True)
class Document:
    symbol: str
    title: str
    body: str | None
    adopted: str | None  # ISO date when the text states it
    record: DocumentClause | None  # the meta unit: title and adoption record as printed
    clauses: tuple[DocumentClause, ...]  # every other clause, in document order (footnotes last)
    refers_to: tuple[str, ...] = ()  # indexed resolutions this one cites
    referred_by: tuple[str, ...] = ()  # indexed resolutions that cite this one

    @property
    def year(self) -> int | None:
        return year_of(self.symbol, self.adopted)

    def clause(self, unit: str) -> DocumentClause | None:
        if self.record is not None and unit == self.record.unit:
            return self.record
        return next((c for c in self.clauses if c.unit == unit), None)

    @property
    def body_clauses(self) -> tuple[DocumentClause, ...]:
        """Preamble, operative part and annexes, in order: what "the next paragraph" walks through."""
        return tuple(c for c in self.clauses if c.kind != "footnote")

    @property
    def footnotes(self) -> tuple[DocumentClause, ...]:
        return tuple(c for c in self.clauses if c.kind == "footnote")

    def neighbour(self, unit: str, step: int) -> DocumentClause | None:
        """The paragraph `step` places after (or before, step < 0) `unit` in reading order; from a
        footnote, the neighbouring footnote; from the adoption record, the first paragraph."""
        if self.record is not None and unit == self.record.unit:
            return self.body_clauses[0] if step > 0 and self.body_clauses else None
        for sequence in (self.body_clauses, self.footnotes):
            units = [c.unit for c in sequence]
            if unit in units:
                i = units.index(unit) + step
                return sequence[i] if 0 <= i < len(sequence) else None
        return None

    def answer(self, question: str, units: Iterable[str]) -> Answer:
        """An answer made of the named clauses, in that order (a follow-up that names its clause:
        "the next paragraph", "the footnote")."""
        found = [c for c in (self.clause(u) for u in units) if c is not None]
        citations = tuple(c.citation(self.symbol, score=1.0 - i * 0.01) for i, c in enumerate(found))
        return Answer(question=question, answered=bool(citations), message="", citations=citations)


def _clause(meta: Mapping) -> DocumentClause:
    return DocumentClause(
        unit=str(meta.get("unit", "")),
        kind=str(meta.get("kind", "")),
        label=str(meta.get("label", "")),
        number=None if meta.get("number") is None else str(meta.get("number")),
        text=str(meta.get("text", "")),
        footnotes=tuple(FootnoteRef(str(f.get("unit", "")), str(f.get("label", "")), str(f.get("text", "")))
                        for f in meta.get("footnotes") or ()),
        cited_by=tuple(ClauseRef(str(c.get("unit", "")), str(c.get("label", ""))) for c in meta.get("cited_by") or ()),
        parent=meta.get("parent") or None,
        heading=meta.get("heading") or None,
    )


def document_from_clauses(info: Mapping, metas: Iterable[Mapping], *, refers_to: Iterable[str] = (),
                          referred_by: Iterable[str] = ()) -> Document:
    """info: the document as `Engine.documents` gives it (symbol, title, body?, adopted?); metas: the
    `meta` of its whole passages in index order (qa.passages writes them in document order)."""
    symbol = str(info.get("symbol", ""))
    clauses = [_clause(m) for m in metas]
    record = next((c for c in clauses if c.kind == "meta"), None)
    rest = [c for c in clauses if c.kind != "meta"]
    # footnotes after the text, as printed at the page foot and as the view lists them
    ordered = [c for c in rest if c.kind != "footnote"] + [c for c in rest if c.kind == "footnote"]
    return Document(
        symbol=symbol,
        title=str(info.get("title") or ""),
        body=body_of(symbol, info.get("body")),
        adopted=str(info["adopted"]) if info.get("adopted") else None,
        record=record,
        clauses=tuple(ordered),
        refers_to=tuple(refers_to),
        referred_by=tuple(referred_by),
    )
