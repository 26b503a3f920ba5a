"""The resolution model: a document, its citable clauses, and their links."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class ClauseKind(str, Enum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    FOOTNOTE = "footnote"
    META = "meta"
    ANNEX = "annex"

    def __str__(self) -> str:  # "operative", not "ClauseKind.OPERATIVE"
        return self.value


@dataclass(frozen=True)
class Clause:
    """One citable unit of a resolution.

    id:        stable within its resolution: pp3, op7, op7(a), fn8, meta, annex ids (see qa/parsing/parser.py).
    number:    as printed ("7", "7(a)", "8"), None for meta.
    label:     the citation a user pastes: "A/RES/64/12, operative paragraph 7".
    text:      clean text, footnote markers removed.
    footnotes: ids of the footnotes this clause cites, in order of first citation.
    cited_by:  for a footnote, the ids of the clauses that cite it.
    span:      [start, end) character offsets of the clause in the source file's text.
    parent:    for a sub-paragraph, the id of the paragraph it belongs to (op7 for op7(a)).
    heading:   the section heading the clause stands under, if any (annex sections).
    """

    id: str
    kind: ClauseKind
    number: str | None
    label: str
    text: str
    footnotes: tuple[str, ...] = ()
    cited_by: tuple[str, ...] = ()
    span: tuple[int, int] = (0, 0)
    parent: str | None = None
    heading: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["kind"] = self.kind.value
        d["footnotes"] = list(self.footnotes)
        d["cited_by"] = list(self.cited_by)
        d["span"] = list(self.span)
        return d


@dataclass
class Resolution:
    """A parsed resolution: its symbol, title, metadata, and clauses in document order."""

    symbol: str
    title: str
    metadata: dict
    clauses: list[Clause]
    source_path: str = ""
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(f"{self.symbol} has no clause {clause_id!r}")

    def of_kind(self, kind: ClauseKind) -> list[Clause]:
        return [c for c in self.clauses if c.kind == kind]

    def to_dict(self) -> dict:
        return {
            "symbol": self.symbol,
            "title": self.title,
            "metadata": self.metadata,
            "clauses": [c.to_dict() for c in self.clauses],
        }
