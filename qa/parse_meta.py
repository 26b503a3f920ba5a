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
    r"|[A-Z][A-Za-z]+(?: [A-Za-z]+){0,5} (?:Council|Assembly|Conference|Commission|Board|Committee))),\s*$"
)
ADOPTED_BY = re.compile(r"^Resolution adopted by the ([A-Z][A-Za-z ]+?)(?:\s+on\s+(" + DATE + r"))?\s*$")
ADOPTED_ON = re.compile(r"^on\s+(" + DATE + r")\s*$")
SC_RESOLUTION = re.compile(r"^Resolution (\d+) \((\d{4})\)$")
SC_ADOPTED = re.compile(
    r"^Adopted by the ([A-Z][A-Za-z ]+?) at its (\d+)(?:st|nd|rd|th) meeting,? on (" + DATE + r")\s*$"
)
GA_TITLE = re.compile(r"^(\d{1,3}/\d{1,4}(?:\s*[A-Z])?)\.\s+(\S.*)$")
PLENARY = re.compile(r"^(\d+)(?:st|nd|rd|th) plenary meeting\.?$")
PLENARY_GLUED = re.compile(r"\s+(\d+)(?:st|nd|rd|th) plenary meeting\.?$")


def iso_date(text: str) -> str | None:
    try:
        return datetime.strptime(text.strip(), "%d %B %Y").date().isoformat()
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
