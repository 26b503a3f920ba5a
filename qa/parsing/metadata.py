"""Facts about a resolution read from its header, adoption record and page furniture.

Only what the text states is reported; a fact the text does not give is left out, never guessed.
The one exception is the symbol, which may come from the file name (the caller warns).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

DATE = r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
BODY_OPENER = re.compile(
    r"^The ((?:General Assembly|Security Council|Human Rights Council|Economic and Social Council|Trusteeship Council"
    r"|[A-Z][A-Za-z]+(?: [A-Za-z]+){0,5} (?:Council|Assembly|Conference|Commission|Board|Committee)))[,.:;]?\s*$"
)
ADOPTED_BY = re.compile(r"^Resolution adopted by the ([A-Z][A-Za-z ]+?)(?:\s+on\s+(" + DATE + r"))?\s*$")
ADOPTED_ON = re.compile(r"^on\s+(" + DATE + r")\s*$")
# Security Council headings: "Resolution 363 (1974)" (its date on the next line, "of 29 November
# 1974", OCR "ef"), "RESOLUTION 790 (1992)", "104 (1954). Resolution of 20 June 1954"
SC_RESOLUTION = re.compile(r"^(?:RESOLUTION|Resolution)\s+(\d{1,4})(?:\s*\((\d{4}|[\d-]{5,6})\))?\.?"
                           r"(?:\s+[oe]f\s+(" + DATE + r"))?\s*$")
SC_YEARBOOK_HEADING = re.compile(r"^(\d{1,4})\s*\((\d{4})\)\.?\s*Resolution\s+[oe]f\s+(" + DATE + r")\.?(?:\s+(\d{1,3}))?\s*$")
# "of 29 November 1974", as OCR gave it too: "ef", "Of", "On", "of 15 August. 1991", "of 14 October
# £964", a footnote marker after it ("of 30 May 1992 54")
_OCR_DATE = (r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November"
             r"|December)\.? [\d£IlO]{4}")
SC_OF_DATE = re.compile(r"^[oOeE][fn]\s+(" + _OCR_DATE + r")\.?(?:\s+(\d{1,3}))?\s*$")
# "Adopted by the Security Council at its 3141st meeting, on 25 November 1992", over one to three
# lines, with OCR's "326lst", "at _ its", "Auqust"
SC_ADOPTED = re.compile(r"^Adopted by the ([A-Z][A-Za-z ]+?)\s+at\b")
SC_ADOPTED_FACTS = re.compile(r"\bat\W+its\W+(\d[\dlIO]*(?: [\dlIO]+)?)\s?(?:st|nd|rd|th)?\W*meeting\b,?(?:\s+on)?"
                              r"(?:\s+(\d{1,2}\s+[A-Za-z]+\.?\s+[\d£IlO]{4}))?", re.I)
# the draft's symbol under a yearbook heading: "[S/3546]", "(S/3139/Rev.2]", "[S/714, I]"
DRAFT_SYMBOL = re.compile(r"^[\[({]\s*([A-Z8$]{1,3}/[^\]\[(){}]*?)\s*[\])}]+$")
# "64/12. Title" (GA) or "25/6 Title" (Human Rights Council PDFs print no full stop)
GA_TITLE = re.compile(r"^(\d{1,3}/\d{1,4}(?:\s*[A-Z])?)(?:\.\s+|\s+(?=[A-Z\u201c\"]))(\S.*)$")

# The adoption footer many resolutions print after their last paragraph (GA, ECOSOC, Human Rights
# Council, conferences): the meeting, its date, and sometimes how it was adopted:
#     41st plenary meeting            54th meeting
#     9 November 2009                 27 March 2014
#                                     [Adopted without a vote.]
# In a one-paragraph-per-line text the footer is glued to the end of the last paragraph.
_MEETING = r"(\d+)(?:st|nd|rd|th)\s+(plenary\s+)?meeting\b\.?"
# "Adopted without a vote", "Adopted unanimously at the 716th meeting.", "Adopted at the 1234th
# meeting by 10 votes to none, with 1 abstention (France).", OCR "Adapted", "ut the", "vate"
_NOTE_WORDS = (r"(?:Ad[ao]pted|Approved),?\s+(?:without\s+(?:a\s+)?v[oa]te|by\s+consensus|unanimous(?:ly)?"
               r"|by\s+(?:a\s+)?(?:(?:recorded|roll-call)\s+)?(?:vote\b|\d+\s+votes?\b)"
               r"|(?:[au][ti]\s+)?(?:the|its)\s+(?:resumed\s+)?\d+\w*\s+meeting\b|[au][ti]\s+(?:the|its)\b)")
_NOTE = r"\[?\s*" + _NOTE_WORDS
MEETING = re.compile(_MEETING, re.I)
MEETING_LINE = re.compile(r"^" + _MEETING + r"(?:,?\s+(" + DATE + r")\.?)?(?:\s+(" + _NOTE + r".*))?$", re.I)
ADOPTION_NOTE = re.compile(r"^" + _NOTE, re.I)
# glued: "... 27 March 2008. 54th meeting", "... development\". 69th plenary meeting 20 December 2010 [Adopted ...]"
FOOTER_GLUED = re.compile(
    r"\s+" + _MEETING + r"(?:,?\s+(" + DATE + r")\.?)?(?:\s+(" + _NOTE + r".*))?\s*$", re.I)
NOTE_GLUED = re.compile(r"\s+(\[\s*" + _NOTE_WORDS + r"[^\]]*\])\s*$", re.I)
# the lines of a recorded vote: "In favour:", "Against:", "Abstaining:" and their lists of States
VOTE_LIST_LABEL = re.compile(r"^(?:In favour|Against|Abstaining|Abstentions?|Absent|Non-voting|Did not vote)\b")


_MONTHS = {m.lower(): m for m in ("January February March April May June July August September October "
                                   "November December").split()}


def _one_letter_off(word: str, month: str) -> bool:
    """'Auqust' is August: OCR changed one letter of a month's name (five letters or more)."""
    return len(word) == len(month) >= 5 and sum(a != b for a, b in zip(word.lower(), month.lower(), strict=True)) == 1


