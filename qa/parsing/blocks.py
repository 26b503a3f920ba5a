"""What the structure walker produces: blocks of source segments, annexes, the adoption footer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # preambular | operative | sub | subsub | annex_para | annex_unnumbered | heading | footnote
    segments: list[tuple[int, int]] = field(default_factory=list)
    number: int | None = None  # as printed; None for an unnumbered paragraph
    letter: str | None = None  # sub-paragraph label: "a", or "1" for a numbered item "(1)"
    roman: str | None = None
    annex: int | None = None  # index into Body.annexes
    heading: str | None = None
    part: str | None = None  # "A", "B" in a resolution in parts
    parent: Block | None = None  # the paragraph (or sub-paragraph) a sub-paragraph belongs to
    line: int = 0
    lost_letters: bool = False  # its list printed some letters and lost others: those are cited by place
    tentative: bool = False  # a preambular opening after an unnumbered operative one: settled at the end


@dataclass
class Annex:
    designator: str | None  # "I", "II" or None
    title_segments: list[tuple[int, int]] = field(default_factory=list)
    line: int = 0


@dataclass
class Footer:
    """The adoption footer after the last paragraph, as source spans."""

    meeting: tuple[int, int] | None = None  # "41st plenary meeting", "54th meeting"
    meeting_line: int = 0
    date: tuple[int, int] | None = None  # "9 November 2009"
    note: list[tuple[int, int]] = field(default_factory=list)  # "[Adopted without a vote.]", over lines
    note_open: bool = False  # the note goes on over the next lines (an unclosed "[", a list of votes)


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)  # document order (no footnotes, no headings)
    footnotes: list[Block] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    footer: Footer = field(default_factory=Footer)
    parts: list[str] = field(default_factory=list)
    parts_restart: bool = False  # a part restarts the numbering at 1: ids need the part
    warnings: list[str] = field(default_factory=list)
