"""Footnote texts: where they stand and which number each has.

A footnote text opens with its number: "14 Official Records ...", "1/ S/1994/262." (full
documents), "[^3]: A/80/342." (markdown). It stands after a rule at a page foot, after the adoption
footer, or, in text whose rules were lost, as a paragraph of its own between the body's paragraphs
at a page foot. Footnotes run 1, 2, 3 ... in a resolution, but in a yearbook their numbers run on
through the volume, so the first footnote of a text may be 14 or 27: a first number is accepted after the adoption
footer (where nothing else opens with a number), or elsewhere when the body has already shown it
as a marker. After the first, only the next number (or the one after,
one text being lost) starts a footnote; an out-of-sequence "[^7]: February 1984." is a converter's
fake footnote, a line of the footnote before it ("... as from 7 February 1984.").
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.parsing.blocks import Block, Body
from qa.parsing.footer import ends_clause
from qa.parsing.lines import Line, LineType
from qa.parsing.metadata import DATE, SC_RESOLUTION, SC_YEARBOOK_HEADING
from qa.parsing.openings import Opening, opening_of

FOOTNOTE_START = re.compile(r"^(\d{1,3})/?\s+(\S.*)$")
_GLUED_START = re.compile(r"^(\d{1,3})([A-Z“\"(].*)$")  # "9Ibid., document S/25719."
# a document body's "1/" note with a stray glyph OCR glued to it: "1/s United Nations Treaty Series"
_SLASH_STRAY = re.compile(r"^(\d{1,3})/[a-z]\s+([A-Z“\"(].*)$")
_NOTE_END = (".", ".”", '."', ".)")
_DATE_START = re.compile(r"^" + DATE)
MARKDOWN_NOTE = re.compile(r"^\[\^(\d{1,4})\]:\s*(.*)$")


@lru_cache(maxsize=256)
def _marker_pattern(n: int) -> re.Pattern:
    # "Sudan, 14", "Declaration,1", "[^3]", "1994 1/", and glued to a year: "in 20242 and"
    return re.compile(rf"(?:(?:[A-Za-z)\].,;:”\"’]\s?|\[\^){n}(?:\]|/)?|(?<!\d)(?:19|20)\d\d\)?\s?{n})"
                      rf"(?![\d/])(?=[\s,;:.)\]]|$)")


def drop_notes_of_matter_before(text: str, body: Body, start: int) -> list[int]:
    """Footnotes printed after the resolution whose markers stand only in the matter before its
    heading (a presidential statement "... on behalf of the Council: 58") are that matter's, not
    the resolution's: they are dropped. Returns their numbers."""
    dropped = [fn.number for fn in body.footnotes
               if _marker_pattern(fn.number).search(text, 0, start)  # type: ignore[arg-type]
               and not _marker_pattern(fn.number).search(text, start, fn.segments[0][0])]  # type: ignore[arg-type]
    body.footnotes[:] = [fn for fn in body.footnotes if fn.number not in dropped]
    return dropped  # type: ignore[return-value]


