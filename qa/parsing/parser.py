"""Parse a UN resolution from plain text into citable clauses.

Public API: `parse_text` (qa.parsing.files reads files and calls it).

The work is split by job: qa.parsing.lines tags page furniture, qa.parsing.header finds where the
resolution starts and reads its heading, qa.parsing.structure finds the paragraphs (by the rules in
qa.parsing.openings, qa.parsing.numbering, qa.parsing.breaks, qa.parsing.footer, qa.parsing.footnotes,
qa.parsing.settle), qa.parsing.citations gives ids and labels, qa.parsing.markers
tells footnote markers from numbers in the text, qa.parsing.hyphenation joins words split at line
ends, qa.parsing.metadata and qa.parsing.adoption read the facts. This module assembles the clauses.

Citations never invent a number. A clause's label is the citation a user pastes; its id is stable
within the resolution and never collides with another clause's:
- `meta`              title and adoption record ("S/RES/112 (1956), title and adoption record")
- `pp1` .. `ppN`      preambular paragraphs, in order ("preambular paragraph 3"). Preambles are never
                      numbered in print; citing them by position is the UN's own usage.
- `op7`               operative paragraph 7, by its printed number ("operative paragraph 7")
- `opu1` .. `opuN`    operative paragraphs printed without a number, in order:
                      "S/RES/112 (1956), operative paragraph (unnumbered, 1st of 1)". The position
                      is written out with the count, so the label can not be read as a printed
                      number ("operative paragraph 1" would cite a paragraph that does not exist), and
                      the id's "u" keeps it apart from `op1` when a text mixes both. Their `number`
                      is None: there is no printed number to match.
- `op(a)`, `op(b)`     operative paragraphs lettered at the top level, with no number above them
                      (old texts: "(a) Resolves that ..."): the printed letter is their number
                      ("operative paragraph (a)"); the letter is not kept in their text.
- `op7(a)`, `opu1(b)` sub-paragraph (a) of op7, (b) of opu1; `op7(a)(i)` a sub-sub-paragraph; a
                      numbered item "(1)" of a list is `opu2(1)`. Labels: "operative paragraph 7 (a)",
                      "operative paragraph (unnumbered, 1st of 1), sub-paragraph (b)".
- `op2(u3)`           a sub-paragraph whose letter the text lost (an extraction dropped "(c)"): the
                      paragraphs after a numbered chapeau ending with a colon, up to the next number,
                      are its sub-paragraphs, cited by place with the count, like unnumbered paragraphs:
                      "operative paragraph 2, sub-paragraph (unlettered, 3rd of 4)". A delegate cites
                      the sub-paragraph, not paragraph 2 as a whole, and the count tells the letter it
                      had without printing one the text does not show. Where the list kept some letters
                      ("(e) Requesting"), those items are cited by them (`op1(e)`) and the place counts
                      every item of the list, lettered or not ("4th of 9" stands where "(d)" was); an
                      item ending with a colon holds a list of its own (`op1(u2)(u1)`, `op1(u2)(ii)`),
                      which ends where the outer list's next printed letter says (before "(e)" stand
                      four outer items). Items of a list printed without letters at all (names
                      under "Establishes the following list of candidates:") are cited by place too.
- `opu1(A)`           clause "A." of a list lettered in capitals under a chapeau ("Adopts the
                      following resolution :"), cited by its capital
- `pp3(a)`            a lettered list under a preambular paragraph
- `B.pp1`             a part's own preamble, after the first operative paragraph ("part B,
                      preambular paragraph 1"): not the resolution's preamble, so not counted in it
- `A.op1`, `B.op1`    in a resolution in parts whose numbering restarts ("part B, operative
                      paragraph 1"); when the numbering runs on through the parts the ids stay `op12`.
- `fn14`              footnotes, by their printed number (a yearbook's run on: fn14, fn27)
- annex units: with a single annex, `annex.13` (paragraph 13 of the annex), `annex.13(a)`;
  with several annexes, the annex designator joins the prefix: `annexI.1`, `annexII.4(b)`.
  Unnumbered annex paragraphs before the first numbered one are `annex.p1`, `annex.p2`, ...
  Annex clauses carry `heading`: the Roman-numbered or unnumbered section heading they stand under.
An operative paragraph whose number OCR lost is given the number only where the sequence makes it
sure (between 4 and 6 it is 5), with a warning; elsewhere it stays unnumbered.
Dash-list items ("- by sharing ...") are folded into the paragraph they continue: they are not
separately numbered in the resolution, so not citable alone. A parent paragraph keeps its own
chapeau text; each sub-paragraph is its own clause with `parent`.
The `meta` span covers the header (title and adoption record); its text also quotes the adoption
footer after the last paragraph (meeting, date, "[Adopted without a vote.]", "Adopted unanimously
at the 716th meeting."), which is never part of a paragraph, and it cites the footnotes the footer
cites. A text with no header quotes and spans the footer alone.

Metadata holds only what the text states: symbol, title, body, session, agenda_item, adopted (ISO
date), plenary_meeting / meeting, vote ("without a vote", "unanimously", "vote", "recorded vote"
...), votes_in_favour, votes_against, abstentions, voted_against, abstaining, not_participating,
vote_text, drafts, committee, report, distributed, ods_job. Facts may be derived, each said:
the symbol from the file name (a warning), the title from the agenda item a closing paragraph keeps
(`title_source`), and a YAML front matter's symbol, title and date, used only where the text
does not state them (its title is sometimes another resolution's), or to complete a title line the
extraction cut short.
"""

