"""What each clause contributes to the index: contextual passages.

A clause alone is often a poor search target: a footnote ("A/61/581, annex.") means nothing
without the words that cite it, a sub-paragraph ("(b) to take into account the specific needs of
girls;") needs its parent's chapeau, and the adoption record is facts in brackets. So each clause
becomes one *whole* passage (id "SYMBOL#unit") whose indexed text carries that context:

- operative / preambular / annex paragraph: [annex heading] [parent chapeau] text + what its
  footnotes say;
- footnote: its text + the phrase of each citing clause around the marker ("... Doha in 2006");
- meta: the title and the adoption record in words (date, plenary meeting, session, agenda item,
  draft, committee) and the resolution's number ("resolution 64/12").

A clause of several sentences or semicolon-separated phrases also gets one *part* passage per
phrase (id "SYMBOL#unit~2"): a short question matches a phrase better than a long paragraph (BM25
length normalisation, dense dilution), the engine scores a clause by its best passage, and the
parts' dense scores choose the highlight. The parts use `qa.answers.highlight.segments`, so a part and a
highlight span are the same piece of text.

Everything the engine shows is stored in the whole passage's `meta` (label, kind, clean text,
footnotes with their texts, cited_by with labels, parent), so answering needs the index folder
only, never the source file.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.passage import DocumentInfo, Passage
from qa.abstention.scope import document_facts
from qa.model import Clause, ClauseKind, Resolution
from qa.ranking.clauses import clause_facts
from qa.ranking.documents import document_links
from qa.references import reference_keys
from qa.text import ordinal_suffix, ordinal_words, segments

__all__ = ["passages_for", "document_info", "adoption_in_words", "PART_SEPARATOR"]

PART_SEPARATOR = "~"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
def _date_words(iso: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m:
        return iso
    return f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def _resolution_number(symbol: str) -> str | None:
    m = re.search(r"/RES/(?:[A-Z\-]+/)?(\d+/\d+)$", symbol) or re.search(r"/RES/(\d+) \((\d{4})\)$", symbol)
    if not m:
        return None
    return m.group(1) if m.lastindex == 1 else f"{m.group(1)} ({m.group(2)})"


def adoption_in_words(resolution: Resolution) -> str:
    """The header facts as a sentence: what a question about the adoption record will use."""
    md = resolution.metadata or {}
    body = md.get("body") or "the General Assembly"
    parts = [f"Resolution {resolution.symbol} was adopted by the {body}".replace("the the ", "the ")]
    if md.get("adopted"):
        parts.append(f"on {_date_words(str(md['adopted']))}")
    meeting = md.get("plenary_meeting") or md.get("meeting")
    if meeting:
        kind = "plenary meeting" if md.get("plenary_meeting") else "meeting"
        parts.append(f"at its {ordinal_suffix(int(meeting))} {kind}" if str(meeting).isdigit()
                     else f"at its meeting {meeting}")
    sentence = " ".join(parts)
    extra = []
    if md.get("session") and str(md["session"]).isdigit():
        extra.append(f"during its {ordinal_words(int(md['session']))} session")
    if md.get("agenda_item"):
        extra.append(f"under agenda item {md['agenda_item']}")
    drafts = md.get("drafts") or []
    if drafts:
        extra.append("on the basis of draft resolution " + " and ".join(drafts))
    if md.get("committee"):
        committee = str(md["committee"])
        extra.append(committee if committee.startswith("without") else f"on the report of the {committee}")
    if md.get("report"):
        extra.append(f"report {md['report']}")
    number = _resolution_number(resolution.symbol)
    tail = f" It is resolution {number}." if number else ""
    title = f" Title: {resolution.title}." if resolution.title else ""
    return (sentence + (", " + ", ".join(extra) if extra else "") + "." + tail + title).strip()


# -- footnote contexts -----------------------------------------------------------------------------
def _read_source(resolution: Resolution) -> str | None:
    try:
        path = Path(resolution.source_path)
        if not resolution.source_path or not path.is_file():
            return None
        return path.read_bytes().decode("utf-8-sig").lstrip("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None


def _marker_regex(n: int) -> re.Pattern[str]:
    # glued to a word or its punctuation ("Geneva8", "1988,3"), glued to a year ("20037"), or spaced
    # after punctuation in PDF text ("Commitment, 12 which"); see qa.parsing.markers.
    return re.compile(
        rf"(?:(?<=[A-Za-z,;:.)\]”\"’])|(?<=(?<!\d)(?:19|20)\d\d)|(?<=[,;.] )){n}(?![\d/])(?=[\s,;:.)”\"’]|$)"
    )


def _anchor_end(clean: str, raw_before: str) -> int | None:
    """Where the words just before a marker in the raw text end in the clean text."""
    words = re.findall(r"[^\W\d_]+|\d+", re.sub(r"(?<=[A-Za-z,;.])\d{1,3}$", "", raw_before.rstrip(" ,;:.")))
    for n in (5, 4, 3, 2):
        if len(words) < n:
            continue
        pattern = r"\W+".join(re.escape(w) for w in words[-n:])
        found = list(re.finditer(pattern, clean))
        if len(found) == 1 or (found and n == 2):
            return found[-1].end() if len(found) == 1 else found[0].end()
    return None


def _phrase_ending(clean: str, end: int, floor: int) -> str:
    """The phrase of clean text that ends at `end`: back to the previous , ; : or sentence end,
    not before `floor` (the previous marker); one phrase more when that leaves a single word."""
    window = clean[:end].rstrip(" ,;:.")

    def cut(upto: int) -> int:
        last = max(window.rfind(ch, 0, upto) for ch in (",", ";", ":", ". "))
        return max(last + 1, floor)

    start = cut(len(window))
    if len(window[start:].split()) < 2 and start > floor:
        start = cut(start - 1)
    return window[start:].strip(" ,;:.")


def _footnote_contexts(resolution: Resolution) -> dict[str, list[str]]:
    """footnote id -> the phrases that cite it, in reading order. The marker is found in the
    source text (the clean clause text no longer has it), its phrase is then taken from the clean
    text, so page furniture in the source never leaks in."""
    raw = _read_source(resolution)
    by_id = {c.id: c for c in resolution.clauses}
    contexts: dict[str, list[str]] = {}
    for clause in resolution.clauses:
        ends: list[tuple[int, str]] = []
        missing: list[str] = []
        chunk = raw[clause.span[0]:clause.span[1]] if raw is not None and clause.span[1] > clause.span[0] else None
        for fn_id in clause.footnotes:
            fn = by_id.get(fn_id)
            digits = re.sub(r"\D", "", (fn.number or "") if fn else "")
            end = None
            if chunk is not None and digits:
                m = _marker_regex(int(digits)).search(chunk)
                if m:
                    end = _anchor_end(clause.text, chunk[: m.start()])
            if end is None:
                missing.append(fn_id)
            else:
                ends.append((end, fn_id))
        ends.sort()
        floor = 0
        for end, fn_id in ends:
            contexts.setdefault(fn_id, []).append(_phrase_ending(clause.text, end, floor))
            floor = end
        for fn_id in missing:  # no source at hand or no marker found: the clause's opening words
            contexts.setdefault(fn_id, []).append(" ".join(clause.text.split()[:40]))
    return contexts


# -- passages ----------------------------------------------------------------------------------------
def _clause_meta(resolution: Resolution, clause: Clause, by_id: dict[str, Clause]) -> dict:
    return {
        "unit": clause.id,
        "kind": clause.kind.value,
        "label": clause.label,
        "text": clause.text,
        "number": clause.number,
        "parent": clause.parent,
        "heading": clause.heading,
        "footnotes": [
            {"unit": f, "label": by_id[f].label, "text": by_id[f].text} for f in clause.footnotes if f in by_id
        ],
        "cited_by": [{"unit": c, "label": by_id[c].label} for c in clause.cited_by if c in by_id],
    }


def _context_text(resolution: Resolution, clause: Clause, by_id: dict[str, Clause],
                  fn_contexts: dict[str, list[str]]) -> str:
    if clause.kind == ClauseKind.META:
        return f"{clause.text} {adoption_in_words(resolution)}"
    if clause.kind == ClauseKind.FOOTNOTE:
        cited = "; ".join(dict.fromkeys(fn_contexts.get(clause.id, [])))
        return f"{clause.text} {cited}".strip()
    chapeaus: list[str] = []
    parent = by_id.get(clause.parent) if clause.parent else None
    while parent is not None:  # a sub-sub-paragraph carries every chapeau above it, outermost first
        chapeaus.insert(0, parent.text)
        parent = by_id.get(parent.parent) if parent.parent else None
    pieces = ([clause.heading] if clause.heading else []) + chapeaus
    pieces.append(clause.text)
    pieces.extend(by_id[f].text for f in clause.footnotes if f in by_id)
    return " ".join(pieces)


def _year_and_session(resolution: Resolution) -> tuple[int | None, int | None]:
    md = resolution.metadata or {}
    year, session = str(md.get("adopted") or "")[:4], str(md.get("session") or "")
    return (int(year) if year.isdigit() else None, int(session) if session.isdigit() else None)


def passages_for(resolution: Resolution) -> list[Passage]:
    """The passages of one resolution, in document order: each clause whole, then its parts.
    A whole passage's meta also keeps what its text holds for the rankers (`facts`:
    qa.ranking.clauses.clause_facts), read here once instead of at every load."""
    by_id = {c.id: c for c in resolution.clauses}
    fn_contexts = _footnote_contexts(resolution)
    when = _year_and_session(resolution)
    out: list[Passage] = []
    for clause in resolution.clauses:
        key = f"{resolution.symbol}#{clause.id}"
        text = _context_text(resolution, clause, by_id, fn_contexts)
        meta = _clause_meta(resolution, clause, by_id)
        own = text if clause.kind == ClauseKind.META else clause.text
        meta["facts"] = clause_facts(clause.kind.value, own, *when)
        out.append(Passage(id=key, doc=resolution.symbol, text=text, meta=meta))
        if clause.kind in (ClauseKind.META, ClauseKind.FOOTNOTE):
            continue
        parts = segments(clause.text)
        if len(parts) < 2:
            continue
        for i, (start, end) in enumerate(parts, 1):
            out.append(Passage(
                id=f"{key}{PART_SEPARATOR}{i}",
                doc=resolution.symbol,
                text=clause.text[start:end],
                meta={"unit": clause.id, "part": i, "span": [start, end]},
            ))
    return out


def document_info(resolution: Resolution) -> DocumentInfo:
    """The document as the manifest records it: title, body, session, adoption date, the
    resolutions it cites (qa.references keys), from which the engine builds the citation graph,
    and what the engine reads once per document (`derived`): the scope checks' facts
    (qa.abstention.scope.document_facts), the acronyms it defines and what it says other
    resolutions established (qa.ranking.documents.document_links)."""
    md = resolution.metadata or {}
    references = reference_keys((c.text for c in resolution.clauses if c.kind != ClauseKind.META),
                                md.get("body"), resolution.symbol)
    record = adoption_in_words(resolution)
    own = [f"{c.text} {record}" if c.kind == ClauseKind.META else c.text for c in resolution.clauses]
    derived = {"scope": document_facts(own), **document_links(own, md.get("body"))}
    return DocumentInfo(
        key=resolution.symbol,
        source=resolution.source_path,
        sha256=resolution.sha256,
        meta={"title": resolution.title, "clauses": len(resolution.clauses),
              **{k: v for k, v in md.items() if k in ("body", "session", "adopted")},
              "references": references, "derived": derived},
    )
