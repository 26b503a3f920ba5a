"""Parse a UN resolution from plain text into citable clauses.

Public API: `parse_text` (qa.parsing.files reads files and calls it).

The work is split by job: qa.parsing.lines tags page furniture, qa.parsing.structure finds the
paragraphs, annexes and footnote texts, qa.parsing.markers tells footnote markers from numbers in
the text, qa.parsing.metadata reads the header facts. This module assembles the clauses.

Clause ids (stable within a resolution):
- `meta`            title and adoption record, one citable unit
- `pp1` .. `ppN`    preambular paragraphs, in order
- `op1` .. `opN`    operative paragraphs, by their printed number
- `op7(a)`          lettered sub-paragraph of op7; `op7(a)(i)` a sub-sub-paragraph
- `fn1` .. `fnN`    footnotes, by their printed number
- annex units: with a single annex, `annex.13` (paragraph 13 of the annex), `annex.13(a)`;
  with several annexes, the annex designator joins the prefix: `annexI.1`, `annexII.4(b)`.
  Unnumbered annex paragraphs before the first numbered one are `annex.p1`, `annex.p2`, ...
  Annex clauses carry `heading`: the Roman-numbered or unnumbered section heading they stand under.
Dash-list items ("- by sharing ...", as in S/RES/1565 (2004) op10) are folded into the text of the
paragraph they continue: they are not separately numbered in the resolution, so not citable alone.
A parent paragraph keeps its own chapeau text; each sub-paragraph is its own clause with `parent`.
The `meta` span covers the header (title and adoption record); its text also quotes the adoption
footer after the last paragraph (meeting, date, adoption note such as "[Adopted without a vote.]"),
which is never part of a paragraph. A text with no header quotes and spans the footer alone.

Metadata holds only what the text states: symbol, title, body, session, agenda_item, adopted (ISO
date), plenary_meeting / meeting, vote ("without a vote", "recorded vote", ...), votes_in_favour,
votes_against, abstentions, vote_text, drafts, committee, report, distributed, ods_job. Two facts
may be derived, each with a warning: the symbol from the file name, and, for a text with no title
line, the title from the agenda item its closing paragraph keeps (`title_source` says which).
Such a title is not quoted in the `meta` unit, whose text is the document's own.
"""

from __future__ import annotations

import re

from qa.errors import ParseError
from qa.model import Clause, ClauseKind, Resolution
from qa.parsing.lines import Line, LineType, is_wrapped, read_front_matter, split_lines, tag_lines
from qa.parsing.markers import MarkerState, find_markers
from qa.parsing.metadata import (
    ADOPTED_BY,
    ADOPTED_ON,
    ADOPTION_NOTE,
    BODY_OPENER,
    GA_TITLE,
    SC_ADOPTED,
    SC_RESOLUTION,
    committee_facts,
    iso_date,
    meeting_facts,
    ods_symbol,
    page_furniture_facts,
    session_from_symbol,
    symbol_from_filename,
    title_from_agenda_item,
    vote_facts,
)
from qa.parsing.structure import Block, Body, walk_body

__all__ = ["parse_text"]

_HEADER_FURNITURE = re.compile(
    r"^(United Nations|General Assembly|Security Council|Human Rights Council|Economic and Social Council"
    r"|[A-Z][a-z]+(?:-[a-z]+)? session|Agenda items? .*)$"
)


