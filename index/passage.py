"""What the index stores: passages and the documents they come from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Passage:
    """One searchable unit.

    id:   unique within the index, stable across rebuilds ("A/RES/64/12#op10", "A/RES/64/12#op10~s2").
    doc:  key of the document it belongs to (for add/remove and filtering).
    text: the text that is embedded and BM25-indexed (may carry context beyond what is shown to users).
    meta: JSON-serializable data stored and returned as is (the index never interprets it).
    """

    id: str
    doc: str
    text: str
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        # not dataclasses.asdict: its deep copy of every meta was most of the time of writing an index
        return {"id": self.id, "doc": self.doc, "text": self.text, "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict) -> Passage:
        return cls(id=d["id"], doc=d["doc"], text=d["text"], meta=d.get("meta") or {})


@dataclass(frozen=True)
class DocumentInfo:
    """A source document as recorded in the manifest."""

    key: str  # the document key passages refer to (for resolutions: the symbol)
    source: str  # path of the source file
    sha256: str  # of the source file's bytes
    meta: dict = field(default_factory=dict)  # e.g. {"title": ...}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> DocumentInfo:
        return cls(key=d["key"], source=d["source"], sha256=d["sha256"], meta=d.get("meta") or {})
