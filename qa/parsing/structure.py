"""The structure of a resolution's body: preambular and operative paragraphs, lettered
sub-paragraphs, annexes with their headings, footnote texts and the plenary line.

Works on tagged lines (qa.parsing.lines) and returns blocks of source segments; it neither cleans
text nor resolves footnote markers (qa.parsing.markers does). Rules follow how resolutions are
written, not any one file:
- the body opens with "The General Assembly," (or Security Council, Human Rights Council, ...);
- unnumbered paragraphs before the first numbered one are preambular;
- "N." starts operative paragraph N (numbering runs on; an annex restarts it at 1);
- "(a)" starts a lettered sub-paragraph of the paragraph before it, "(i)" a sub-sub-paragraph;
- a dash item ("- by sharing ...") is folded into the text of the paragraph it continues;
- "Annex" (or "Annex I", ...) after the plenary line starts an annex; its Roman-numbered and
  unnumbered short lines are section headings;
- the adoption footer closes the body: "41st plenary meeting" / "54th meeting", its date, and an
  adoption note such as "[Adopted without a vote.]", on lines of their own or glued to the end of
  the last paragraph (after the punctuation that ends it);
- footnote texts stand after a rule `_____` at a page foot, or after the adoption footer.
In a hard-wrapped layout, lines join into a paragraph until a blank line or a new number; across a
page break a paragraph continues unless the text before the break ended a clause and the text after
it starts a new sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.parsing.lines import Line, LineType
from qa.parsing.metadata import (
    ADOPTION_NOTE,
    DATE,
    FOOTER_GLUED,
    MEETING,
    MEETING_LINE,
    NOTE_GLUED,
    VOTE_LIST_LABEL,
)

NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+|$)")
LETTERED = re.compile(r"^\(([a-z]{1,2})\)(?:\s+|$)")
ROMAN_SUB = re.compile(r"^\(((?:x{0,3})(?:ix|iv|v?i{0,3}))\)(?:\s+|$)")
DASH_ITEM = re.compile(r"^[-–—•]\s+")
ANNEX = re.compile(r"^(?:ANNEX|Annex)(?:ES|es)?(?:\s+([IVXLC]+|\d+))?\.?$")
ROMAN_HEADING = re.compile(r"^([IVXLC]{1,6})\.(?:\s+|$)")
LETTER_HEADING = re.compile(r"^([A-Z])\.\s+")
FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
DATE_LINE = re.compile(r"^" + DATE + r"$")
_CLAUSE_END = tuple(",;:.")


def _ends_clause(text: str) -> bool:
    """Ends with clause punctuation, looking past a trailing footnote marker ("Future. 16", "2024,1")."""
    return re.sub(r"\s?\d{1,3}$", "", text.rstrip()).endswith(_CLAUSE_END)


@dataclass
class Block:
    kind: str  # preambular | operative | sub | subsub | annex_para | annex_unnumbered | heading | footnote
    segments: list[tuple[int, int]] = field(default_factory=list)
    number: int | None = None
    letter: str | None = None
    roman: str | None = None
    annex: int | None = None  # index into Body.annexes
    heading: str | None = None
    line: int = 0


@dataclass
class Annex:
    designator: str | None  # "I", "II" or None
    title_segments: list[tuple[int, int]] = field(default_factory=list)
    line: int = 0


@dataclass
class Footer:
    """The adoption footer after the last paragraph, as source spans."""

    meeting: tuple[int, int] | None = None  # "41st plenary meeting", "54th meeting"
    meeting_line: int = 0
    date: tuple[int, int] | None = None  # "9 November 2009"
    note: list[tuple[int, int]] = field(default_factory=list)  # "[Adopted without a vote.]", over lines
    note_open: bool = False  # the note goes on over the next lines (an unclosed "[", a list of votes)


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)  # document order (no footnotes, no headings)
    footnotes: list[Block] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    footer: Footer = field(default_factory=Footer)


def _next_letter(letter: str | None) -> str:
    if letter is None:
        return "a"
    if letter == "z":
        return "aa"
    if len(letter) == 2 and letter[0] == letter[1] and letter[0] != "z":
        nxt = chr(ord(letter[0]) + 1)
        return nxt + nxt
    return chr(ord(letter[-1]) + 1) if len(letter) == 1 else letter + letter[0]


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


class _Walker:
    def __init__(self, text: str, lines: list[Line], start: int, wrapped: bool) -> None:
        self.text = text
        self.lines = lines
        self.start = start
        self.wrapped = wrapped
        self.body = Body()
        self.current: Block | None = None  # the block that contiguous lines continue
        self.last_paragraph: Block | None = None  # the latest numbered/unnumbered paragraph (not sub)
        self.last_sub: Block | None = None
        self.heading: Block | None = None
        self.heading_text: str | None = None
        self.op_last = 0
        self.annex_last = 0
        self.mode = "body"  # body | tail | annex
        self.fn_expected = 1
        self.gap = "none"  # none | blank | page
        self.annex_title_open = False
        self._last_roman: str | None = None

    # -- helpers -----------------------------------------------------------------------------
    def seg(self, ln: Line, offset: int = 0, end: int | None = None) -> tuple[int, int]:
        e = ln.end if end is None else end
        return (ln.start + offset, e)

    def text_of(self, block: Block) -> str:
        return " ".join(self.text[s:e] for s, e in block.segments).strip()

    def new_block(self, block: Block) -> Block:
        if block.kind == "footnote":
            self.body.footnotes.append(block)
        elif block.kind != "heading":
            self.body.blocks.append(block)
        self.current = block
        return block

    # -- the walk ----------------------------------------------------------------------------
    def run(self) -> Body:
        i = self.start
        n = len(self.lines)
        while i < n:
            ln = self.lines[i]
            t = ln.type
            if t in (LineType.BLANK,):
                if self.gap == "none":
                    self.gap = "blank"
                self.annex_title_open = False
            elif t == LineType.PAGE_HEADER:
                self.gap = "page"
            elif t in (LineType.BOILERPLATE, LineType.FRONT_MATTER):
                if self.mode == "tail":
                    self.current = None
                elif self.gap == "none":
                    self.gap = "blank"
            elif t == LineType.RULE:
                i = self.read_footnote_block(i + 1)
                self.gap = "page"
                continue
            else:
                self.content(ln)
                self.gap = "none"
            i += 1
        return self.body

    def read_footnote_block(self, i: int) -> int:
        """Footnotes under a rule, up to the running header of the next page (or the end)."""
        fn: Block | None = None
        prev_blank = False
        while i < len(self.lines):
            ln = self.lines[i]
            if ln.type == LineType.PAGE_HEADER:
                return i
            if ln.type in (LineType.BLANK, LineType.BOILERPLATE):
                prev_blank = True
                i += 1
                continue
            m = FOOTNOTE_START.match(ln.text) if ln.type == LineType.CONTENT else None
            if m and self.footnote_number(int(m.group(1))):
                fn = Block(kind="footnote", number=int(m.group(1)), line=ln.no,
                           segments=[self.seg(ln, m.start(2))])
                self.body.footnotes.append(fn)
                self.fn_expected = fn.number + 1
            elif fn is not None and not prev_blank and ln.type == LineType.CONTENT:
                fn.segments.append(self.seg(ln))
            else:
                return i  # text again: the footnote block had no page header after it
            prev_blank = False
            i += 1
        return i

    def footnote_number(self, n: int) -> bool:
        """Footnotes run 1, 2, 3 ...; one missing footnote text is tolerated (its marker gets a warning)."""
        return n == self.fn_expected or (n == self.fn_expected + 1 and self.fn_expected > 1)

    def content(self, ln: Line) -> None:
        text = ln.text
        if self.footer_line(ln):
            return
        m = ANNEX.match(text)
        if m and (self.mode == "tail" or self.op_last or self.mode == "annex"):
            self.body.annexes.append(Annex(designator=m.group(1), line=ln.no))
            self.mode = "annex"
            self.annex_last = 0
            self.current = None
            self.heading = None
            self.heading_text = None
            self.last_paragraph = None
            self.last_sub = None
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

    # -- the adoption footer ------------------------------------------------------------------
    def footer_line(self, ln: Line) -> bool:
        """Read the line as part of the adoption footer if it is one; True if it was.

        Not inside an annex: the footer comes before annexes, and an annex (a programme of work, a
        list of decisions) may hold lines such as "5th meeting" or "Adopted by consensus" of its own.
        """
        if self.mode == "annex":
            return False
        text = ln.text
        footer = self.body.footer
        m = MEETING_LINE.match(text)
        if m and footer.meeting is None and (self.mode == "tail" or not self.continues_sentence()):
            footer.meeting = (ln.start, ln.start + MEETING.match(text).end())
            footer.meeting_line = ln.no
            if m.group(3):
                footer.date = (ln.start + m.start(3), ln.start + m.end(3))
            if m.group(4):
                self.add_note(ln, m.start(4))
            self.close_body()
            return True
        if self.mode == "tail":
            if footer.date is None and footer.meeting is not None and DATE_LINE.match(text) \
                    and footer.meeting_line >= ln.no - 3:
                footer.date = (ln.start, ln.end)
                return True
            if footer.note_open and self.note_continues(ln):
                self.add_note(ln, 0)
                return True
            footer.note_open = False
        if ADOPTION_NOTE.match(text) and not footer.note and (self.mode == "tail" or self.op_last) \
                and not self.continues_sentence():
            self.add_note(ln, 0)
            self.close_body()
            return True
        if self.mode != "body":
            return False
        glued = FOOTER_GLUED.search(text) or NOTE_GLUED.search(text)
        if glued and _ends_clause(text[: glued.start()]) and not self.continues_sentence():
            # the footer glued to the end of the last paragraph: the paragraph keeps the head
            self.content(Line(no=ln.no, start=ln.start, end=ln.start + glued.start(),
                              text=text[: glued.start()]))
            if glued.re is FOOTER_GLUED:
                footer.meeting = (ln.start + glued.start(1), ln.start + MEETING.match(text, glued.start(1)).end())
                footer.meeting_line = ln.no
                if glued.group(3):
                    footer.date = (ln.start + glued.start(3), ln.start + glued.end(3))
                if glued.group(4):
                    self.add_note(ln, glued.start(4))
            else:
                self.add_note(ln, glued.start(1))
            self.close_body()
            return True
        return False

    def continues_sentence(self) -> bool:
        """In a hard-wrapped text, does the current line go on with an unfinished sentence?"""
        cur = self.current
        return (self.wrapped and self.gap == "none" and cur is not None and cur.kind != "heading"
                and bool(cur.segments) and not _ends_clause(self.text_of(cur)))

    def close_body(self) -> None:
        self.mode = "tail"
        self.current = None

    def add_note(self, ln: Line, offset: int) -> None:
        footer = self.body.footer
        footer.note.append(self.seg(ln, offset))
        note = " ".join(self.text[s:e] for s, e in footer.note).strip()
        if note.startswith("["):
            footer.note_open = "]" not in note
        else:  # an unbracketed note goes on while it announces or lists the voting
            footer.note_open = note.endswith((":", ",")) or "as follows" in note.lower()

    def note_continues(self, ln: Line) -> bool:
        note = " ".join(self.text[s:e] for s, e in self.body.footer.note).strip()
        if note.startswith("["):
            return not FOOTNOTE_START.match(ln.text)
        return bool(VOTE_LIST_LABEL.match(ln.text)) or (self.gap == "none" and not FOOTNOTE_START.match(ln.text))

    def tail_line(self, ln: Line) -> None:
        m = FOOTNOTE_START.match(ln.text)
        if m and self.footnote_number(int(m.group(1))):
            fn = Block(kind="footnote", number=int(m.group(1)), line=ln.no, segments=[self.seg(ln, m.start(2))])
            self.new_block(fn)
            self.fn_expected = fn.number + 1
        elif self.current is not None and self.current.kind == "footnote" and self.gap == "none":
            self.current.segments.append(self.seg(ln))
        # anything else after the footer is page furniture (distribution line, session, ...)

    def paragraph_line(self, ln: Line) -> None:
        text = ln.text
        annex = self.mode == "annex"
        annex_idx = len(self.body.annexes) - 1 if annex else None
        last_num = self.annex_last if annex else self.op_last
        cur = self.current

        # an empty numbered/lettered block takes the next line whatever the gap ("1." alone on a line)
        if cur is not None and cur.kind != "heading" and not cur.segments:
            cur.segments.append(self.seg(ln))
            return

        m = NUMBERED.match(text)
        if m:
            num = int(m.group(1))
            ok = num == last_num + 1 or (not self.wrapped and num > last_num and last_num > 0)
            if ok and self.gap == "none" and self.wrapped and cur is not None and cur.kind != "heading" \
                    and not _ends_clause(self.text_of(cur)):
                ok = False  # "... in paragraph\n15. of" is a wrapped line, not paragraph 15
            if ok:
                rest = text[m.end():]
                b = Block(kind="annex_para" if annex else "operative", number=num, annex=annex_idx,
                          heading=self.heading_text, line=ln.no,
                          segments=[self.seg(ln, m.end())] if rest else [])
                self.new_block(b)
                self.last_paragraph = b
                self.last_sub = None
                if annex:
                    self.annex_last = num
                else:
                    self.op_last = num
                return

        parent = self.last_paragraph
        if parent is not None and parent.kind in ("operative", "annex_para", "preambular", "annex_unnumbered"):
            m = LETTERED.match(text)
            expected = _next_letter(self.last_sub.letter if self.last_sub else None)
            if m and m.group(1) == expected:
                b = Block(kind="sub", number=parent.number, letter=expected, annex=parent.annex,
                          heading=parent.heading, line=ln.no, segments=[])
                b.segments = [self.seg(ln, m.end())] if text[m.end():] else []
                self.new_block(b)
                self.last_sub = b
                self._last_roman = None
                return
            m = ROMAN_SUB.match(text)
            if m and m.group(1) and self.last_sub is not None:
                last_roman = self._last_roman
                idx = _ROMANS.index(last_roman) + 1 if last_roman in _ROMANS else 0
                if idx < len(_ROMANS) and m.group(1) == _ROMANS[idx]:
                    sub = self.last_sub
                    b = Block(kind="subsub", number=sub.number, letter=sub.letter, roman=m.group(1),
                              annex=sub.annex, heading=sub.heading, line=ln.no,
                              segments=[self.seg(ln, m.end())] if text[m.end():] else [])
                    self.new_block(b)
                    self._last_roman = m.group(1)
                    return

        if DASH_ITEM.match(text) and cur is not None and cur.kind != "heading":
            cur.segments.append(self.seg(ln))
            return

        if annex:
            if ROMAN_HEADING.match(text) or (LETTER_HEADING.match(text) and len(text) < 150
                                              and not text.endswith(_CLAUSE_END)):
                self.start_heading(ln)
                return
            bare_number = cur is not None and bool(re.fullmatch(r"[IVXLC]{1,6}\.|[A-Z]\.", self.text_of(cur)))
            if cur is not None and cur.kind == "heading" and ((self.wrapped and self.gap == "none") or bare_number):
                cur.segments.append(self.seg(ln))
                self.heading_text = self.text_of(cur)
                return

        if self.continues(cur, text):
            cur.segments.append(self.seg(ln))  # type: ignore[union-attr]
            return

        # footnote texts in a one-paragraph-per-line layout with no plenary line
        fm = FOOTNOTE_START.match(text)
        if fm and int(fm.group(1)) == self.fn_expected and (self.op_last or annex) and text[fm.end(1) + 1 :][:1].isupper() \
                and (not self.wrapped or self.gap != "none"):
            self.mode = "tail"
            self.tail_line(ln)
            return

        if annex:
            if len(text) < 150 and not text.endswith(_CLAUSE_END) and text[:1].isupper():
                self.start_heading(ln)
                return
            if self.annex_last == 0:
                count = sum(1 for b in self.body.blocks if b.kind == "annex_unnumbered" and b.annex == annex_idx)
                b = Block(kind="annex_unnumbered", number=count + 1, annex=annex_idx,
                          heading=self.heading_text, line=ln.no, segments=[self.seg(ln)])
                self.new_block(b)
                self.last_paragraph = b
                self.last_sub = None
                return
            if self.current is not None or self.last_paragraph is not None:
                target = self.current if self.current is not None and self.current.kind != "heading" \
                    else self.last_paragraph
                if target is not None:
                    target.segments.append(self.seg(ln))
                    self.current = target
                    return
        if self.op_last == 0 and not annex:
            b = Block(kind="preambular", line=ln.no, segments=[self.seg(ln)])
            self.new_block(b)
            self.last_paragraph = b
            self.last_sub = None
            return
        # unnumbered text after operative paragraphs began: it closes the paragraph it follows
        target = self.last_paragraph
        if target is not None:
            target.segments.append(self.seg(ln))
            self.current = target

    def start_heading(self, ln: Line) -> None:
        b = Block(kind="heading", line=ln.no, segments=[self.seg(ln)])
        self.new_block(b)
        self.heading = b
        self.heading_text = self.text_of(b)

    def continues(self, cur: Block | None, text: str) -> bool:
        """Does this line continue the current block (hard-wrapped layout)?"""
        if cur is None or not self.wrapped or cur.kind == "heading":
            return False
        if self.gap == "none":
            return True
        if self.gap == "blank":
            return False
        # page break: a new paragraph only if the last one ended a clause and this starts a sentence
        before = self.text_of(cur)
        return not (_ends_clause(before) and text[:1].isupper())


def walk_body(text: str, lines: list[Line], start: int, wrapped: bool) -> Body:
    return _Walker(text, lines, start, wrapped).run()
