"""Search filters: which documents a question may be answered from (`doc`, `body`, `years`).

- doc: None, one symbol, or a list of symbols (spaces and case ignored: "S/RES/661(1990)");
- body: "GA", "SC", "HRC" (or "ECOSOC"), case-insensitive, or the full name ("Security Council");
- years: "1990-1999", "1994", or a (start, end) tuple, matched against the adoption year.

An unknown value raises `BadQuestion` saying what exists: the bodies present, the year range, and
for an unknown symbol a few close ones (never the whole index). The filters combine (a document
must pass each one given); a combination that leaves no document is an error too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import numpy as np

from qa.errors import BadQuestion
from qa.references import body_code

__all__ = ["DocumentFilter", "parse_years", "parse_body", "BODY_NAMES"]

BODY_NAMES = {"SC": "Security Council", "GA": "General Assembly", "HRC": "Human Rights Council",
              "ECOSOC": "Economic and Social Council"}
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|\.\.|to)\s*(\d{4})\s*)?$")
_CLOSE = 5
_NUMBER = re.compile(r"/(\d+(?:/\d+)?)(?:\s*\(|$)")  # the resolution's number in its symbol


def _compact(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper()


def parse_years(years: object) -> tuple[int, int]:
    """"1990-1999" / "1994" / (1990, 1999) -> (start, end); anything else is a BadQuestion."""
    if isinstance(years, (tuple, list)) and len(years) == 2 and all(
            isinstance(y, int) and not isinstance(y, bool) for y in years):
        start, end = int(years[0]), int(years[1])
    elif isinstance(years, int) and not isinstance(years, bool):
        start = end = years
    elif isinstance(years, str) and _YEARS.match(years):
        m = _YEARS.match(years)
        start, end = int(m.group(1)), int(m.group(2) or m.group(1))
    else:
        raise BadQuestion(f"years must be a year or a range such as 1990-1999 (got {years!r})")
    if start > end:
        raise BadQuestion(f"years {start}-{end}: the first year comes after the last; give e.g. {end}-{start}")
    return start, end


def parse_body(body: object) -> str | None:
    """"sc" / "Security Council" -> "SC"; None when it is no body's name."""
    if not isinstance(body, str):
        return None
    return body_code(body.strip())


class DocumentFilter:
    """Resolves filter values onto document ids, against what the index holds."""

    def __init__(self, symbols: Sequence[str], bodies: np.ndarray, body_codes: Sequence[str],
                 years: np.ndarray) -> None:
        self._symbols = list(symbols)
        self._ids = {_compact(s): i for i, s in enumerate(self._symbols)}
        self._by_number: dict[str, list[int]] = {}  # "661" -> S/RES/661 (1990), A/RES/661 ...
        for i, s in enumerate(self._symbols):
            m = _NUMBER.search(s)
            if m:
                self._by_number.setdefault(m.group(1), []).append(i)
        self._bodies = bodies
        self._body_codes = list(body_codes)
        self._years = years
        # read once: a filtered question checks its values against these, never all documents again
        present = sorted({self._body_codes[b] for b in np.unique(self._bodies).tolist() if self._body_codes[b]})
        known = self._years[self._years > 0]
        self._available = {"bodies": present, "years": [int(known.min()), int(known.max())] if len(known) else []}

    def available(self) -> dict:
        """{"bodies": [codes present], "years": [first, last] or []}: what a filter may ask for."""
        return {k: list(v) for k, v in self._available.items()}

    def _doc_ids(self, doc: object) -> np.ndarray:
        wanted = [doc] if isinstance(doc, str) else list(doc) if isinstance(doc, (list, tuple, set, frozenset)) else None
        if wanted is None or not wanted or not all(isinstance(d, str) for d in wanted):
            raise BadQuestion(self._unknown(repr(doc), "doc must be a document symbol or a list of them"))
        ids = []
        for symbol in wanted:
            i = self._ids.get(_compact(symbol))
            if i is None:
                raise BadQuestion(self._unknown(symbol))
            ids.append(i)
        return np.unique(np.asarray(ids, dtype=np.int32))

    def _unknown(self, symbol: str, why: str = "") -> str:
        if why:  # not a symbol at all: say what doc must be, and what exists
            listed = ", ".join(self._symbols[:12]) + (", ..." if len(self._symbols) > 12 else "")
            return f"unknown document {symbol}: {why}; the index holds: {listed or 'nothing'}"
        if len(self._symbols) <= 12:
            listed = ", ".join(self._symbols) or "nothing"
            return (f"unknown document {symbol!r}; the index holds: {listed}. "
                    "Give one of these symbols, or none to search all")
        m = _NUMBER.search(symbol)
        same = [self._symbols[i] for i in self._by_number.get(m.group(1), [])] if m else []
        alike = [self._symbols[self._ids[c]] for c in
                 difflib.get_close_matches(_compact(symbol), list(self._ids), n=_CLOSE, cutoff=0.6)]
        close = list(dict.fromkeys(same + alike))[:_CLOSE]
        named = ", ".join(close)
        hint = f" Close symbols: {named}." if close else ""
        return (f"unknown document {symbol!r}; the index holds {len(self._symbols)} documents and none has "
                f"this symbol.{hint} Give a symbol as written on the resolution (e.g. {self._symbols[0]})")

    def select(self, doc: object = None, body: object = None, years: object = None) -> np.ndarray | None:
        """Sorted document ids allowed by the filters, or None when none is given."""
        if doc is None and body is None and years is None:
            return None
        allowed = np.arange(len(self._symbols), dtype=np.int32) if doc is None else self._doc_ids(doc)
        if body is not None:
            code = parse_body(body)
            present = self.available()["bodies"]
            if code is None or code not in present:
                names = ", ".join(f"{c} ({BODY_NAMES.get(c, c)})" for c in present) or "none"
                raise BadQuestion(f"unknown body {body!r}; the index holds resolutions of: {names}")
            allowed = allowed[self._bodies[allowed] == self._body_codes.index(code)]
        if years is not None:
            start, end = parse_years(years)
            span = self.available()["years"]
            kept = allowed[(self._years[allowed] >= start) & (self._years[allowed] <= end)]
            if not len(kept) and (not span or end < span[0] or start > span[1]):
                known = f"{span[0]}-{span[1]}" if span else "no adoption years"
                raise BadQuestion(f"no indexed resolution was adopted in {start}-{end}; the index covers {known}")
            allowed = kept
        if not len(allowed):
            raise BadQuestion("no indexed resolution passes these filters together; widen one of them "
                              f"(the index holds {', '.join(self.available()['bodies'])}, "
                              f"years {'-'.join(map(str, self.available()['years']))})")
        return allowed