_YEAR_OCR = str.maketrans({"£": "1", "I": "1", "l": "1", "O": "0"})


def iso_date(text: str, heading_year: str | None = None) -> str | None:
    """'29 November 1974' -> '1974-11-29'; OCR's '15 August. 1991' is read too. A year OCR damaged
    ('14 October £964') is not a number: the heading's year ('Resolution 226 (1966)'), the year the
    resolution was adopted in, is read in its place; without one, the damaged glyphs are read as the
    digits they stand for."""
    parts = text.strip().replace(".", "").split()
    if len(parts) != 3:
        return None
    day, month, year = parts
    if not year.isdigit() and heading_year and heading_year.isdigit():
        year = heading_year
    month = _MONTHS.get(month.lower()) or next((m for m in _MONTHS.values() if _one_letter_off(month, m)), month)
    try:
        return datetime.strptime(f"{day} {month} {year.translate(_YEAR_OCR)}", "%d %B %Y").date().isoformat()
    except ValueError:
        return None


def symbol_from_filename(path: str) -> str | None:
    """A_RES_65_141.txt -> A/RES/65/141; S_RES_1565_2004.txt -> S/RES/1565 (2004)."""
    stem = Path(path).stem
    m = re.fullmatch(r"S_RES_(\d+)_(\d{4})", stem)
    if m:
        return f"S/RES/{m.group(1)} ({m.group(2)})"
    if re.fullmatch(r"[A-Z]{1,4}(?:_[A-Z0-9.\-]+)*_RES_[A-Z0-9.\-]+(?:_[A-Z0-9.\-]+)*", stem):
        return stem.replace("_", "/")
    return None


def session_from_symbol(symbol: str) -> int | None:
    m = re.match(r"^A/(?:[A-Z]+/)*RES/(\d+)/", symbol)
    return int(m.group(1)) if m else None


def meeting_facts(footer: str) -> dict:
    """'54th meeting' -> {'meeting': 54}; '41st plenary meeting' also gives 'plenary_meeting'."""
    m = MEETING.search(footer)
    if not m:
        return {}
    facts: dict = {"meeting": int(m.group(1))}
    if m.group(2):
        facts["plenary_meeting"] = int(m.group(1))
    return facts


def title_from_agenda_item(paragraphs: list[str]) -> str | None:
    """The item a GA resolution keeps on the agenda, named in its closing formula.

    'Decides to include in the provisional agenda of its sixty-sixth session the item entitled
    "Information and communications technologies for development"' names the agenda item the
    resolution was adopted under, whose name such a resolution bears as its title; under a sub-item
    ('under the item entitled "X", the sub-item entitled "Y"') the sub-item's. None when no paragraph
    says so, or when paragraphs name different items.
    """
    names: set[str] = set()
    for text in paragraphs:
        m = re.search(r"\binclude in the provisional agenda of its [\w-]+(?: \w+)? session\b(.{0,300})", text)
        if not m:
            continue
        items = re.findall(r"\bthe (sub-item|item) entitled [\"\u201c]([^\"\u201d]{3,300})[\"\u201d]", m.group(1))
        subs = [name for kind, name in items if kind == "sub-item"]
        if subs or items:
            names.add((subs or [items[0][1]])[0].strip().rstrip(".,;"))
    return names.pop() if len(names) == 1 else None


def committee_facts(record: str) -> dict:
    """'[without reference to a Main Committee (A/64/L.12 and Add.1)]' or '[on the report of the Second Committee (A/65/433)]'."""
    inner = record.strip().strip("[]").strip()
    facts: dict = {}
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", inner)
    head, docs = (m.group(1), m.group(2)) if m else (inner, "")
    report = re.match(r"^on the reports? of the (.+)$", head)
    if report:
        facts["committee"] = report.group(1)
        if docs:
            facts["report"] = docs
    else:
        facts["committee"] = head
        if docs:
            facts["drafts"] = expand_symbols(docs)
    return facts


def expand_symbols(docs: str) -> list[str]:
    """'A/64/L.12 and Add.1' -> ['A/64/L.12', 'A/64/L.12/Add.1']."""
    out: list[str] = []
    base = ""
    for part in re.split(r"\s*,\s*|\s+and\s+", docs):
        part = part.strip()
        if not part:
            continue
        if "/" in part and not re.match(r"^(Add|Corr|Rev)\.", part):
            base = part
            out.append(part)
        elif base:
            out.append(f"{base}/{part}")
        else:
            out.append(part)
    return out


def page_furniture_facts(text: str) -> dict:
    """Distribution date, agenda item and ODS job number from the page furniture."""
    facts: dict = {}
    m = re.search(r"Distr\.\s*:\s*General\s*(" + DATE + ")", text)
    if m:
        facts["distributed"] = iso_date(m.group(1))
    m = re.search(r"Agenda items? (\d+(?:\s*\([a-z]\))?)", text)
    if m:
        facts["agenda_item"] = m.group(1)
    m = re.search(r"<<ODS JOB NO>>\s*([A-Z0-9]+)\s*<<", text)
    if m:
        facts["ods_job"] = m.group(1)
    return facts


def ods_symbol(text: str) -> str | None:
    m = re.search(r"<<ODS DOC SYMBOL1>>\s*([^<\s][^<]*?)\s*<<", text)
    return m.group(1) if m else None
