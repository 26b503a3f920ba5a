"""What the engine returns: an Answer made of Citations, each the resolution's own words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FootnoteRef:
    unit: str  # "fn8"
    label: str  # "A/RES/64/12, footnote 8"
    text: str  # "A/61/581, annex."

    def to_dict(self) -> dict:
        return {"unit": self.unit, "label": self.label, "text": self.text}


@dataclass(frozen=True)
class ClauseRef:
    unit: str
    label: str

    def to_dict(self) -> dict:
        return {"unit": self.unit, "label": self.label}


@dataclass(frozen=True)
class Citation:
    doc: str  # "A/RES/64/12"
    unit: str  # clause id, "op10"
    kind: str  # "operative"
    label: str  # "A/RES/64/12, operative paragraph 10"
    text: str  # the clean clause, verbatim
    score: float
    highlight: tuple[int, int]  # [start, end) in text of the best-matching sentence or phrase
    footnotes: tuple[FootnoteRef, ...] = ()
    cited_by: tuple[ClauseRef, ...] = ()
    # {"symbol", "title", "body", "adopted", "refers_to": [indexed symbols it cites],
    #  "referred_by": [indexed symbols citing it]} (at most 50 each, with their counts)
    document: dict | None = field(default=None, hash=False)

    def to_dict(self) -> dict:
        out = {
            "doc": self.doc,
            "unit": self.unit,
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "score": round(float(self.score), 4),
            "highlight": [int(self.highlight[0]), int(self.highlight[1])],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "cited_by": [c.to_dict() for c in self.cited_by],
        }
        if self.document is not None:
            out["document"] = dict(self.document)
        return out


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool  # False: the resolution does not address it (citations are then the closest passages)
    message: str
    citations: tuple[Citation, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answered": self.answered,
            "message": self.message,
            "citations": [c.to_dict() for c in self.citations],
        }
