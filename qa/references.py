"""References between resolutions: "resolution 661 (1990)", "its resolution 49/30 of 7 December 1994",
"General Assembly resolution 1514 (XV)", "resolutions 1325 (2000), 1820 (2008) and 1888 (2009)".

How resolutions cite each other, and what each form denotes:
- `N (YYYY)`: a Security Council resolution (S/RES/661 (1990)); the General Assembly never wrote
  its numbers so.
- `N (ROMAN)`: a General Assembly resolution of the sessions before 1976 (A/RES/1514 (XV)).
- `S/M`: a General Assembly resolution (A/RES/62/7), or a Human Rights Council one (A/HRC/RES/25/6)
  when the text says "Human Rights Council resolution 25/6", or says "its resolution" in a Council
  text.
- `YYYY/N`: an Economic and Social Council resolution (E/RES/1996/31).
- A bare `N` ("resolution 242") names a Security Council number without its year; it is resolved
  against the indexed documents by number.
The body named before "resolution" ("Security Council", "General Assembly", "Council", "Assembly",
"its" = the citing document's own body) decides where the form leaves a choice. A symbol written out
(S/RES/687 (1991), A/RES/64/12) is a reference too.

`find_references(text, own_body)` returns the references in reading order with their spans (for
links); `ReferenceResolver` maps them onto the symbols an index holds; `CitationGraph` keeps, for
each indexed document, the indexed documents it cites and those that cite it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Reference", "find_references", "reference_keys", "ReferenceResolver", "CitationGraph", "body_code",
           "established_phrases"]

T = TypeVar("T")
_ROMAN = r"[IVXL]{1,7}"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
# One cited number: "661 (1990)", "1514 (XV)", "62/7", "1996/31", "242"
_ITEM = rf"(\d{{1,4}})(?:\s*\((\d{{4}}|{_ROMAN})\)|/(\d{{1,4}}))?(?![\d/])"
_OF_DATE = rf"(?:\s+of\s+\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)?"
_BODY = (r"(?P<body>Security\s+Council|General\s+Assembly|Human\s+Rights\s+Council|Economic\s+and\s+Social\s+Council"
         r"|Council|Assembly|its|their)\s+")
_HEAD = re.compile(rf"(?:\b{_BODY})?\b(?P<word>resolutions?)\s+(?:Nos?\.\s*)?(?=\d)", re.I)
_ITEM_AT = re.compile(_ITEM + _OF_DATE)
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?=\d)")
_SYMBOL = re.compile(r"\b(S/RES/(\d{1,4})\s*\((\d{4})\)|A/(?:(HRC)/)?RES/(\d{1,3})/(\d{1,4})"
                     rf"|A/RES/(\d{{1,4}})\s*\(({_ROMAN})\))")

_BODY_CODES = {"security council": "SC", "council": "SC", "general assembly": "GA", "assembly": "GA",
               "human rights council": "HRC", "economic and social council": "ECOSOC"}


def body_code(body: str | None) -> str | None:
    """'Security Council' -> 'SC', 'General Assembly' -> 'GA', 'Human Rights Council' -> 'HRC'."""
    if not body:
        return None
    text = " ".join(body.lower().split())
    if text.upper() in ("SC", "GA", "HRC", "ECOSOC"):
        return text.upper()
    return _BODY_CODES.get(text)


@dataclass(frozen=True)
class Reference:
    """One cited resolution. `start`/`end` span the cited number in the text ("661 (1990)"), or
    the phrase "resolution 661 (1990)" for the first item of a list, so a link covers what a reader
    clicks; `symbol` is the canonical symbol when the text determines it, else None (a bare number)."""

    start: int
    end: int
    body: str  # SC | GA | HRC | ECOSOC
    number: str  # "661", "62/7", "1514"
    symbol: str | None  # "S/RES/661 (1990)", "A/RES/62/7", None for "resolution 242"

    @property
    def key(self) -> str:
        """What the index keeps: the symbol, or "S/RES/242" when the year is not given."""
        return self.symbol or f"S/RES/{self.number}"


def _symbol(body: str, number: str, paren: str | None, slash: str | None) -> tuple[str, str | None]:
    """(body, canonical symbol) of one cited item, given the body the text implies."""
    if paren and paren.isdigit():
        return "SC", f"S/RES/{number} ({paren})"
    if paren:  # a Roman session number: the Assembly before 1976
        return "GA", f"A/RES/{number} ({paren.upper()})"
    if slash:
        if len(number) == 4 and number[:2] in ("19", "20"):
            return "ECOSOC", f"E/RES/{number}/{slash}"
        if body == "HRC":
            return "HRC", f"A/HRC/RES/{number}/{slash}"
        return "GA", f"A/RES/{number}/{slash}"
    return "SC" if body in ("SC", "") else body, None


def find_references(text: str, own_body: str | None = None) -> list[Reference]:
    """The resolutions `text` cites, in reading order. own_body: the citing document's body (its
    name or code), for "its resolution 62/7" and for numbers whose form leaves the body open."""
    own = body_code(own_body) or ""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in _SYMBOL.finditer(text):
        if m.group(2):
            body, symbol = "SC", f"S/RES/{m.group(2)} ({m.group(3)})"
            number = m.group(2)
        elif m.group(5):
            body = "HRC" if m.group(4) else "GA"
            symbol = f"A/{'HRC/' if m.group(4) else ''}RES/{m.group(5)}/{m.group(6)}"
            number = f"{m.group(5)}/{m.group(6)}"
        else:
            body, symbol, number = "GA", f"A/RES/{m.group(7)} ({m.group(8).upper()})", m.group(7)
        found.append(Reference(m.start(), m.end(), body, number, symbol))
        taken.append(m.span())
    for head in _HEAD.finditer(text):
        if any(s <= head.start() < e for s, e in taken):
            continue
        named = " ".join((head.group("body") or "").lower().split())
        body = own if named in ("its", "their") else body_code(named) or ""
        if named == "council" and own == "HRC":
            body = "HRC"
        pos = head.end()
        first = True
        while True:
            item = _ITEM_AT.match(text, pos)
            if not item:
                break
            number, paren, slash = item.group(1), item.group(2), item.group(3)
            if paren is None and slash is None and text[item.end(1):item.end(1) + 1] == ".":
                break  # "resolution 5." ends a sentence with a paragraph number, not a citation
            form = "year" if paren and paren.isdigit() else "roman" if paren else "slash" if slash else "bare"
            if first:
                list_form = form
            elif form != list_form:
                break  # "resolutions 661 (1990) and 687 (1991), 85": the 85 is a footnote marker
            item_body, symbol = _symbol(body or own, number, paren, slash)
            if slash:
                number = f"{number}/{slash}"
            # a link covers "resolution 661 (1990)" for the first item, the number for the others
            start = head.start("word") if first else item.start()
            end = item.end(3) if slash else item.end(2) + 1 if paren else item.end(1)
            found.append(Reference(start, end, item_body, number, symbol))
            first = False
            sep = _SEPARATOR.match(text, item.end())
            if not sep:
                break
            pos = sep.end()
    found.sort(key=lambda r: r.start)
    return found


def reference_keys(texts: Iterable[str], own_body: str | None, own_symbol: str | None = None) -> list[str]:
    """The distinct references of a document's texts, in first-cited order, its own symbol left out."""
    keys: dict[str, None] = {}
    for text in texts:
        for ref in find_references(text, own_body):
            if ref.key != own_symbol:
                keys.setdefault(ref.key, None)
    return list(keys)


