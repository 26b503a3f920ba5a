"""Citations: an indexed clause turned into what the user sees (its text verbatim, label, highlight,
footnotes, the paragraphs citing it) and the card of its document (symbol, title, body, adoption
date, the indexed resolutions it refers to and that refer to it)."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answers.answer import Citation, ClauseRef, FootnoteRef
from qa.answers.highlight import best_segment
from qa.ranking.clauses import ClauseTable
from qa.ranking.documents import BODIES, DocumentTable
from qa.references import CitationGraph

__all__ = ["Citations", "LINKS"]

LINKS = 50  # at most this many refers_to / referred_by symbols per citation's document


class Citations:
    """Looks clauses up by row or by (doc, unit) key and builds their citations."""

    def __init__(self, passages: Sequence, table: ClauseTable, docs: DocumentTable, documents: list[dict],
                 graph: CitationGraph) -> None:
        self._passages = passages
        self._table = table
        self._docs = docs
        self._documents = documents  # Engine.documents' dicts, by document id
        self._graph = graph

    def meta(self, c: int) -> dict:
        return self._passages[int(self._table.position[c])].meta

    def key(self, c: int) -> tuple[str, str]:
        p = self._passages[int(self._table.position[c])]
        return p.doc, p.meta.get("unit") or p.id.split("#", 1)[-1]

    def clause_id(self, doc: str, unit: str) -> int | None:
        d = self._docs.ids.get(doc)
        if d is None:
            return None
        for c in self._table.clauses_of(d).tolist():  # one document's clauses only
            if self.key(c)[1] == unit:
                return c
        return None

    def document_card(self, symbol: str) -> dict:
        """What a citation says of its document: symbol, title, body, adoption date, and the
        indexed resolutions it refers to and that refer to it (at most LINKS each, with the counts)."""
        d = self._docs.ids[symbol]
        refers_to = self._graph.cites(symbol)
        referred_by = self._graph.cited_by(symbol)
        info = self._documents[d]
        return {"symbol": symbol, "title": info.get("title", ""), "body": BODIES[self._docs.body[d]] or None,
                "adopted": info.get("adopted"), "refers_to": list(refers_to[:LINKS]),
                "refers_to_count": len(refers_to), "referred_by": list(referred_by[:LINKS]),
                "referred_by_count": len(referred_by)}

    def citation(self, c: int, score: float, q_terms: list[str], parts: dict) -> Citation:
        """Clause row c as a citation; the highlight is the segment best matching q_terms (parts:
        the dense scores of the clause's parts, when its parts were retrieved)."""
        doc, unit = self.key(c)
        meta = self.meta(c)
        text = meta.get("text", "")
        start, end = best_segment(q_terms, text, self._table.idf_map, parts.get(c))
        return Citation(
            doc=doc,
            unit=unit,
            kind=meta.get("kind", ""),
            label=meta.get("label", f"{doc}, {unit}"),
            text=text,
            score=float(score),
            highlight=(start, end),
            footnotes=tuple(FootnoteRef(f["unit"], f["label"], f["text"]) for f in meta.get("footnotes", [])),
            cited_by=tuple(ClauseRef(x["unit"], x["label"]) for x in meta.get("cited_by", [])),
            document=self.document_card(doc),
        )
