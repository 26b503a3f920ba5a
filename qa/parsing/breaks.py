"""Where a paragraph goes on and where something new begins: continuation lines (hard wraps, page
breaks, blanks an extraction left inside a sentence), section headings, parts "A", "B", running
titles. A mixin of qa.parsing.structure's walker, which has the state."""

from __future__ import annotations

import re

from qa.parsing.blocks import Block
from qa.parsing.footer import ends_clause
from qa.parsing.footnotes import FOOTNOTE_START
from qa.parsing.lines import Line, LineType
from qa.parsing.numbering import NUMBERED
from qa.parsing.openings import Opening, opening_of

ROMAN_HEADING = re.compile(r"^([IVXLC]{1,6})\.(?:\s+|$)")
LETTER_HEADING = re.compile(r"^([A-Z])\.\s+")
PART = re.compile(r"^([A-H])\.?$")
_LETTER_ITEM = re.compile(r"^\([a-z]{1,2}\)\s")
_OPENS_ITEM = re.compile(r"^(?:\([a-z0-9]{1,4}\)|[-–—•])\s")
_CLAUSE_END = tuple(",;:.")


class BreakRules:
    def stands_alone(self, ln: Line) -> bool:
        nxt = self.next_content()
        following = self.lines[self.i + 1] if self.i + 1 < len(self.lines) else None
        if nxt is None or following is None or following.type != LineType.CONTENT:
            return True
        if not self.wrapped:  # a heading has a line of its own; where blanks part paragraphs, blanks around it
            return not self.blank_parted or self.starts_new(nxt.text)
        return opening_of(nxt.text) is not None or bool(NUMBERED.match(nxt.text))

    def body_heading_line(self, ln: Line) -> bool:
        text = ln.text
        m = PART.match(text)
        if not m and self.body.parts and len(text) == 1 and text == chr(ord(self.body.parts[-1]) + 1).lower():
            m = PART.match(text.upper())  # "A", "B", then OCR's "c": the part the sequence expects
        if m and self.last_paragraph is not None:
            self.part = m.group(1)
            self.body.parts.append(self.part)
            self.part_fresh = True
            self.operative = False  # a part may have a preamble of its own
            self.current = None
            self.heading_text = None
            return True
        if not self.heading_like(ln):
            return False
        cur = self.current
        if cur is not None and cur.kind != "heading" and not ends_clause(self.end_of(cur)):
            return False
        self.start_heading(ln)
        return True

    def heading_like(self, ln: Line) -> bool:
        """A section heading between paragraphs ("Arms Embargo"): short, capitalised, no clause
        punctuation, opening no paragraph, on a line of its own before the next paragraph."""
        text = ln.text
        nxt = next((n for n in self.lines[self.i + 1:] if n.type == LineType.CONTENT), None)
        # a long heading ("Prevention of Illicit Exports of Petroleum, including Crude Oil and Refined
        # Petroleum Products") is one still when a numbered paragraph follows it
        limit = 150 if nxt is not None and NUMBERED.match(nxt.text) else 90
        return not (len(text) > limit or not text[:1].isupper() or text.endswith(_CLAUSE_END)
                    or text.endswith(("”", '"')) or opening_of(text) is not None or self.last_paragraph is None
                    or self.mode != "body" or not self.stands_alone(ln))

    def is_running_title(self, ln: Line) -> bool:
        """A page's running title left in the text (a prefix of the resolution's title, no full stop)."""
        text = ln.text
        return len(text) >= 12 and not text.endswith(".") and any(
            t.startswith(text) or text.startswith(t) for t in self.running_titles)

    def start_heading(self, ln: Line) -> None:
        b = Block(kind="heading", line=ln.no, segments=[self.seg(ln)])
        self.new_block(b)
        self.heading_text = self.text_of(b)

    def annex_heading_line(self, ln: Line) -> bool:
        text = ln.text
        cur = self.current
        if ROMAN_HEADING.match(text) or (LETTER_HEADING.match(text) and len(text) < 150
                                         and not text.endswith(_CLAUSE_END)):
            self.start_heading(ln)
            return True
        bare_number = cur is not None and bool(re.fullmatch(r"[IVXLC]{1,6}\.|[A-Z]\.", self.text_of(cur)))
        if cur is not None and cur.kind == "heading" and ((self.wrapped and self.gap == "none") or bare_number):
            cur.segments.append(self.seg(ln))
            self.heading_text = self.text_of(cur)
            return True
        return False

    def continues(self, cur: Block | None, ln: Line) -> bool:
        """Does this line continue the current block?"""
        if cur is None or cur.kind == "heading":
            return False
        text = ln.text
        before = self.end_of(cur)
        finished = ends_clause(before)
        if self.gap == "none":
            if not self.wrapped:  # one paragraph per line, but a line cut mid-sentence goes on
                if self.starts_new(text) or _OPENS_ITEM.match(text):
                    return False
                # where blank lines part the paragraphs, a line that opens nothing goes on with the one above
                return self.blank_parted or not finished or not text[:1].isupper()
            if finished and self.mode == "body" and text[:1].isupper() and (self.opens_here(before, ln)
                                                                            or self.heading_like(ln)):
                return False  # "..., 17" then "Recommends to ...": a new paragraph with no blank line
            return True
        # after a blank or a page break: the sentence goes on if it was cut and this line does not
        # start a new one
        if finished:
            return self.gap == "page" and self.wrapped and not text[:1].isupper() and not text[:1].isdigit()
        if text[:1].islower():
            return True
        return not (self.starts_new(text) or PART.match(text) or self.is_running_title(ln))

    def starts_new(self, text: str) -> bool:
        """Does the line open something: a paragraph, a number, a footnote text ("20 (1982) of" does not)?"""
        if opening_of(text) is not None or NUMBERED.match(text) or _LETTER_ITEM.match(text):
            return True
        m = FOOTNOTE_START.match(text)
        return bool(m) and self.fn_expected in (None, int(m.group(1))) and m.group(2)[:1] not in "(,;"

    def opens_here(self, before: str, ln: Line) -> bool:
        """After a line that ended a clause, does this one open a paragraph (no blank line between)?"""
        opening = opening_of(ln.text)
        if before.rstrip().endswith(":"):  # a list or a quoted title may follow a colon
            return opening is Opening.OPERATIVE
        return opening is not None or (self.indented_layout and ln.indent > 0)

    def continues_sentence(self) -> bool:
        """In a hard-wrapped text, does the current line go on with an unfinished sentence?"""
        cur = self.current
        return (self.wrapped and self.gap == "none" and cur is not None and cur.kind != "heading"
                and bool(cur.segments) and not ends_clause(self.end_of(cur)))


