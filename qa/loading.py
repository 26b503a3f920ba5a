"""What the engine builds once at load, from what the index already stores.

An index of every resolution holds ~20,000 documents and ~500,000 passages, so the load reads
stored facts rather than the texts again:
- the clause table's terms come from the index's BM25 postings (qa.ranking.clause_terms), not
  from tokenizing every clause;
- the scope checks' facts and the documents' acronyms and citations are each document's `derived`
  facts in the manifest (qa.passages.document_info); the places they name are read off the
  clause table's term rows. Only a document of an index built before `derived` was kept has its
  clauses read here.
Per question the engine then reads these structures, never a pass over the documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.abstention.scope import DocumentScope, place_terms
from qa.question.bodies import AcronymTable
from qa.ranking.arrays import unique_sorted
from qa.ranking.clauses import ClauseTable
from qa.ranking.documents import BODIES, DocumentTable, document_links
from qa.ranking.filters import DocumentFilter
from qa.references import CitationGraph

__all__ = ["EngineTables", "load_tables", "document_infos", "year_and_session"]


@dataclass
class EngineTables:
    scope: DocumentScope
    clauses: ClauseTable
    docs: DocumentTable
    acronyms: AcronymTable
    filter: DocumentFilter
    documents: list[dict]  # Engine.documents
    citation_graph: CitationGraph


def document_infos(index) -> list[tuple[str, dict]]:
    """(symbol, meta) of each indexed document (DocumentInfo objects or their dicts)."""
    docs = index.documents
    out = []
    for info in (docs.values() if isinstance(docs, dict) else docs):
        key = info.key if hasattr(info, "key") else info["key"]
        meta = info.meta if hasattr(info, "meta") else info.get("meta")
        out.append((key, meta or {}))
    return out


def year_and_session(meta: dict) -> tuple[int | None, int | None]:
    year = str(meta.get("adopted") or "")[:4]
    session = str(meta.get("session") or "")
    return (int(year) if year.isdigit() else None, int(session) if session.isdigit() else None)


def load_tables(index) -> EngineTables:
    """Every per-document and per-clause structure of the engine, for a loaded index."""
    infos = document_infos(index)
    symbols = [key for key, _ in infos]
    metas = [meta for _, meta in infos]
    known = set(symbols)
    for p in index.passages:  # passages of a document the manifest does not list
        if p.doc not in known:
            known.add(p.doc)
            symbols.append(p.doc)
            metas.append({})
    doc_ids = {s: i for i, s in enumerate(symbols)}
    when = {s: year_and_session(m) for s, m in zip(symbols, metas, strict=True)}
    derived = {s: m["derived"] for s, m in zip(symbols, metas, strict=True) if isinstance(m.get("derived"), dict)}
    postings = index.bm25_postings() if hasattr(index, "bm25_postings") else None
    table = ClauseTable(index.passages, doc_ids, when, postings=postings)
    scope = DocumentScope()
    for s, d in derived.items():
        scope.add_facts(s, d.get("scope") or {})
    _add_places(scope, table, symbols, [s in derived for s in symbols])
    older = _read_older(scope, table, index.passages, symbols, derived)
    links = [derived[s] if s in derived else document_links(older.get(s, []), m.get("body"))
             for s, m in zip(symbols, metas, strict=True)]
    docs = DocumentTable(symbols, metas, table, links)
    acronyms = AcronymTable(tuple(pair) for found in links for pair in found.get("acronyms", ()))
    counts = np.bincount(table.doc, minlength=len(symbols))
    documents = [{"symbol": s, "title": m.get("title", ""), "passages": int(counts[i]),
                  **{k: m[k] for k in ("body", "adopted") if m.get(k)}}
                 for i, (s, m) in enumerate(zip(symbols, metas, strict=True))]
    # which indexed resolutions each one cites, and which cite it (qa.references)
    graph = CitationGraph({key: meta.get("references") or [] for key, meta in infos})
    return EngineTables(scope, table, docs, acronyms, DocumentFilter(symbols, docs.body, BODIES, docs.year),
                        documents, graph)


def _add_places(scope: DocumentScope, table: ClauseTable, symbols: list[str], wanted: list[bool]) -> None:
    """The place-name terms each wanted document uses in its clauses' own words, from the term rows."""
    ids = sorted(table.vocab.ids[t] for t in place_terms() if t in table.vocab.ids)
    if not ids or not len(table.own):
        return
    doc_of = np.repeat(table.doc.astype(np.int64), np.diff(table.own_ptr))
    hit = np.isin(table.own, ids)
    hit &= np.asarray(wanted, dtype=bool)[doc_of]
    pairs = unique_sorted(table.own[hit].astype(np.int64) * len(symbols) + doc_of[hit])
    if not len(pairs):
        return
    terms, docs = pairs // len(symbols), pairs % len(symbols)
    starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]])
    for a, b in zip(starts.tolist(), [*starts[1:].tolist(), len(terms)], strict=True):
        scope.add_place_term(table.terms[int(terms[a])], [symbols[d] for d in docs[a:b].tolist()])


def _read_older(scope: DocumentScope, table: ClauseTable, passages, symbols: list[str],
                derived: dict) -> dict[str, list[str]]:
    """Documents of an index built before `derived` was kept: their clauses' own texts read for
    the scope checks; returned by document for their links (acronyms, what they established)."""
    older: dict[str, list[str]] = {}
    for d, symbol in enumerate(symbols):
        if symbol in derived:
            continue
        for c in sorted(table.clauses_of(d).tolist()):
            p = passages[int(table.position[c])]
            own = p.text if p.meta.get("kind") == "meta" else p.meta.get("text", p.text)
            scope.add(symbol, own, table.own_terms(c))
            older.setdefault(symbol, []).append(own)
    return older
