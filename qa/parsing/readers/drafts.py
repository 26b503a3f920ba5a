"""Drafts: a draft resolution is told from an adopted one by rule, in the text of any format.

A draft is read like a resolution (its paragraphs are citable), with a warning: its text may
differ from what was adopted, and it is cited by the draft's own symbol. The rules look at the
header, the lines before "The General Assembly," / "The Security Council,":
- the document's symbol is a draft's: an L document (A/ES-11/L.7, A/80/L.15, A/C.3/80/L.12) or
  a Security Council document S/2025/123, standing alone as the masthead's symbol (or the front
  matter's `symbol:`); a symbol inside a line, such as the "[without reference to a Main
  Committee (A/80/L.15)]" of an adopted resolution, is the draft it was adopted from, not a sign;
- or the header labels it: a line ending "draft resolution" ("...United States of America:*
  draft resolution", "Revised draft resolution");
- and no adoption record says otherwise: a line opening "Resolution adopted by", "Adopted by",
  "Adopted unanimously", "Adopted at" or a "41st plenary meeting" line makes it a resolution.
The sponsors are the list of States before ": draft resolution", when the header gives one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Draft", "find_draft"]

_OPENER = re.compile(r"^\s*The (General Assembly|Security Council|Human Rights Council|Economic and Social "
                     r"Council)\s*[,:]?\s*$")
_L_SYMBOL = r"(?:[A-Z]{1,4}/)(?:[A-Z0-9.\-]+/)*L\.\d+(?:/(?:Rev|Add|Corr)\.\d+)*"
_SC_DRAFT = r"S/\d{4}/\d{1,4}"
_SYMBOL_LINE = re.compile(rf"^\s*(?:symbol:\s*[\"']?)?({_L_SYMBOL}|{_SC_DRAFT})[\"']?\s*$")
_LABEL = re.compile(r"(?:^|[:*]\s*)((?:revised )?draft resolution(?: [IVX]+)?)\s*$", re.I)
_ADOPTED = re.compile(r"^\s*[\[(]?(?:Resolution adopted by|Adopted (?:by|unanimously|at|without)|\d+(?:st|nd|rd|th) "
                      r"plenary meeting)", re.I | re.M)


@dataclass(frozen=True)
class Draft:
    symbol: str | None  # the draft's symbol as printed, if the header prints one
    reason: str  # what in the text says it is a draft
    sponsors: tuple[str, ...] = ()


def _header(text: str) -> list[str]:
    lines = text.split("\n")
    end = next((i for i, ln in enumerate(lines[:400]) if _OPENER.match(ln)), min(len(lines), 80))
    return lines[:end]


def _sponsors(header: list[str]) -> tuple[str, ...]:
    """The States of the paragraph "A, B, C and D: draft resolution" (commas and one last "and")."""
    paragraphs = re.split(r"\n\s*\n", "\n".join(header))
    listed = next((m.group(1) for p in paragraphs
                   if (m := re.fullmatch(r"(.+?)\s*:\*?\s*(?:revised )?draft resolution(?: [IVX]+)?",
                                         " ".join(p.split()), re.I | re.S))), None)
    if not listed or listed.count(",") < 1 and " and " not in listed:
        return ()
    names = listed.split(", ")
    # "..., Türkiye, Ukraine, United Kingdom of Great Britain and Northern Ireland and United States
    # of America": the list's own "and" is the last one (names such as "Bosnia and Herzegovina"
    # stand inside the list, between commas)
    head, sep, tail = names[-1].rpartition(" and ")
    names[-1:] = [head, tail] if sep else [tail]
    return tuple(n.strip() for n in names if n.strip())


def find_draft(text: str) -> Draft | None:
    """The draft's facts when the text is a draft resolution's, None when it is a resolution's."""
    header = _header(text)
    if _ADOPTED.search(text):
        return None
    symbol = next((m.group(1) for ln in header[:60] if (m := _SYMBOL_LINE.match(ln))), None)
    label = next((m.group(1) for ln in header if (m := _LABEL.search(ln.strip()))), None)
    if not symbol and not label:
        return None
    reasons = []
    if label:
        reasons.append(f'its header says "{label.lower()}"')
    if symbol:
        reasons.append(f"its symbol {symbol} is a draft's")
    sponsors = _sponsors(header)
    if sponsors:
        reasons.append(f"it lists {len(sponsors)} sponsors")
    return Draft(symbol=symbol, reason=", ".join(reasons), sponsors=sponsors)
