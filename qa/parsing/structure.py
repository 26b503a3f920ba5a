"""The structure of a resolution's body: preambular and operative paragraphs, sub-paragraphs, parts,
annexes with their headings, footnote texts and the adoption footer.

Works on tagged lines (qa.parsing.lines) and returns blocks of source segments; it neither cleans
text nor resolves footnote markers (qa.parsing.markers does). Rules follow how resolutions are
written, not any one file:
- the body is one sentence under its opener ("The Security Council," with or without its comma, or
  absent); the opener line is no paragraph, and a preamble may even stand before it ("Whereas ...");
- a paragraph is preambular or operative by its opening words (qa.parsing.openings), numbered or
  not: "Recalling ..." is preambular, "Decides ..." operative; "N." starts operative paragraph N
  (numbering runs on; a part "B" may restart it at 1, an annex restarts it); an unnumbered
  operative paragraph is kept as unnumbered, never given a number the text does not print;
- text that does not open a paragraph (quoted text, "Japan will become ...", numbered items under
  an unnumbered "Adopts the following rules:") stays inside the paragraph it follows; under a bare
  verb ("The Security Council / Resolves:" then "1. That ..."), the verb is the opener's and the
  numbered "That ..." paragraphs are the operative paragraphs, numbered as printed;
- "(a)" starts a lettered sub-paragraph of the paragraph before it, numbered or not, "(i)" a
  sub-sub-paragraph, "(1)" a numbered item of a list; OCR-damaged labels are read by the sequence
  (qa.parsing.numbering); "(a) Resolves ..." with no number or chapeau above it is an operative
  paragraph lettered at the top level; paragraphs after a numbered chapeau ending with a colon, up
  to the next number, are its sub-paragraphs even where the text lost their letters;
- a dash item ("- by sharing ...") is folded into the text of the paragraph it continues;
- a lone capital ("A", "B") marks a part; a short line standing alone is a section heading;
- "Annex" after the operative part starts an annex; its Roman-numbered and unnumbered short lines
  are section headings;
- the adoption footer closes the body (qa.parsing.footer); footnote texts stand after a rule, after
  the footer, or between paragraphs at a page foot (qa.parsing.footnotes);
- where a paragraph goes on, and headings, parts and running titles: qa.parsing.breaks; numbered
  paragraphs, labelled sub-paragraphs and lists that lost or never printed their letters:
  qa.parsing.labelled; what can be decided only once the whole body is read (a preamble's extent,
  a lost number): qa.parsing.settle.
In a hard-wrapped layout, lines join into a paragraph until a blank line, a new number, or a line
that opens a paragraph after one that ended a clause; across a page break (or a blank left by
one) a paragraph continues while its sentence is unfinished and the next line does not start a new
one.
"""

from __future__ import annotations

import re

from qa.parsing.blocks import Annex, Block, Body
from qa.parsing.breaks import BreakRules
from qa.parsing.footer import FooterReading
from qa.parsing.footnotes import FootnoteReading
from qa.parsing.labelled import QUOTES, LabelRules
from qa.parsing.lines import Line, LineType
from qa.parsing.metadata import BODY_OPENER
from qa.parsing.numbering import NUMBERED
from qa.parsing.openings import Opening, opening_of
from qa.parsing.settle import number_lost_paragraphs, settle_preamble

DASH_ITEM = re.compile(r"^[-–—•]\s+")
ANNEX = re.compile(r"^(?:ANNEX|Annex)(?:ES|es)?(?:\s+([IVXLC]+|\d+))?\.?$")
_TOP_LETTER = re.compile(r"^\([a-z]\)\s+")
_CLAUSE_END = tuple(",;:.")


