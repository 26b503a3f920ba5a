"""Clause ids and citation labels (the scheme and its reasons: qa/parsing/parser.py's docstring)."""

from __future__ import annotations

from qa.model import ClauseKind
from qa.parsing.blocks import Block, Body


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Citations:
    """Ids and labels of a body's blocks, given in document order (a parent before its parts)."""

    def __init__(self, symbol: str, body: Body) -> None:
        self.sym = symbol
        self.body = body
        self.several = len(body.annexes) > 1
        unnumbered = [b for b in body.blocks if b.kind == "operative" and b.number is None and b.letter is None
                      and b.segments]
        self.unnumbered = {id(b): k for k, b in enumerate(unnumbered, 1)}
        self.total_unnumbered = len(unnumbered)
        # the items of each list, lettered or not: one whose letter the text does not print is cited
        # by its place among them all ("4th of 9", beside a printed "(e)", is what "(d)" was)
        self.items: dict[int, list[int]] = {}
        for b in body.blocks:
            if b.kind in ("sub", "subsub") and b.segments:
                self.items.setdefault(id(b.parent), []).append(id(b))
        self.pp = 0
        self.part_pp: dict[str, int] = {}  # preambular paragraphs of a part's own preamble, by part
        self.operative_seen = False
        self.given: dict[int, tuple[str, str, str | None]] = {}  # id(block) -> (id, label, number)
        self.seen: set[str] = set()

    def _annex(self, block: Block) -> tuple[str, str]:
        designator = self.body.annexes[block.annex].designator or str(block.annex + 1)  # type: ignore[index]
        return (f"annex{designator}", f"annex {designator}") if self.several else ("annex", "annex")

    def _part(self, block: Block) -> tuple[str, str]:
        if self.body.parts_restart and block.part:
            return f"{block.part}.", f"part {block.part}, "
        return "", ""

    def of(self, block: Block) -> tuple[str, ClauseKind, str | None, str, str | None]:
        """(id, kind, number, label, parent id) of a block."""
        sym = self.sym
        parent_id = None
        if block.kind == "preambular" and block.part and self.operative_seen:
            # a part's own preamble ("B" / "Acting under Chapter VII ...," after paragraph 4): not the
            # resolution's preamble, so cited within its part
            k = self.part_pp[block.part] = self.part_pp.get(block.part, 0) + 1
            cid, kind, number, label = f"{block.part}.pp{k}", ClauseKind.PREAMBULAR, str(k), \
                f"{sym}, part {block.part}, preambular paragraph {k}"
        elif block.kind == "preambular":
            self.pp += 1
            cid, kind, number, label = f"pp{self.pp}", ClauseKind.PREAMBULAR, str(self.pp), \
                f"{sym}, preambular paragraph {self.pp}"
        elif block.kind == "annex_unnumbered":
            prefix, name = self._annex(block)
            cid, kind, number = f"{prefix}.p{block.number}", ClauseKind.ANNEX, f"p{block.number}"
            label = f"{sym}, {name}, unnumbered paragraph {block.number}"
        elif block.kind == "annex_para":
            prefix, name = self._annex(block)
            cid, kind, number = f"{prefix}.{block.number}", ClauseKind.ANNEX, str(block.number)
            label = f"{sym}, {name}, paragraph {block.number}"
        elif block.kind == "operative":
            self.operative_seen = True
            prefix, name = self._part(block)
            kind = ClauseKind.OPERATIVE
            if block.letter is not None:  # "(a) Resolves ...": the printed letter is its number
                cid, number = f"{prefix}op({block.letter})", f"({block.letter})"
                label = f"{sym}, {name}operative paragraph ({block.letter})"
            elif block.number is None:
                k = self.unnumbered[id(block)]
                cid, number = f"{prefix}opu{k}", None
                label = f"{sym}, {name}operative paragraph (unnumbered, {ordinal(k)} of {self.total_unnumbered})"
            else:
                cid, number = f"{prefix}op{block.number}", str(block.number)
                label = f"{sym}, {name}operative paragraph {block.number}"
        else:  # sub, subsub
            parent = block.parent
            p_id, p_label, p_number = self.given.get(id(parent), ("pp0", f"{sym}, paragraph", None))
            if (block.kind == "sub" and block.letter is None) or (block.kind == "subsub" and block.roman is None):
                siblings = self.items[id(parent)]  # no printed letter: its place, with the count
                k = siblings.index(id(block)) + 1
                cid, parent_id = f"{p_id}(u{k})", p_id
                kind = ClauseKind.ANNEX if block.annex is not None else ClauseKind.OPERATIVE
                label = f"{p_label}, sub-paragraph (unlettered, {ordinal(k)} of {len(siblings)})"
                return self._give(block, cid, kind, None, label, parent_id)
            suffix = f"({block.roman})" if block.kind == "subsub" else f"({block.letter})"
            cid, parent_id = p_id + suffix, p_id
            kind = ClauseKind.ANNEX if block.annex is not None else \
                ClauseKind.PREAMBULAR if p_id.split(".")[-1].startswith("pp") else ClauseKind.OPERATIVE
            number = p_number + suffix if p_number is not None else None
            if block.kind == "subsub" and (parent is None or parent.letter is None):
                label = f"{p_label}, sub-paragraph {suffix}"  # under an item cited by its place
            elif block.kind == "subsub":
                label = p_label + suffix
            elif p_number is None and kind == ClauseKind.OPERATIVE:
                label = f"{p_label}, sub-paragraph {suffix}"
            else:
                label = f"{p_label} {suffix}"
        return self._give(block, cid, kind, number, label, parent_id)

    def _give(self, block: Block, cid: str, kind: ClauseKind, number: str | None, label: str,
              parent_id: str | None) -> tuple[str, ClauseKind, str | None, str, str | None]:
        if cid in self.seen:  # a malformed repeat: keep it citable, never overwrite
            k = 2
            while f"{cid}~{k}" in self.seen:
                k += 1
            cid = f"{cid}~{k}"
        self.seen.add(cid)
        self.given[id(block)] = (cid, label, number)
        return cid, kind, number, label, parent_id
