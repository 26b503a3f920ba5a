"""The header of a resolution: where the resolution starts, and what its heading lines state.

Layouts read (lines before the body, after page furniture is tagged):
- GA / ECOSOC / HRC: "Resolution adopted by the General Assembly on 9 November 2009", the committee
  record "[on the report of the Second Committee (A/65/433)]", the numbered title "64/12. Support ..."
  over one or more lines, then the opener "The General Assembly,";
- Security Council yearbooks: "104 (1954). Resolution of 20 June 1954" or "Resolution 363 (1974)" /
  "of 29 November 1974", then the draft's symbol "[S/3546]" (a document, not a committee);
- Security Council documents and PDFs: "RESOLUTION 790 (1992)" / "Adopted by the Security Council at
  its 3141st meeting," / "on 25 November 1992".
Matter before a Security Council heading (a presidential statement, the decision before the
resolution) is not part of the resolution: the header starts at the heading. The body starts at
the opener, or at the first line that opens a paragraph (a preamble may precede the opener:
"Whereas ..." / "The Security Council" / "Resolves ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.parsing.lines import Line, LineType
from qa.parsing.metadata import (
    ADOPTED_BY,
    ADOPTED_ON,
    ADOPTION_NOTE,
    BODY_OPENER,
    DATE,
    DRAFT_SYMBOL,
    GA_TITLE,
    SC_ADOPTED,
    SC_ADOPTED_FACTS,
    SC_OF_DATE,
    SC_RESOLUTION,
    SC_YEARBOOK_HEADING,
    committee_facts,
    iso_date,
)
from qa.parsing.numbering import NUMBERED
from qa.parsing.openings import opening_of

_HEADER_FURNITURE = re.compile(
    r"^(United Nations|UNITED NATIONS|General Assembly|Security Council|Human Rights Council"
    r"|Economic and Social Council|[A-Z]|Distr\.|GENERAL|[A-Z][a-z]+(?:-[a-z]+)? session|Agenda items? .*)$"
)
_DATE_ALONE = re.compile(r"^(?:on\s+)?(" + DATE + r")\.?$")
# the lines an "Adopted by the Security Council at its ..." sentence wraps onto
_ADOPTED_TAIL = re.compile(r"^(?:at\W+its\W+)?(?:[\dlIO]+(?: [\dlIO]+)?\s?(?:st|nd|rd|th)?\W*meeting\b.*|(?:on\s+)?\d{1,2}\s+\w+\.?\s+\S{4}"
                           r"|on|its)$", re.I)
_DRAFT = re.compile(r"\bdraft resolution\s*$", re.I)
_AGENDA_TITLE = re.compile(r"\bAgenda items? \d+(?:\s*\([a-z]\))?\s+(\S.*)$")


@dataclass
class Header:
    start: int = 0  # index of the first line of the resolution
    end: int = 0  # index of the first body line
    parts: list[list[Line]] = field(default_factory=list)  # pieces quoted in the meta unit, in order
    title_lines: list[Line] = field(default_factory=list)
    title_offset: int = 0
    symbol_lines: list[str] = field(default_factory=list)
    sc: tuple[str, str | None] | None = None  # (number, year) from a Security Council heading
    ga_number: str | None = None
    agenda_title: str | None = None
    facts: dict = field(default_factory=dict)
    left_out: int | None = None  # line number of matter before the heading that was left out
    markers: list[int] = field(default_factory=list)  # footnote markers in the header ("of 30 May 1992 54")
    yearbook: bool = False  # a yearbook's heading ("Resolution 363 (1974)" / "of 29 November 1974")


def _content(lines: list[Line]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.type == LineType.CONTENT]


def sc_heading(lines: list[Line]) -> int | None:
    """Index of a Security Council heading line, looked for before the first opener."""
    for i in _content(lines)[:400]:
        t = lines[i].text
        if SC_YEARBOOK_HEADING.match(t) or SC_RESOLUTION.match(t):
            return i
        if BODY_OPENER.match(t):
            return None
    return None


def _is_header_line(t: str) -> bool:
    return bool(SC_OF_DATE.match(t) or DRAFT_SYMBOL.match(t) or SC_ADOPTED.match(t) or _DATE_ALONE.match(t)
                or _ADOPTED_TAIL.match(t)
                or SC_RESOLUTION.match(t) or SC_YEARBOOK_HEADING.match(t) or _HEADER_FURNITURE.match(t))


def find_bounds(lines: list[Line]) -> tuple[int, int, int | None]:
    """(header start, body start, opener index or None)."""
    opener = next((i for i in _content(lines) if BODY_OPENER.match(lines[i].text)), None)
    heading = sc_heading(lines)
    if heading is not None:
        end = heading + 1
        for i in range(heading + 1, len(lines)):
            ln = lines[i]
            if ln.type != LineType.CONTENT:
                continue
            if not _is_header_line(ln.text):
                break
            end = i + 1
        return heading, end, opener
    if opener is not None:
        return 0, opener, opener
    return 0, _header_end_without_opener(lines), None


def _header_end_without_opener(lines: list[Line]) -> int:
    """No opener line: the body starts after the last header line recognised."""
    end = 0
    for i, ln in enumerate(lines[:40]):
        if ln.type == LineType.CONTENT and (ADOPTED_BY.match(ln.text) or SC_ADOPTED.match(ln.text)
                                             or GA_TITLE.match(ln.text)
                                             or (ln.text.startswith("[") and not ADOPTION_NOTE.match(ln.text))):
            end = i + 1
    return end


def read_header(lines: list[Line]) -> Header:
    start, end, _ = find_bounds(lines)
    h = Header(start=start, end=end)
    # matter before the heading (a statement, a decision) is left out, and said; a masthead is not matter
    matter = [ln for ln in lines[:start] if ln.type == LineType.CONTENT and len(ln.text.split()) >= 6]
    if matter:
        h.left_out = matter[0].no
    for ln in lines[:start]:  # a masthead's symbol line before the heading still names the document
        if ln.type == LineType.PAGE_HEADER:
            h.symbol_lines.append(ln.text)
    content = [ln for ln in lines[start:end] if ln.type in (LineType.CONTENT, LineType.PAGE_HEADER)]
    _read(h, content)
    return h


def _read(h: Header, content: list[Line]) -> None:
    md = h.facts
    i = 0
    after_adoption = False
    skip_agenda_title = False
    loose_title: list[Line] = []
    while i < len(content):
        ln = content[i]
        t = ln.text
        nxt = content[i + 1] if i + 1 < len(content) else None
        if ln.type == LineType.PAGE_HEADER:
            h.symbol_lines.append(t)
            i += 1
            continue
        prev = content[i - 1] if i else None
        contiguous = prev is not None and prev.no == ln.no - 1
        if skip_agenda_title and contiguous and not ADOPTED_BY.match(t):
            h.agenda_title = f"{h.agenda_title} {t}".strip() if h.agenda_title else t
            i += 1
            continue
        skip_agenda_title = False
        if m := ADOPTED_BY.match(t):
            md["body"] = m.group(1)
            part = [ln]
            date = m.group(2)
            if not date and nxt is not None and (m2 := ADOPTED_ON.match(nxt.text)):
                date = m2.group(1)
                part.append(nxt)
                i += 1
            if date:
                md["adopted"] = iso_date(date)
            h.parts.append(part)
            after_adoption = True
        elif m := SC_YEARBOOK_HEADING.match(t):
            h.sc = (m.group(1), m.group(2))
            h.yearbook = True
            md["adopted"] = iso_date(m.group(3), m.group(2))
            if m.group(4):
                h.markers.append(int(m.group(4)))
            h.parts.append([ln])
        elif m := SC_RESOLUTION.match(t):
            year = m.group(2) if m.group(2) and m.group(2).isdigit() else None
            h.sc = (m.group(1), year)
            part = [ln]
            date = m.group(3)
            if not date and nxt is not None and (m2 := SC_OF_DATE.match(nxt.text) or _DATE_ALONE.match(nxt.text)):
                date = m2.group(1)
                if m2.re is SC_OF_DATE and m2.group(2):
                    h.markers.append(int(m2.group(2)))
                part.append(nxt)
                i += 1
            if date:
                md["adopted"] = iso_date(date, year)
            h.parts.append(part)
            h.yearbook = date is not None
        elif m := SC_ADOPTED.match(t):
            md["body"] = m.group(1)
            h.yearbook = False  # a document body: "Adopted by the Security Council at its ..."
            part = [ln]
            while i + 1 < len(content) and len(part) < 3 and _ADOPTED_TAIL.match(content[i + 1].text):
                i += 1
                part.append(content[i])
            said = " ".join(p.text for p in part).replace("_", " ")
            if f := SC_ADOPTED_FACTS.search(said):
                digits = f.group(1).replace(" ", "").translate(str.maketrans("lIO", "110"))  # "295 1st"
                if digits.isdigit():
                    md["meeting"] = int(digits)
                if f.group(2) and (date := iso_date(f.group(2))):
                    md["adopted"] = date
            h.parts.append(part)
            after_adoption = True
        elif m := DRAFT_SYMBOL.match(t):
            md["drafts"] = [m.group(1).strip()]
            h.parts.append([ln])
        elif t.startswith("["):
            part = [ln]
            while not part[-1].text.rstrip().endswith("]") and i + 1 < len(content):
                i += 1
                part.append(content[i])
            md.update(committee_facts(" ".join(p.text for p in part)))
            h.parts.append(part)
        elif m := GA_TITLE.match(t):
            h.ga_number = m.group(1)
            title = [ln]
            while i + 1 < len(content) and content[i + 1].no == title[-1].no + 1 \
                    and content[i + 1].type == LineType.CONTENT:
                i += 1
                title.append(content[i])
            h.title_lines = title
            h.title_offset = m.start(2)
        elif _DRAFT.search(t):  # "... and United States of America:* draft resolution": the title follows
            md["status"] = "draft resolution"
            after_adoption = True
            loose_title = []
        elif "Agenda item" in t:
            m = _AGENDA_TITLE.search(t)
            h.agenda_title = m.group(1) if m else None
            skip_agenda_title = True
        elif _HEADER_FURNITURE.match(t) or SC_OF_DATE.match(t) or _DATE_ALONE.match(t):
            pass
        elif after_adoption and not h.ga_number and not opening_of(t) and not NUMBERED.match(t):
            loose_title.append(ln)
        i += 1
    if not h.title_lines and loose_title:
        h.title_lines = loose_title
        h.title_offset = 0

