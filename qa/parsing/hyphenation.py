"""Words split by a hyphen at a hard line break, joined again as the text writes them.

"in-" / "creasing" is "increasing"; "peace-" / "keeping" is "peace-keeping" where the texts write it
so. Which one a break is, the texts themselves decide: first the document's own words (it may write
"peace-keeping" or "peacekeeping" elsewhere), then the vocabulary of the collection of resolutions
shipped with the package (qa/parsing/data/vocabulary.txt, built by build_vocabulary.py there): the
form written more often wins, except that a hyphenated spelling the collection writes often (the
yearbooks' "co-operation") keeps its hyphen. A break neither tells apart is joined when its halves are not words
on their own ("Secre-" / "tary"), and keeps its hyphen when both are ("self-" / "determination").
The same holds for a break a text extraction turned into "nuclear- weapon" on one line. A suspended
hyphen ("pre- and post-conflict") is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LINE_BREAK_SPLIT = re.compile(r"[A-Za-z]+-[ \t]*\n\s*[A-Za-z]+")
_HEAD = re.compile(r"((?:[A-Za-z]+-)*)([A-Za-z]+)-$")
_TAIL = re.compile(r"^([A-Za-z]+)")
_SPACED = re.compile(r"(?<![A-Za-z-])((?:[A-Za-z]+-)*)([A-Za-z]+)- ([a-z]+)\b")
_ESTABLISHED = 20  # a compound the collection writes with its hyphen this often is a spelling, not a break
_SUSPENDED = {"and", "or", "nor", "to", "and/or"}


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, int]:
    text = resources.files("qa.parsing").joinpath("data/vocabulary.txt").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, n = line.partition(" ")
        if n.isdigit():
            counts[word] = int(n)
    return counts


class Joiner:
    """Joins a paragraph's lines; knows the document's own words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._own: Counter[str] | None = None

    @property
    def own(self) -> Counter[str]:
        """The document's words as it writes them whole (counted when a break first needs them)."""
        if self._own is None:
            whole = _LINE_BREAK_SPLIT.sub(" ", self.text.replace("\u00ad", ""))
            self._own = Counter(w.lower() for w in _WORD.findall(whole))
        return self._own

    def written(self, prefix: str, head: str, tail: str) -> bool | None:
        """Does the text (or else the collection) write the compound with its hyphen (True) or as one
        word (False)? None if neither is known. 'nuclear-weapon-' + 'free' is looked up whole and as
        'weapon-free'."""
        p, h, t = prefix.lower(), head.lower(), tail.lower()
        compounds, joined = {f"{p}{h}-{t}", f"{h}-{t}"}, {f"{p}{h}{t}", f"{h}{t}"}
        for counts, established in ((self.own, 1), (vocabulary(), _ESTABLISHED)):
            c = max(counts.get(w, 0) for w in compounds)
            j = max(counts.get(w, 0) for w in joined)
            if c or j:  # an established hyphenated spelling of its era ("co-operation") keeps its hyphen
                return c >= j or c >= established
        return None

    def keeps_hyphen(self, prefix: str, head: str, tail: str) -> bool:
        said = self.written(prefix, head, tail)
        if said is not None:
            return said
        known = vocabulary()
        return all(w.lower() in known or w.lower() in self.own for w in (head, tail))

    def join(self, pieces: list[str]) -> str:
        out = ""
        for piece in pieces:
            if not piece:
                continue
            if not out:
                out = piece
                continue
            head = _HEAD.search(out[-80:]) if out.endswith("-") else None
            tail = _TAIL.match(piece)
            if head and tail and tail.group(1).lower() not in _SUSPENDED:
                keep = self.keeps_hyphen(head.group(1), head.group(2), tail.group(1))
                out = out + piece if keep else out[:-1] + piece
            else:
                out += " " + piece
        return self.rejoin_spaced(out)

    def rejoin_spaced(self, text: str) -> str:
        """'nuclear- weapon-free' (a line break an extraction turned into a space) -> 'nuclear-weapon-free'."""
        if "- " not in text:
            return text

        def fix(m: re.Match) -> str:
            prefix, head, tail = m.group(1), m.group(2), m.group(3)
            said = None if tail in _SUSPENDED else self.written(prefix, head, tail)
            if said is None:
                return m.group(0)
            return f"{prefix}{head}{'-' if said else ''}{tail}"

        return _SPACED.sub(fix, text)
