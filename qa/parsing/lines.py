"""Physical lines of a resolution text, each tagged as content or as layout boilerplate.

This module knows the page furniture of the layouts resolutions circulate in (UN ODS plain-text
exports, text extracted from UN PDFs, one paragraph per line) and nothing about clauses:
front matter, `<<ODS ...>>` markers, `[DU1]`, page numbers, barcodes, job numbers, repeated
symbols, "Distr.: General", separator rules, running page headers. Footnote rules (`_____`)
are tagged so the structure parser can read the footnote block that follows them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum


class LineType(str, Enum):
    CONTENT = "content"
    BLANK = "blank"
    BOILERPLATE = "boilerplate"  # page furniture: dropped, never part of a clause
    PAGE_HEADER = "page_header"  # running header/footer: marks a page break
    RULE = "rule"  # `_______________`: footnotes follow
    FRONT_MATTER = "front_matter"


@dataclass
class Line:
    no: int  # 1-based line number in the source
    start: int  # offset of the first non-blank character
    end: int  # offset just after the last non-blank character
    text: str  # the stripped content
    type: LineType = LineType.CONTENT
    indent: int = 0  # leading blanks: a PDF extraction indents the first line of each paragraph


SYMBOL_LINE = re.compile(r"^[A-Z]{1,4}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s*\(\d{4}\))?$")
PAGE_OF = re.compile(r"^(?:\d{2}-\d{5}\s+)?\d{1,3}\s*/\s*\d{1,3}(?:\s+\d{2}-\d{5})?$|^Page \d{1,3}$")
# "United Nations  S/RES/2779 (2025)": the masthead line of a UN PDF, naming the symbol
MASTHEAD = re.compile(r"^United Nations\s+([A-Z]{1,4}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s*\(\d{4}\))?)$")
JOB_NUMBER = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?$")
BARCODE = re.compile(r"^\*\d{5,}\*$")
BARE_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
SEPARATOR = re.compile(r"^(?:-{3,}|={3,}|\*{3,})$")
FOOTNOTE_RULE = re.compile(r"^_{5,}$")
ODS_MARKER = re.compile(r"<<ODS[^>]*>>")
DU_MARKER = re.compile(r"^\[DU\d*\]\s*")
DISTR = re.compile(r"Distr\.\s*:\s*(General|Limited|Restricted)")
# a document's own note, not a footnote of the resolution: "* Any changes to the list of sponsors ..."
STAR_NOTE = re.compile(r"^\*{1,3}\s+[A-Z]")
_WS = " \t\r\f\v\u00a0\ufeff"


def split_lines(text: str) -> list[Line]:
    """Split text into lines keeping, for each, the offsets of its stripped content."""
    lines: list[Line] = []
    pos = 0
    no = 0
    for raw in text.split("\n"):
        no += 1
        body = raw
        lead = len(body) - len(body.lstrip(_WS))
        stripped = body.strip(_WS)
        start = pos + lead
        end = start + len(stripped)
        lines.append(Line(no=no, start=start, end=end, text=stripped,
                          type=LineType.CONTENT if stripped else LineType.BLANK, indent=lead))
        pos += len(raw) + 1
    return lines


def read_front_matter(lines: list[Line]) -> dict[str, str]:
    """A YAML-ish `---` block at the top: simple `key: value` pairs, quotes removed. Tags its lines."""
    first = next((i for i, ln in enumerate(lines) if ln.type != LineType.BLANK), None)
    if first is None or lines[first].text != "---":
        return {}
    close = next((j for j in range(first + 1, min(len(lines), first + 60)) if lines[j].text == "---"), None)
    if close is None:
        return {}
    data: dict[str, str] = {}
    for ln in lines[first : close + 1]:
        ln.type = LineType.FRONT_MATTER
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", ln.text)
        if m:
            data[m.group(1).lower()] = m.group(2).strip().strip("\"'").strip()
    return data


def _strip_du(ln: Line) -> None:
    m = DU_MARKER.match(ln.text)
    if m:
        ln.start += m.end()
        ln.text = ln.text[m.end() :]
        if not ln.text:
            ln.type = LineType.BOILERPLATE


def is_furniture(text: str) -> bool:
    """Page furniture recognisable on its own, wherever it stands."""
    return bool(
        ODS_MARKER.search(text)
        or SYMBOL_LINE.match(text)
        or PAGE_OF.match(text)
        or JOB_NUMBER.match(text)
        or BARCODE.match(text)
        or BARE_PAGE_NUMBER.match(text)
        or SEPARATOR.match(text)
        or DISTR.search(text)
        or STAR_NOTE.match(text)
    )


_TRAILING_RULE = re.compile(r"\s+(?:-{3,}|_{3,})$")


def tag_lines(lines: list[Line]) -> None:
    """Tag boilerplate, page headers and footnote rules in place."""
    for ln in lines:
        if ln.type != LineType.CONTENT:
            continue
        _strip_du(ln)
        if m := _TRAILING_RULE.search(ln.text):  # "... and international ---": the page's footnote rule
            ln.end -= len(ln.text) - m.start()
            ln.text = ln.text[: m.start()]
        if ln.type != LineType.CONTENT:
            continue
        if FOOTNOTE_RULE.match(ln.text):
            ln.type = LineType.RULE
        elif SYMBOL_LINE.match(ln.text) or PAGE_OF.match(ln.text) or MASTHEAD.match(ln.text):
            ln.type = LineType.PAGE_HEADER
        elif is_furniture(ln.text):
            ln.type = LineType.BOILERPLATE
    _tag_running_titles(lines)


def _tag_running_titles(lines: list[Line]) -> None:
    """A running title: a line beside the symbol/page-number lines that repeats in the document."""
    anchors = [i for i, ln in enumerate(lines) if ln.type == LineType.PAGE_HEADER]
    if len(anchors) < 2:
        return
    near: Counter[str] = Counter()
    near_idx: dict[str, list[int]] = {}
    for a in anchors:
        for j in range(max(0, a - 3), min(len(lines), a + 4)):
            ln = lines[j]
            if ln.type == LineType.CONTENT and len(ln.text) <= 120:
                near_idx.setdefault(ln.text, [])
                if j not in near_idx[ln.text]:
                    near_idx[ln.text].append(j)
                    near[ln.text] += 1
    everywhere = Counter(ln.text for ln in lines if ln.text)
    for text, count in near.items():
        # repeated beside the page numbers, or a once-broken page whose header repeats the title
        if count >= 2 or (everywhere[text] >= 2 and not text.endswith((",", ";", ".", ":"))):
            for j in near_idx[text]:
                lines[j].type = LineType.PAGE_HEADER


def is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped layout (PDF extraction, OCR'd yearbooks) rather than one paragraph per line.

    A wrapped text breaks most of its full-width lines mid-sentence, and many of its lines go on
    from the line above without opening anything; in a paragraph-per-line text nearly every line
    ends with the punctuation that closes a clause (footnote markers aside) and the next opens a
    paragraph. Line length alone would take a short resolution with short paragraphs for a wrapped
    one. Lines longer than a page is wide are left out of the first count: OCR'd yearbooks wrap most
    lines but not all.
    """
    from qa.parsing.openings import is_opening  # the words that open paragraphs

    content = [ln for ln in lines if ln.type == LineType.CONTENT]
    if len(content) < 5:
        return False
    full = [ln.text for ln in content if 40 <= len(ln.text) <= 200] or [ln.text for ln in content]
    mid_sentence = sum(1 for t in full if not re.search(r"[,;.:)\]\"”]$", t.rstrip("0123456789 ")))
    if mid_sentence / len(full) >= 0.5:
        return True
    going_on = sum(1 for a, b in zip(content, content[1:], strict=False)
                   if b.no == a.no + 1 and not _OPENS.match(b.text) and not is_opening(b.text))
    return going_on / len(content) >= 0.25


_OPENS = re.compile(r"^(?:\d{1,3}[./]?\s|\([a-z0-9]{1,4}\)\s|\[\^?\d|[-–—•]\s)")