# -- parsing --------------------------------------------------------------------------------------
def parse_text(text: str, source: str = "<text>") -> Resolution:
    """Parse a resolution's text. Raises ParseError when it is not a resolution."""
    if not isinstance(text, str):
        raise ParseError(source, "expected the resolution's text as a string")
    text = text.lstrip("\ufeff") if text.startswith("\ufeff") else text
    if not text.strip():
        raise ParseError(source, "the text is empty; a resolution's text was expected")
    if "\x00" in text:
        raise ParseError(source, "this is binary data, not text; export the resolution as plain text (UTF-8)")
    return _Parser(text, source).parse()


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.warnings: list[str] = []
        self.lines = split_lines(text)
        self.front = read_front_matter(self.lines)
        tag_lines(self.lines)
        self.metadata: dict = {}
        self.title_inferred = False

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.source}: {message}")

    def parse(self) -> Resolution:
        opener = next((i for i, ln in enumerate(self.lines)
                       if ln.type == LineType.CONTENT and BODY_OPENER.match(ln.text)), None)
        header_end = opener if opener is not None else self._header_end_without_opener()
        header = self._read_header(self.lines[:header_end])
        if opener is not None:
            self.metadata.setdefault("body", BODY_OPENER.match(self.lines[opener].text).group(1))
        start = header_end + 1 if opener is not None else header_end
        body = walk_body(self.text, self.lines, start, is_wrapped(self.lines[start:]))
        self._check_structure(body, opener)
        self._read_symbol(header)
        if not self.title:
            self._title_from_agenda_item(body)
        self._read_facts(body)
        clauses = self._clauses(body, header)
        meta = {k: v for k, v in self.metadata.items() if v not in (None, "", [])}
        return Resolution(symbol=self.symbol, title=self.title, metadata=meta, clauses=clauses,
                          warnings=self.warnings)

    def _header_end_without_opener(self) -> int:
        """No 'The General Assembly,' line: the body starts after the last header line recognised."""
        end = 0
        for i, ln in enumerate(self.lines[:40]):
            if ln.type == LineType.CONTENT and (ADOPTED_BY.match(ln.text) or SC_ADOPTED.match(ln.text)
                                                 or GA_TITLE.match(ln.text)
                                                 or (ln.text.startswith("[") and not ADOPTION_NOTE.match(ln.text))):
                end = i + 1
        return end

    def _check_structure(self, body: Body, opener: int | None) -> None:
        ops = [b for b in body.blocks if b.kind == "operative" and b.segments]
        pps = [b for b in body.blocks if b.kind == "preambular"]
        if opener is not None and (ops or pps):
            return
        if opener is None and len(ops) >= 2 and all(self._first_text(b)[:1].isupper() for b in ops[:2]):
            self.warn("no opening line such as 'The General Assembly,' was found; paragraphs were read without it")
            return
        first = next((ln for ln in self.lines if ln.type == LineType.CONTENT), None)
        raise ParseError(
            self.source,
            "this text is not a resolution: no preambular or operative paragraphs were found "
            "(expected an opening line such as 'The General Assembly,' followed by paragraphs, "
            "and numbered operative paragraphs '1. Decides ...'); check that the file holds a resolution's text",
            line=first.no if first else None,
        )

    def _first_text(self, b: Block) -> str:
        return self.text[b.segments[0][0] : b.segments[0][1]] if b.segments else ""

    # -- header -----------------------------------------------------------------------------------
    def _read_header(self, lines: list[Line]) -> dict:
        """Adoption record, committee record and title from the lines before the body."""
        h: dict = {"parts": [], "title_lines": [], "symbol_lines": [], "sc": None}
        content = [ln for ln in lines if ln.type in (LineType.CONTENT, LineType.PAGE_HEADER)]
        i = 0
        after_adoption = False
        skip_agenda_title = False
        while i < len(content):
            ln = content[i]
            t = ln.text
            if ln.type == LineType.PAGE_HEADER:
                h["symbol_lines"].append(t)
                i += 1
                continue
            prev = content[i - 1] if i else None
            contiguous = prev is not None and prev.no == ln.no - 1
            if skip_agenda_title and contiguous and not ADOPTED_BY.match(t):
                i += 1
                continue
            skip_agenda_title = False
            if m := ADOPTED_BY.match(t):
                self.metadata["body"] = m.group(1)
                part = [ln]
                date = m.group(2)
                if not date and i + 1 < len(content) and (m2 := ADOPTED_ON.match(content[i + 1].text)):
                    date = m2.group(1)
                    part.append(content[i + 1])
                    i += 1
                if date:
                    self.metadata["adopted"] = iso_date(date)
                h["parts"].append(part)
                after_adoption = True
            elif m := SC_RESOLUTION.match(t):
                h["sc"] = (m.group(1), m.group(2))
                h["parts"].append([ln])
            elif m := SC_ADOPTED.match(t):
                self.metadata["body"] = m.group(1)
                self.metadata["meeting"] = int(m.group(2))
                self.metadata["adopted"] = iso_date(m.group(3))
                h["parts"].append([ln])
                after_adoption = True
            elif t.startswith("["):
                part = [ln]
                while not part[-1].text.rstrip().endswith("]") and i + 1 < len(content):
                    i += 1
                    part.append(content[i])
                record = " ".join(p.text for p in part)
                self.metadata.update(committee_facts(record))
                h["parts"].append(part)
            elif m := GA_TITLE.match(t):
                h["ga_number"] = m.group(1)
                title = [ln]
                while i + 1 < len(content) and content[i + 1].no == title[-1].no + 1 \
                        and content[i + 1].type == LineType.CONTENT:
                    i += 1
                    title.append(content[i])
                h["title_lines"] = title
                h["title_offset"] = m.start(2)
            elif t.startswith("Agenda item"):
                skip_agenda_title = True
            elif _HEADER_FURNITURE.match(t):
                pass
            elif after_adoption and not h.get("ga_number"):
                h.setdefault("loose_title", []).append(ln)
            i += 1
        if not h["title_lines"] and h.get("loose_title"):
            h["title_lines"] = h["loose_title"]
            h["title_offset"] = 0
        return h

    def _read_symbol(self, header: dict) -> None:
        body = self.metadata.get("body", "")
        symbol = self.front.get("symbol") or ods_symbol(self.text)
        if not symbol:
            symbol = next((s for s in header["symbol_lines"] if "/RES/" in s), None)
        if not symbol and header["sc"]:
            symbol = f"S/RES/{header['sc'][0]} ({header['sc'][1]})"
        if not symbol and header.get("ga_number") and body == "General Assembly":
            symbol = f"A/RES/{header['ga_number'].replace(' ', '')}"
        if not symbol and header.get("ga_number") and body == "Human Rights Council":
            symbol = f"A/HRC/RES/{header['ga_number'].replace(' ', '')}"
        if not symbol:
            symbol = symbol_from_filename(self.source)
            if symbol:
                self.warn(f"the text does not state its symbol; {symbol} was taken from the file name")
        if not symbol:
            symbol = "(unknown symbol)"
            self.warn("the text does not state its symbol and the file name does not give one; "
                      "name the file after the symbol (A_RES_64_12.txt for A/RES/64/12)")
        self.symbol = symbol
        if header["title_lines"]:
            first = header["title_lines"][0]
            start = first.start + header.get("title_offset", 0)
            end = header["title_lines"][-1].end
            self.title_span: tuple[int, int] | None = (start, end)
            self.title = _clean(" ".join(self.text[s.start:s.end] if s is not first else self.text[start:s.end]
                                         for s in header["title_lines"]))
        else:
            self.title_span = None
            self.title = re.sub(r"\s*:\s*$", "", self.front.get("title", "")).strip()

    def _title_from_agenda_item(self, body: Body) -> None:
        """No title line: a GA resolution that keeps its item on the agenda names it, and bears its name."""
        paragraphs = [b for b in body.blocks if b.kind == "operative" and b.segments]
        title = title_from_agenda_item([self._join(b.segments) for b in paragraphs])
        if not title:
            return
        where = next(b.number for b in paragraphs if title in self._join(b.segments))
        self.title = title
        self.title_inferred = True
        self.metadata["title_source"] = f"agenda item named in operative paragraph {where}"
        self.warn(f'the text has no title line; the title "{title}" was taken from the agenda item that '
                  f"operative paragraph {where} names (the title a resolution under that item bears)")

    def _read_facts(self, body: Body) -> None:
        md = self.metadata
        md["symbol"] = self.symbol
        md["title"] = self.title
        if self.symbol.startswith("S/RES/"):
            md.setdefault("body", "Security Council")
        if (session := session_from_symbol(self.symbol)) is not None:
            md["session"] = session
        furniture = page_furniture_facts(self.text)
        for key, value in furniture.items():
            md.setdefault(key, value)
        if self.front.get("date") and "distributed" not in md:
            md["distributed"] = self.front["date"]
        footer = body.footer
        if footer.meeting is not None:
            for key, value in meeting_facts(self.text[slice(*footer.meeting)]).items():
                md.setdefault(key, value)
        if footer.date is not None:
            md.setdefault("adopted", iso_date(self.text[slice(*footer.date)]))
        if footer.note:
            for key, value in vote_facts(self._join(footer.note)).items():
                md.setdefault(key, value)
        order = ["symbol", "title", "title_source", "body", "session", "agenda_item", "adopted", "plenary_meeting",
                 "meeting", "vote", "votes_in_favour", "votes_against", "abstentions", "vote_text",
                 "drafts", "committee", "report", "distributed", "ods_job"]
        self.metadata = {k: md[k] for k in order if k in md} | {k: v for k, v in md.items() if k not in order}

    # -- clauses ----------------------------------------------------------------------------------
    def _clauses(self, body: Body, header: dict) -> list[Clause]:
        sym = self.symbol
        clauses: list[dict] = []
        meta = self._meta_clause(body, header)
        if meta:
            clauses.append(meta)
        several = len(body.annexes) > 1
        pp = 0
        ids: dict[int, str] = {}
        seen_ids: set[str] = set()
        for block in body.blocks:
            if not block.segments:
                continue
            annex_prefix = annex_label = None
            if block.annex is not None:
                designator = body.annexes[block.annex].designator or str(block.annex + 1)
                annex_prefix = f"annex{designator}" if several else "annex"
                annex_label = f"annex {designator}" if several else "annex"
            if block.kind == "preambular":
                pp += 1
                cid, number, kind = f"pp{pp}", str(pp), ClauseKind.PREAMBULAR
                label = f"{sym}, preambular paragraph {pp}"
                parent = None
            elif block.kind in ("operative", "annex_para", "annex_unnumbered"):
                number = str(block.number)
                if block.kind == "annex_unnumbered":
                    cid, kind = f"{annex_prefix}.p{block.number}", ClauseKind.ANNEX
                    label = f"{sym}, {annex_label}, unnumbered paragraph {block.number}"
                    number = f"p{block.number}"
                elif block.kind == "annex_para":
                    cid, kind = f"{annex_prefix}.{number}", ClauseKind.ANNEX
                    label = f"{sym}, {annex_label}, paragraph {number}"
                else:
                    cid, kind = f"op{number}", ClauseKind.OPERATIVE
                    label = f"{sym}, operative paragraph {number}"
                parent = None
            else:  # sub, subsub
                suffix = f"({block.letter})" + (f"({block.roman})" if block.kind == "subsub" else "")
                base = f"{block.number}"
                number = base + suffix
                parent_suffix = f"({block.letter})" if block.kind == "subsub" else ""
                shown = f"{base} " + suffix
                if block.annex is not None:
                    cid, kind = f"{annex_prefix}.{number}", ClauseKind.ANNEX
                    parent = f"{annex_prefix}.{base}{parent_suffix}"
                    label = f"{sym}, {annex_label}, paragraph {shown}"
                elif block.number is None:  # a lettered list under a preambular paragraph
                    cid, kind = f"pp{pp}{suffix}", ClauseKind.PREAMBULAR
                    parent = f"pp{pp}{parent_suffix}"
                    number = f"{pp}{suffix}"
                    label = f"{sym}, preambular paragraph {pp} {suffix}"
                else:
                    cid, kind = f"op{number}", ClauseKind.OPERATIVE
                    parent = f"op{base}{parent_suffix}"
                    label = f"{sym}, operative paragraph {shown}"
            if cid in seen_ids:  # a malformed repeat: keep it citable, never overwrite
                k = 2
                while f"{cid}~{k}" in seen_ids:
                    k += 1
                cid = f"{cid}~{k}"
            seen_ids.add(cid)
            ids[id(block)] = cid
            heading = block.heading if block.annex is not None else None
            clauses.append({"id": cid, "kind": kind, "number": number, "label": label,
                            "text": self._join(block.segments),
                            "span": (block.segments[0][0], block.segments[-1][1]),
                            "parent": parent, "heading": heading, "footnotes": []})

        # footnote markers, in reading order
        footnote_texts = {fn.number: fn for fn in body.footnotes}
        state = MarkerState(known=set(footnote_texts))
        for c in clauses:
            if c["kind"] == ClauseKind.META:
                continue
            clean, markers = find_markers(c["text"], state, c["id"])
            c["text"] = clean
            for n in markers:
                fid = f"fn{n}"
                if n in footnote_texts and fid not in c["footnotes"]:
                    c["footnotes"].append(fid)
        for n, cid in state.unmatched:
            c = next(x for x in clauses if x["id"] == cid)
            self.warn(f"footnote marker {n} in {c['label']} has no footnote text; "
                      "the marker was removed from the clause text")

        cited_by: dict[str, list[str]] = {}
        for c in clauses:
            for fid in c["footnotes"]:
                cited_by.setdefault(fid, []).append(c["id"])
        for fn in body.footnotes:
            fid = f"fn{fn.number}"
            if fid not in cited_by:
                self.warn(f"footnote {fn.number} (line {fn.line}) is not cited by any clause: no marker was found for it")
            clauses.append({"id": fid, "kind": ClauseKind.FOOTNOTE, "number": str(fn.number),
                            "label": f"{sym}, footnote {fn.number}", "text": self._join(fn.segments),
                            "span": (fn.segments[0][0], fn.segments[-1][1]), "parent": None, "heading": None,
                            "footnotes": [], "cited_by": cited_by.get(fid, [])})
        return [
            Clause(id=c["id"], kind=c["kind"], number=c["number"], label=c["label"], text=c["text"],
                   footnotes=tuple(c["footnotes"]), cited_by=tuple(c.get("cited_by", ())),
                   span=c["span"], parent=c["parent"], heading=c["heading"])
            for c in clauses if c["text"]
        ]

    def _meta_clause(self, body: Body, header: dict) -> dict | None:
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        if self.title and not self.title_inferred:  # the unit quotes the text; an inferred title is not in it
            pieces.append(self.title if self.title.endswith((".", "?", "!")) else self.title + ".")
        if self.title_span:
            spans.append(self.title_span)
        for part in header["parts"]:
            pieces.append(_clean(" ".join(ln.text for ln in part)))
            spans.append((part[0].start, part[-1].end))
        footer = body.footer
        footer_spans = [s for s in (footer.meeting, footer.date) if s is not None] + footer.note
        pieces.extend(_clean(self.text[slice(*s)]) for s in footer_spans)
        if not spans:  # no header: the footer alone is the adoption record
            spans = footer_spans
        if not spans or not pieces:
            return None
        sym = self.symbol
        return {"id": "meta", "kind": ClauseKind.META, "number": None, "label": f"{sym}, title and adoption record",
                "text": " ".join(pieces), "span": (min(s for s, _ in spans), max(e for _, e in spans)),
                "parent": None, "heading": None, "footnotes": []}

    def _join(self, segments: list[tuple[int, int]]) -> str:
        out = ""
        for s, e in segments:
            piece = _clean(self.text[s:e])
            if not piece:
                continue
            if not out:
                out = piece
            elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and piece[:1].isalpha():
                out += piece  # "action-\noriented" keeps its hyphen
            else:
                out += " " + piece
        return out


def _clean(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\u2011", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()