class _Walker(LabelRules, BreakRules, FooterReading, FootnoteReading):
    def __init__(self, text: str, lines: list[Line], start: int, wrapped: bool,
                 running_titles: tuple[str, ...] = ()) -> None:
        self.text = text
        self.lines = lines
        self.start = start
        self.wrapped = wrapped
        self.running_titles = tuple(t for t in running_titles if len(t) >= 12)
        self.body = Body()
        self.current: Block | None = None  # the block that contiguous lines continue
        self.last_paragraph: Block | None = None  # the latest top-level paragraph
        self.last_sub: Block | None = None
        self.last_subsub: Block | None = None
        self.list_host: Block | None = None  # a chapeau whose list lost its letters ("contribution to:")
        self.items_last = 0  # numbered items inside an unnumbered paragraph ("Adopts the following: 1. ...")
        self.wrap_width: int | None = None  # a hard-wrapped text's line width, measured when needed
        self.items_as_paragraphs = False  # "Resolves:" then "1, That ...": numbered as printed, OCR's commas too
        self.top_letter: str | None = None  # the last top-level lettered operative paragraph ("(a) Resolves")
        self.sub_style = "letter"  # how the current list labels its items: letter | numeral | roman
        self.heading_text: str | None = None
        self.op_last = 0
        self.operative = False  # the operative part has begun
        self.part: str | None = None
        self.part_fresh = False  # a part marker was just read: its numbering may restart at 1
        self.annex_last = 0
        self.mode = "body"  # body | tail | annex
        self.gap = "none"  # none | blank | page
        self.annex_title_open = False
        self.i = start
        indented = [ln for ln in lines[start:] if ln.type == LineType.CONTENT]
        # a PDF extraction indents each paragraph's first line; the continuation lines are not
        self.indented_layout = wrapped and 3 <= sum(1 for ln in indented if ln.indent) <= 0.6 * len(indented)
        # blank lines part the paragraphs (markdown, semi-cleaned text) rather than one per line
        self.blank_parted = sum(1 for a, b in zip(lines[start:], lines[start + 1:], strict=False)
                                if a.type == LineType.CONTENT and b.type == LineType.BLANK) >= 0.5 * len(indented)
        FootnoteReading.__init__(self)

    # -- helpers -----------------------------------------------------------------------------
    def seg(self, ln: Line, offset: int = 0, end: int | None = None) -> tuple[int, int]:
        return (ln.start + offset, ln.end if end is None else end)

    def text_of(self, block: Block) -> str:
        return " ".join(self.text[s:e] for s, e in block.segments).strip()

    def end_of(self, block: Block) -> str:
        """The block's last line: enough to tell whether its sentence has ended."""
        if not block.segments:
            return ""
        s, e = block.segments[-1]
        return self.text[s:e].strip()

    def warn(self, message: str) -> None:
        self.body.warnings.append(message)

    def new_block(self, block: Block) -> Block:
        if block.kind == "footnote":
            self.body.footnotes.append(block)
        elif block.kind != "heading":
            self.body.blocks.append(block)
        self.current = block
        return block

    def paragraph(self, kind: str, ln: Line, offset: int = 0, number: int | None = None) -> Block:
        b = Block(kind=kind, number=number, line=ln.no, heading=self.heading_text, part=self.part,
                  annex=len(self.body.annexes) - 1 if self.mode == "annex" else None,
                  segments=[self.seg(ln, offset)] if ln.text[offset:].strip() else [])
        self.new_block(b)
        self.last_paragraph = b
        self.last_sub = self.last_subsub = None
        self.items_last = 0
        return b

    def next_content(self) -> Line | None:
        for ln in self.lines[self.i + 1:]:
            if ln.type == LineType.CONTENT:
                return ln
            if ln.type not in (LineType.BOILERPLATE,):
                return None
        return None

    # -- the walk ----------------------------------------------------------------------------
    def run(self) -> Body:
        n = len(self.lines)
        self.i = self.start
        while self.i < n:
            ln = self.lines[self.i]
            t = ln.type
            if t == LineType.BLANK:
                if self.gap == "none":
                    self.gap = "blank"
                self.annex_title_open = False
                self.fn_current = None
            elif t == LineType.PAGE_HEADER:
                self.gap = "page"
                self.fn_current = None
            elif t in (LineType.BOILERPLATE, LineType.FRONT_MATTER):
                if self.mode == "tail":
                    self.current = None
                elif self.gap == "none":
                    self.gap = "blank"
            elif t == LineType.RULE:
                self.i = self.read_footnote_block(self.i + 1)
                self.gap = "page"
                continue
            else:
                self.content(ln)
                self.gap = "none"
            self.i += 1
        settle_preamble(self.body)
        number_lost_paragraphs(self.body, self.text)
        return self.body

    def content(self, ln: Line) -> None:
        text = ln.text
        if self.footer_line(ln) or self.footnote_line(ln):
            return
        if self.mode == "body" and BODY_OPENER.match(text) and not self.continues_sentence():
            self.current = None  # "The Security Council," opens the sentence: no paragraph of its own
            return
        m = ANNEX.match(text)
        if m and (self.mode in ("tail", "annex") or self.operative):
            self.body.annexes.append(Annex(designator=m.group(1), line=ln.no))
            self.mode = "annex"
            self.annex_last = 0
            self.current = self.last_paragraph = self.last_sub = self.last_subsub = None
            self.heading_text = None
            self.annex_title_open = True
            return
        if self.mode == "tail":
            self.tail_line(ln)
            return
        if self.annex_title_open and not NUMBERED.match(text):
            self.body.annexes[-1].title_segments.append(self.seg(ln))
            return
        self.annex_title_open = False
        self.paragraph_line(ln)

    def paragraph_line(self, ln: Line) -> None:
        text = ln.text
        annex = self.mode == "annex"
        cur = self.current
        # an empty numbered/lettered block takes the next line whatever the gap ("1." alone on a line)
        if cur is not None and cur.kind != "heading" and not cur.segments:
            cur.segments.append(self.seg(ln))
            return
        if self.numbered_line(ln, annex) or self.sub_line(ln) or self.list_item_line(ln):
            return
        if DASH_ITEM.match(text) and cur is not None and cur.kind != "heading":
            cur.segments.append(self.seg(ln))
            return
        if annex and self.annex_heading_line(ln):
            return
        if self.is_running_title(ln):
            return
        if self.continues(cur, ln):
            cur.segments.append(self.seg(ln))  # type: ignore[union-attr]
            return
        if annex:
            self.annex_line(ln)
            return
        if self.body_heading_line(ln):
            return
        self.unnumbered_line(ln)

    # -- unnumbered paragraphs ---------------------------------------------------------------
    def unnumbered_line(self, ln: Line) -> None:
        """A line that starts a paragraph with no number: its opening words say which part it is in."""
        # "(a) Resolves that ...": paragraphs lettered at the top level open with their verb after the letter
        opening = opening_of(_TOP_LETTER.sub("", ln.text))
        target = self.last_paragraph
        if opening is None and self.stray_quote(target, ln.text):
            opening = opening_of(ln.text[1:], guess=False)
        if not self.operative:
            chapeau = self.last_sub if self.last_sub is not None else target
            listed = chapeau is not None and (self.end_of(chapeau).endswith(":") or self.list_host is chapeau) \
                and opening is not Opening.OPERATIVE and opening_of(ln.text, guess=False) is None
            if listed:
                self.list_host = chapeau
            if opening is Opening.OPERATIVE:
                self.paragraph("operative", ln)
                self.operative = True
            elif target is not None and (listed or (opening is None and (ln.text[:1].islower()
                                                                         or ln.text[:1] in QUOTES))):
                # "... a major contribution to:" then "International peace and security," (letters lost)
                self.extend(target, ln)
            else:
                self.paragraph("preambular", ln)
            return
        if self.unlettered_item(target, ln):
            return
        chapeau = self.last_sub if self.last_sub is not None else target
        if opening is Opening.OPERATIVE and not (chapeau is not None and self.op_last
                                                 and self.end_of(chapeau).rstrip().endswith(":")):
            self.paragraph("operative", ln)
            return
        if opening is Opening.PREAMBULAR and self.op_last == 0 and target is not None:
            # "Recalls ..." then "Recalling ...": the first may yet prove to stand in the preamble
            self.paragraph("preambular", ln).tentative = True
            return
        if target is not None:  # text inside the paragraph it follows (quoted text, a closing phrase)
            self.extend(target, ln)

    def stray_quote(self, target: Block | None, text: str) -> bool:
        """"‘Recalling the provisions of Chapter VIII ...," after a finished paragraph: a quote mark OCR
        put before a paragraph's opening word. A quotation is introduced by a colon ("provides:")
        and closes on its line or after; this one follows a comma or semicolon and does not close."""
        if text[:1] not in QUOTES or target is None or any(q in text[1:] for q in "”’\""):
            return False
        before = self.end_of(target).rstrip()
        return before.endswith((",", ";")) and opening_of(text[1:], guess=False) is not None

    def extend(self, target: Block, ln: Line) -> None:
        target.segments.append(self.seg(ln))
        self.current = target

    def annex_line(self, ln: Line) -> None:
        text = ln.text
        if len(text) < 150 and not text.endswith(_CLAUSE_END) and text[:1].isupper():
            self.start_heading(ln)
            return
        annex_idx = len(self.body.annexes) - 1
        if self.annex_last == 0:
            count = sum(1 for b in self.body.blocks if b.kind == "annex_unnumbered" and b.annex == annex_idx)
            self.paragraph("annex_unnumbered", ln, number=count + 1)
            return
        target = self.current if self.current is not None and self.current.kind != "heading" \
            else self.last_paragraph
        if target is not None:
            self.extend(target, ln)

def walk_body(text: str, lines: list[Line], start: int, wrapped: bool,
              running_titles: tuple[str, ...] = ()) -> Body:
    return _Walker(text, lines, start, wrapped, running_titles).run()