def _compact(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper()


class ReferenceResolver:
    """Reference keys mapped onto the symbols an index holds (spaces and case ignored); a bare
    Security Council number resolves when exactly one indexed resolution has it."""

    def __init__(self, symbols: Iterable[str]) -> None:
        self._exact: dict[str, str] = {}
        self._sc_number: dict[str, list[str]] = {}
        for symbol in symbols:
            self._exact[_compact(symbol)] = symbol
            m = re.fullmatch(r"S/RES/(\d+)\s*\(\d{4}\)", symbol.strip())
            if m:
                self._sc_number.setdefault(m.group(1), []).append(symbol)

    def resolve(self, key: str) -> str | None:
        exact = self._exact.get(_compact(key))
        if exact is not None:
            return exact
        m = re.fullmatch(r"S/RES/(\d+)", key.strip())
        if m:
            candidates = self._sc_number.get(m.group(1), [])
            return candidates[0] if len(candidates) == 1 else None
        return None

    def __contains__(self, key: str) -> bool:
        return self.resolve(key) is not None


class CitationGraph:
    """Which indexed resolutions each indexed resolution cites, and which cite it.

    Built once at load from each document's reference keys (qa.passages keeps them in the index,
    under the document's `references`); references to resolutions the index does not hold are
    dropped here, and kept in the index, so adding the cited resolution later links it."""

    def __init__(self, references: Mapping[str, Iterable[str]]) -> None:
        resolver = ReferenceResolver(references)
        self._cites: dict[str, tuple[str, ...]] = {}
        cited_by: dict[str, dict[str, None]] = {}
        for doc, keys in references.items():
            targets: dict[str, None] = {}
            for key in keys:
                target = resolver.resolve(key)
                if target is not None and target != doc:
                    targets.setdefault(target, None)
                    cited_by.setdefault(target, {}).setdefault(doc, None)
            self._cites[doc] = tuple(targets)
        self._cited_by = {doc: tuple(sources) for doc, sources in cited_by.items()}
        self.resolver = resolver

    def cites(self, doc: str) -> tuple[str, ...]:
        """Indexed resolutions that doc refers to, in first-cited order."""
        return self._cites.get(doc, ())

    def cited_by(self, doc: str) -> tuple[str, ...]:
        """Indexed resolutions that refer to doc, in index order."""
        return self._cited_by.get(doc, ())


# "the Committee established by resolution 661 (1990) concerning the situation between Iraq and Kuwait"
_ESTABLISHED_BY = re.compile(
    r"((?:[\w'’()-]+[\s,]+){0,7}?)(?:established|set up|created|constituted)\s+(?:by|under|pursuant\s+to|in\s+"
    r"accordance\s+with)\s+(?=(?:paragraph\s+\d+\s+of\s+)?(?:the\s+)?(?:Security\s+Council\s+|General\s+Assembly\s+"
    r"|Council\s+|Assembly\s+|its\s+)?resolutions?\s+\d)", re.I)
_AFTER = re.compile(r"(?:[\s,]+[\w'’()-]+){0,8}")


def established_phrases(text: str, own_body: str | None, terms_of: Callable[[str], T]) -> list[tuple[str, T]]:
    """(reference key, terms_of(the surrounding phrase)) for each "X established by resolution N"
    in a clause's text: what the citing text says resolution N set up."""
    if "stablish" not in text and "set up" not in text and "created" not in text and "constituted" not in text:
        return []
    out = []
    for m in _ESTABLISHED_BY.finditer(text):
        window = text[m.end():m.end() + 120]
        refs = find_references(window, own_body)
        if not refs or refs[0].start > 40:
            continue
        end = refs[0].end
        for ref in refs[1:]:  # a list: "resolutions 1325 (2000) and 1820 (2008)"
            if ref.start - end > 8:
                break
            end = ref.end
        after = _AFTER.match(window, end)
        phrase = terms_of(f"{m.group(1)} {after.group(0) if after else ''}")
        out.extend((ref.key, phrase) for ref in refs if ref.end <= end)
    return out
