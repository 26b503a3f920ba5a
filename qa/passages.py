"""What each clause contributes to the index. (Placeholder: one passage per clause, its text only;
the answering work replaces this with contextual passages.)"""

from __future__ import annotations

from index.passage import DocumentInfo, Passage
from qa.model import Resolution


def passages_for(resolution: Resolution) -> list[Passage]:
    return [
        Passage(id=f"{resolution.symbol}#{c.id}", doc=resolution.symbol, text=c.text, meta={"unit": c.id})
        for c in resolution.clauses
    ]


def document_info(resolution: Resolution) -> DocumentInfo:
    return DocumentInfo(
        key=resolution.symbol,
        source=resolution.source_path,
        sha256=resolution.sha256,
        meta={"title": resolution.title},
    )