from __future__ import annotations

import re

from qa.errors import ParseError
from qa.model import Clause, ClauseKind, Resolution
from qa.parsing.adoption import check_council_vote, council_members, footnote_facts, vote_facts
from qa.parsing.blocks import Block, Body
from qa.parsing.citations import Citations
from qa.parsing.footnotes import drop_notes_of_matter_before
from qa.parsing.header import Header, read_header
from qa.parsing.hyphenation import Joiner
from qa.parsing.lines import MASTHEAD, LineType, is_wrapped, read_front_matter, split_lines, tag_lines
from qa.parsing.markers import MarkerState, find_markers
from qa.parsing.metadata import (
    BODY_OPENER,
    iso_date,
    meeting_facts,
    ods_symbol,
    page_furniture_facts,
    session_from_symbol,
    symbol_from_filename,
    title_from_agenda_item,
)
from qa.parsing.openings import opening_of
from qa.parsing.structure import walk_body

__all__ = ["parse_text"]

_SYMBOL_IN = re.compile(r"\b([A-Z]{1,4}(?:/[A-Z0-9][A-Za-z0-9.\-]*)*/RES/[A-Za-z0-9.\-/]+(?:\s*\(\d{4}\))?)")
_FOOTER_MARKER = re.compile(r"(?<=[.),a-z])\s*(\d{1,3})$")
_ORDER = ["symbol", "title", "title_source", "body", "session", "agenda_item", "adopted", "plenary_meeting",
          "meeting", "vote", "votes_in_favour", "votes_against", "abstentions", "voted_against", "abstaining",
          "not_participating", "vote_text", "status", "drafts", "committee", "report", "distributed", "ods_job"]


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
        self.joiner = Joiner(text)
        self._joined: dict[tuple, str] = {}

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.source}: {message}")

    def parse(self) -> Resolution:
        header = read_header(self.lines)
        self.metadata.update(header.facts)
        if header.left_out is not None:
            self.warn(f"the text before the resolution's heading (from line {header.left_out}) is not part "
                      "of the resolution and was left out")
        opener = next((ln for ln in self.lines[header.end:header.end + 400]
                       if ln.type == LineType.CONTENT and BODY_OPENER.match(ln.text)), None)
        if opener is not None:
            self.metadata.setdefault("body", BODY_OPENER.match(opener.text).group(1))
        self._read_title(header)
        running = tuple(t for t in (self.title, header.agenda_title, self.front.get("title", "").rstrip(" :"))
                        if t)
        start = header.end
        body = walk_body(self.text, self.lines, start, is_wrapped(self.lines[start:]), running)
        for w in body.warnings:
            self.warn(w)
        if header.left_out is not None:
            for n in drop_notes_of_matter_before(self.text, body, self.lines[header.start].start):
                self.warn(f"footnote {n} is cited only by the text before the resolution's heading; "
                          "it was left out with that text")
        self._check_structure(body, opener is not None or header.parts != [])
        self._read_symbol(header)
        if not self.title:
            self._title_from_agenda_item(body)
        clauses = self._clauses(body, header)
        self._read_facts(body)
        meta = {k: v for k, v in self.metadata.items() if v not in (None, "", [])}
        return Resolution(symbol=self.symbol, title=self.title, metadata=meta, clauses=clauses,
                          warnings=self.warnings)

    def _check_structure(self, body: Body, anchored: bool) -> None:
        paragraphs = [b for b in body.blocks if b.kind in ("preambular", "operative") and b.segments]
        recognised = [b for b in paragraphs if opening_of(self._first_text(b)) is not None or b.number]
        if anchored and paragraphs:
            if not any(b.kind == "operative" for b in paragraphs):
                self.warn("no operative paragraph was found: the text may be cut short (it ends with "
                          "preambular paragraphs)")
            return
        if not anchored and len(recognised) >= 2:
            self.warn("no opening line such as 'The General Assembly,' was found; paragraphs were read without it")
            return
        first = next((ln for ln in self.lines if ln.type == LineType.CONTENT), None)
        raise ParseError(
            self.source,
            "this text is not a resolution: no preambular or operative paragraphs were found "
            "(expected an opening line such as 'The General Assembly,' followed by paragraphs "
            "opening 'Recalling ...', 'Decides ...'); check that the file holds a resolution's text",
            line=first.no if first else None,
        )

    def _first_text(self, b: Block) -> str:
        return self.text[b.segments[0][0]: b.segments[0][1]] if b.segments else ""

    # -- symbol and title -------------------------------------------------------------------------
    def _read_symbol(self, header: Header) -> None:
        body = self.metadata.get("body", "")
        symbol = ods_symbol(self.text)
        if not symbol:
            symbol = next((m.group(1) for s in header.symbol_lines if (m := _SYMBOL_IN.search(s))), None)
        if not symbol:  # a masthead names the document whatever it is: "United Nations  A/ES-11/L.7"
            symbol = next((m.group(1) for s in header.symbol_lines if (m := MASTHEAD.match(s))), None)
        if not symbol and header.sc:
            number, year = header.sc
            year = year or (self.metadata.get("adopted") or "")[:4] or None
            symbol = f"S/RES/{number} ({year})" if year else None
        if not symbol and header.ga_number and body == "General Assembly":
            symbol = f"A/RES/{header.ga_number.replace(' ', '')}"
        if not symbol and header.ga_number and body == "Human Rights Council":
            symbol = f"A/HRC/RES/{header.ga_number.replace(' ', '')}"
        if not symbol and self.front.get("symbol"):
            symbol = self.front["symbol"]
        if not symbol:
            symbol = symbol_from_filename(self.source)
            if symbol:
                self.warn(f"the text does not state its symbol; {symbol} was taken from the file name")
        if not symbol:
            symbol = "(unknown symbol)"
            self.warn("the text does not state its symbol and the file name does not give one; "
                      "name the file after the symbol (A_RES_64_12.txt for A/RES/64/12)")
        self.symbol = symbol
        if self.metadata.get("status") == "draft resolution" or re.search(r"/L\.\d", symbol):
            # said once, with the draft's facts, by qa.parsing.files (readers.drafts)
            self.metadata["status"] = "draft resolution"

    def _read_title(self, header: Header) -> None:
        self.title_span: tuple[int, int] | None = None
        self.title = ""
        if header.title_lines:
            first = header.title_lines[0]
            start = first.start + header.title_offset
            self.title_span = (start, header.title_lines[-1].end)
            self.title = _clean(" ".join(self.text[ln.start:ln.end] if ln is not first else self.text[start:ln.end]
                                         for ln in header.title_lines))
            # a title line the extraction cut short ("... in Latin America") is completed from the
            # agenda item (the text's own words) or the front matter, when they go on with it
            for longer in (header.agenda_title, self.front.get("title", "").rstrip(" :")):
                longer = _clean(longer or "")
                if len(longer) > len(self.title) and longer.startswith(self.title):
                    self.title = longer
                    self.metadata["title_source"] = "title line completed from the " + (
                        "agenda item" if longer == _clean(header.agenda_title or "") else "front matter")
                    break
        elif self.front.get("title"):
            self.title = re.sub(r"\s*:\s*$", "", self.front["title"]).strip()
            self.metadata["title_source"] = "front matter"
            self.title_inferred = True

    def _title_from_agenda_item(self, body: Body) -> None:
        """No title line: a GA resolution that keeps its item on the agenda names it, and bears its name."""
        paragraphs = [b for b in body.blocks if b.kind == "operative" and b.segments]
        title = title_from_agenda_item([self._join(b.segments) for b in paragraphs])
        if not title:
            return
        where = next(b for b in paragraphs if title in self._join(b.segments))
        said = f"operative paragraph {where.number}" if where.number is not None else "an operative paragraph"
        self.title = title
        self.title_inferred = True
        self.metadata["title_source"] = f"agenda item named in {said}"
        self.warn(f'the text has no title line; the title "{title}" was taken from the agenda item that '
                  f"{said} names (the title a resolution under that item bears)")

    # -- facts ------------------------------------------------------------------------------------
    def _read_facts(self, body: Body) -> None:
        md = self.metadata
        md["symbol"] = self.symbol
        md["title"] = self.title
        if self.symbol.startswith("S/RES/"):
            md.setdefault("body", "Security Council")
        if (session := session_from_symbol(self.symbol)) is not None:
            md["session"] = session
        for key, value in page_furniture_facts(self.text).items():
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
            note = self._join(footer.note)
            if self.footer_footnotes:  # "Adopted at the 1552nd meeting, 49": the marker is no part of it
                note = _FOOTER_MARKER.sub("", note)
            facts = vote_facts(note)
            year = re.search(r"\((\d{4})\)$", self.symbol) if self.symbol.startswith("S/RES/") else None
            if year and (warning := check_council_vote(facts, council_members(int(year.group(1))))):
                self.warn(warning)
            for key, value in facts.items():
                md.setdefault(key, value)
        for fid in self.footer_footnotes:  # "Two members (China and Iraq) did not participate ..."
            for key, value in footnote_facts(self.footnote_text[fid]).items():
                md.setdefault(key, value)
        self.metadata = {k: md[k] for k in _ORDER if k in md} | {k: v for k, v in md.items() if k not in _ORDER}

    # -- clauses ----------------------------------------------------------------------------------
    def _clauses(self, body: Body, header: Header) -> list[Clause]:
        cite = Citations(self.symbol, body)
        clauses: list[dict] = []
        for block in body.blocks:
            if not block.segments:
                continue
            cid, kind, number, label, parent = cite.of(block)
            clauses.append({"id": cid, "kind": kind, "number": number, "label": label,
                            "text": self._join(block.segments),
                            "span": (block.segments[0][0], block.segments[-1][1]),
                            "parent": parent, "heading": block.heading, "footnotes": []})

        # footnote markers, in reading order; the adoption footer's come last
        footnote_texts = {fn.number: fn for fn in body.footnotes}
        state = MarkerState(known=set(footnote_texts), expected=min(footnote_texts, default=1),
                            yearbook=header.yearbook)
        for c in clauses:
            clean, markers = find_markers(c["text"], state, c["id"])
            c["text"] = clean
            c["footnotes"] = [f"fn{n}" for n in dict.fromkeys(markers) if n in footnote_texts]
        # the footer's marker closes it: "Adopted at the 1809th meeting by 13 votes to none. 16"
        footer_text = self._join(body.footer.note) if body.footer.note else ""
        footer_markers = [int(m.group(1)) for m in [_FOOTER_MARKER.search(footer_text)] if m]
        self.footer_footnotes = [f"fn{n}" for n in dict.fromkeys(header.markers + footer_markers)
                                 if n in footnote_texts]
        self.footnote_text = {f"fn{fn.number}": self._join(fn.segments) for fn in body.footnotes}
        meta = self._meta_clause(body, header)
        if meta:
            meta["footnotes"] = list(self.footer_footnotes)
            clauses.insert(0, meta)
        labels = {c["id"]: c["label"] for c in clauses}
        for n, cid in state.unmatched:
            self.warn(f"footnote marker {n} in {labels.get(cid, cid)} has no footnote text; "
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
                            "label": f"{self.symbol}, footnote {fn.number}", "text": self.footnote_text[fid],
                            "span": (fn.segments[0][0], fn.segments[-1][1]), "parent": None, "heading": None,
                            "footnotes": [], "cited_by": cited_by.get(fid, [])})
        return [
            Clause(id=c["id"], kind=c["kind"], number=c["number"], label=c["label"], text=c["text"],
                   footnotes=tuple(c["footnotes"]), cited_by=tuple(c.get("cited_by", ())),
                   span=c["span"], parent=c["parent"], heading=c["heading"])
            for c in clauses if c["text"]
        ]

    def _meta_clause(self, body: Body, header: Header) -> dict | None:
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        if self.title and not self.title_inferred:  # the unit quotes the text; an inferred title is not in it
            pieces.append(self.title if self.title.endswith((".", "?", "!")) else self.title + ".")
        if self.title_span:
            spans.append(self.title_span)
        for part in header.parts:
            pieces.append(self._join([(ln.start, ln.end) for ln in part]))
            spans.append((part[0].start, part[-1].end))
        footer = body.footer
        footer_spans = [s for s in (footer.meeting, footer.date) if s is not None] + footer.note
        # a note over lines is one sentence: "Adopted at the 1049th meet-" / "ing by 8 votes ..."
        footer_text = [_clean(self.text[slice(*s)]) for s in footer_spans[:len(footer_spans) - len(footer.note)]]
        if footer.note:
            footer_text.append(self._join(footer.note))
        if footer.note and self.footer_footnotes:  # the footer's own footnote marker is not its text
            footer_text[-1] = _FOOTER_MARKER.sub("", footer_text[-1])
        pieces.extend(footer_text)
        if not spans:  # no header: the footer alone is the adoption record
            spans = footer_spans
        if not spans or not pieces:
            return None
        return {"id": "meta", "kind": ClauseKind.META, "number": None,
                "label": f"{self.symbol}, title and adoption record",
                "text": " ".join(pieces), "span": (min(s for s, _ in spans), max(e for _, e in spans)),
                "parent": None, "heading": None, "footnotes": []}

    def _join(self, segments: list[tuple[int, int]]) -> str:
        key = tuple(segments)
        if key not in self._joined:
            self._joined[key] = self.joiner.join([_clean(self.text[s:e]) for s, e in segments])
        return self._joined[key]


_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\u2011", "-").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()