class FootnoteReading:
    """The walker's footnote rules (a mixin of qa.parsing.structure's walker, which has the state)."""

    def __init__(self) -> None:
        self.fn_expected: int | None = None  # None until the first footnote text is read
        self.fn_current = None  # the footnote whose lines continue it
        self.tail_prose = 0  # the line of the last sentence after the footer that is not a footnote

    def footnote_number(self, n: int, at: int) -> bool:
        if self.fn_expected is None:  # after the footer nothing else opens with a number
            return n == 1 or self.mode == "tail" or self.marker_seen(n, at) or self.runs_on(n, at)
        # after the footer a yearbook may skip notes printed elsewhere (97, then 100): a number the
        # body showed as a marker starts its note there
        return n == self.fn_expected or (n == self.fn_expected + 1 and self.fn_expected > 1) \
            or (self.mode == "tail" and self.fn_expected < n <= self.fn_expected + 20 and self.marker_seen(n, at))

    def marker_seen(self, n: int, at: int) -> bool:
        """Has the body shown n as a footnote marker before offset `at`? ("Sudan, 14", "Declaration,1")."""
        start = self.lines[self.start].start if self.start < len(self.lines) else 0
        return _marker_pattern(n).search(self.text, start, at) is not None

    def runs_on(self, n: int, at: int) -> bool:
        """A yearbook's notes run on through the volume: a note numbered just after a marker the
        body has shown ("Mauritania, 16" ... "18 Resolutions or decisions ...") may be printed at the
        page foot though its own marker stands elsewhere (a heading, another resolution)."""
        return n > 2 and (self.marker_seen(n - 1, at) or self.marker_seen(n - 2, at))

    def start_footnote(self, ln: Line, n: int, offset: int) -> None:
        fn = Block(kind="footnote", number=n, line=ln.no, segments=[self.seg(ln, offset)])
        self.body.footnotes.append(fn)
        self.fn_current = fn
        self.fn_expected = n + 1

    def match_start(self, text: str) -> tuple[int, int] | None:
        """(number, offset of its text) if the line opens like a footnote text."""
        m = FOOTNOTE_START.match(text) or _GLUED_START.match(text)
        if not m and (m := _SLASH_STRAY.match(text)) and not self.marker_seen(int(m.group(1)), len(self.text)):
            m = None  # read only where the body shows the note's "1/" marker
        if not m or _DATE_START.match(text):  # "22 December 2009": a masthead's date, not note 22
            return None
        return int(m.group(1)), m.start(2)

    def footnote_line(self, ln: Line) -> bool:
        """Read the line as (part of) a footnote text if it is one; True if it was."""
        text = ln.text
        if self.mode == "after":
            return True  # the footnotes there are the next resolution's
        md = MARKDOWN_NOTE.match(text)
        if md:
            n = int(md.group(1))
            if self.footnote_number(n, ln.start) or self.fn_current is None:
                self.start_footnote(ln, n, md.start(2))
            else:  # a number of the footnote's text turned into a footnote by the converter
                digits = ln.start + 2
                self.fn_current.segments += [(digits, digits + len(md.group(1))), self.seg(ln, md.start(2))]
            return True
        start = self.match_start(text)
        if start is not None and self.footnote_number(start[0], ln.start) and self.footnote_here(ln, *start):
            first = self.fn_expected is None
            self.start_footnote(ln, *start)
            if first and self.mode == "body" and start[0] != 1 and not self.marker_seen(start[0], ln.start):
                self.fn_expected = None  # a note of the volume's run (runs_on): this text's own notes may follow
            return True
        if self.fn_current is not None and self.gap == "none" and ln.type == LineType.CONTENT:
            # a line goes on with the note when the note's sentence is unfinished ("... Thirty-third
            # Year," / "Supplement for January ..."), even in capitals, unless it opens a paragraph
            unfinished = not self.end_of(self.fn_current).endswith(_NOTE_END) and not self.starts_new(text)
            if self.mode == "tail" or not text[:1].isupper() or not self.wrapped or ln.indent > 0 or unfinished:
                self.fn_current.segments.append(self.seg(ln))
                return True
        self.fn_current = None
        return False

    def footnote_here(self, ln: Line, n: int, offset: int) -> bool:
        """Does a footnote text stand here, rather than a paragraph ("5 Decides") or a number in a sentence?"""
        text = ln.text
        rest = text[offset:]
        if self.mode == "tail":  # a line going on with a decision's sentence ("held on" / "17 June 1980, the")
            return self.tail_prose != ln.no - 1
        slash = text[len(str(n)):len(str(n)) + 1] == "/"
        if self.mode == "annex" and not slash:
            return False
        at_start = self.gap != "none" or not self.wrapped or self.fn_current is not None
        if not at_start or self.last_paragraph is None:
            return False
        cur = self.current
        if self.gap == "page" and cur is not None and cur.kind != "heading" and not ends_clause(self.end_of(cur)):
            return False  # "... the Secretary General’s" / page break / "17 October 2023 assessment"
        if opening_of(rest) is Opening.OPERATIVE or not (rest[:1].isupper() or rest[:1].isdigit()
                                                         or rest[:1] in "“\"(["):
            return False
        if slash or self.marker_seen(n, ln.start):
            return True
        # the next number of a running sequence, at a page foot: between finished paragraphs, and
        # its text opens no paragraph ("18 Resolutions or decisions on this question were ...")
        return self.wrapped and cur is not None and ends_clause(self.end_of(cur)) and opening_of(rest) is None \
            and self.runs_on(n, ln.start)

    def tail_line(self, ln: Line) -> None:
        """After the footer: anything that is not a footnote text (a decision, a statement, the
        distribution line) is not part of the resolution; the next resolution's heading ends it."""
        self.current = None
        self.tail_prose = ln.no
        if SC_RESOLUTION.match(ln.text) or SC_YEARBOOK_HEADING.match(ln.text):
            self.mode = "after"

    def read_footnote_block(self, i: int) -> int:
        """Footnotes under a rule, up to the running header of the next page (or the end)."""
        prev_blank = False
        fn = None
        while i < len(self.lines):
            ln = self.lines[i]
            if ln.type == LineType.PAGE_HEADER:
                return i
            if ln.type in (LineType.BLANK, LineType.BOILERPLATE):
                prev_blank = True
                i += 1
                continue
            start = self.match_start(ln.text) if ln.type == LineType.CONTENT else None
            md = MARKDOWN_NOTE.match(ln.text) if ln.type == LineType.CONTENT else None
            if md:
                start = (int(md.group(1)), md.start(2))
            if start and self.footnote_number(start[0], ln.start):
                self.start_footnote(ln, *start)
                fn = self.fn_current
            elif fn is not None and not prev_blank and ln.type == LineType.CONTENT:
                fn.segments.append(self.seg(ln))
            else:
                self.fn_current = None
                return i  # text again: the footnote block had no page header after it
            prev_blank = False
            i += 1
        return i
