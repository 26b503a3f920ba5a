"""Paragraphs by their printed labels: numbers ("5.", OCR's "S." or "8." where the sequence is
sure), sub-paragraph letters, roman numerals and numbered items, operative paragraphs lettered at
the top level ("(a) Resolves ..."), the sub-paragraphs of a chapeau whose letters the text lost
(all or some), and lists a chapeau's colon opens without letters ("A." to "G.", names one a line).
A mixin of qa.parsing.structure's walker, which has the state."""

from __future__ import annotations

import re

from qa.parsing.blocks import Block
from qa.parsing.footer import ends_clause
from qa.parsing.lines import Line, LineType
from qa.parsing.numbering import (
    LETTERED,
    NUMBERED,
    ROMAN_SUB,
    next_letter,
    next_roman,
    read_item,
    read_letter,
    read_number,
    read_numeral_sub,
    read_roman,
)
from qa.parsing.openings import Opening, opening_of

QUOTES = "“\"‘'"
_LABEL = re.compile(r"^[({\[][a-z0-9]{1,4}[)}\]]\s")  # "(e) ", "(ii) ", OCR's "{b) "
# an operative verb and nothing else before the colon: "Resolves:", "Resolves that :", "Decides:"
_BARE_CHAPEAU = re.compile(r"^[A-Z][a-z]+(?:\s+(?:also|further|that))?\s?:$")
_CAPITAL_ITEM = re.compile(r"^([A-Z])\.\s+(?=\S)")  # "A. A Commission ... is hereby established"
_CLAUSE_END = tuple(",;:.")
_MARKER_END = re.compile(r"\s?(?:\d{1,3}/?|\[\^\d{1,3}\])$")  # a footnote marker closing a line


class LabelRules:
    def numbered_line(self, ln: Line, annex: bool) -> bool:
        text = ln.text
        last_num = self.annex_last if annex else self.op_last
        host = self.last_paragraph
        if not annex and self.op_last == 0 and host is not None and host.kind == "operative" \
                and host.number is None and (item := read_item(text, self.items_last + 1)) is not None \
                and opening_of(text[item.end:]) is not Opening.OPERATIVE:
            if self.items_last == 0 and _BARE_CHAPEAU.match(self.text_of(host)) \
                    and all(b is host or b.kind != "operative" for b in self.body.blocks):
                # "The Security Council / Resolves:" then "1. That ..." (OCR: "1, That"): the verb
                # alone, first of the operative part, is the opener's; the paragraphs are numbered
                # as printed
                self.body.blocks.remove(host)
                self.items_as_paragraphs = True
                self.paragraph("operative", ln, item.end, 1)
                self.op_last = 1
                return True
            # "Adopts the following rules: 1. ...": numbered items of the unnumbered paragraph
            self.extend(host, ln)
            self.items_last += 1
            return True
        r = read_number(text, last_num + 1)
        if r is None and not annex and self.items_as_paragraphs:
            r = read_item(text, last_num + 1)  # "2, That ...": OCR's comma, read by the sequence
        if r is None:
            return False
        num = int(r.value)
        cur = self.current
        at_start = self.gap != "none" or not self.wrapped or cur is None or cur.kind == "heading" \
            or ends_clause(self.end_of(cur))
        ok = num == last_num + 1 or (not annex and self.part_fresh and num == 1 and last_num > 0)
        if not ok and not annex and last_num and at_start and self.next_number() == last_num + 2 \
                and opening_of(text[r.end:]) is Opening.OPERATIVE:
            # "4." / "8. Requests" / "6.": between 4 and 6 the number is 5, whatever OCR printed
            self.warn(f"line {ln.no}: the number printed {num} stands between operative paragraphs {last_num} and "
                      f"{last_num + 2}; it is read as {last_num + 1}")
            num, ok = last_num + 1, True
        loose = not self.wrapped and num > last_num > 0  # one paragraph per line: a number stands alone
        if not ok and (loose or (at_start and last_num < num <= last_num + 3 and self.gap != "none")) \
                and not annex and not r.damaged:
            missing = ", ".join(str(k) for k in range(last_num + 1, num))
            self.warn(f"line {ln.no}: operative paragraph {num} follows {last_num or 'the preamble'}; "
                      f"no paragraph numbered {missing} was found")
            ok = True
        elif not ok and loose:
            ok = True  # an annex's numbering may skip (an excerpt); it is kept as printed
        if not ok or not at_start:
            return False  # "... in paragraph\n15. of" is a wrapped line, not paragraph 15
        if not annex and self.part_fresh and num == 1 and last_num > 0:
            self.body.parts_restart = True
        self.part_fresh = False
        self.paragraph("annex_para" if annex else "operative", ln, r.end, num)
        if annex:
            self.annex_last = num
        else:
            self.op_last = num
            self.operative = True
        return True

    def top_letter_line(self, ln: Line) -> bool:
        """"(a) Resolves that ...", "(b) Requests ..." with no numbered paragraph above and no chapeau
        to hang under (old texts): lettered operative paragraphs, the letter their printed number."""
        if self.mode != "body" or self.op_last:
            return False
        expected = next_letter(self.top_letter)
        r = read_letter(ln.text, expected)
        if r is None or opening_of(ln.text[r.end:]) is not Opening.OPERATIVE:
            return False
        host = self.last_paragraph
        if expected == "a":
            if host is not None and (host.kind != "preambular" or _MARKER_END.sub("", self.end_of(host)).endswith(":")):
                return False  # "Decides:" / "(a) Decides ...": a chapeau's list
        elif host is None or host.kind != "operative" or host.letter != self.top_letter:
            return False
        self.paragraph("operative", ln, r.end).letter = expected
        self.top_letter = expected
        self.operative = True
        return True

    def next_number(self) -> int | None:
        """The number of the next line that opens with one ("6. Renews ...")."""
        for later in self.lines[self.i + 1:self.i + 80]:
            if later.type == LineType.CONTENT and (m := NUMBERED.match(later.text)):
                return int(m.group(1))
        return None

    def sub_line(self, ln: Line) -> bool:
        text = ln.text
        if self.top_letter_line(ln):
            return True
        parent = self.last_paragraph
        if parent is None or parent.kind not in ("operative", "annex_para", "preambular", "annex_unnumbered"):
            return False
        cur = self.current
        if self.wrapped and self.gap == "none" and cur is not None and cur.kind != "heading" \
                and not ends_clause(self.end_of(cur)):
            return False  # "... in subparagraph\n(a) above": a wrapped reference, not a sub-paragraph
        last = self.last_sub
        style = self.sub_style if last is not None else None
        chapeau = self.end_of(parent).rstrip().endswith(":")
        if style in (None, "letter"):
            r = read_letter(text, next_letter(last.letter if last else None))
            if r is not None:
                return self.add_sub(ln, parent, r.value, r.end, "letter")
        if style is None:  # a list opening "(1)" (numbered) or "(i)" (roman) right under the paragraph
            r = read_numeral_sub(text, 1) if chapeau else None
            if r is not None:
                return self.add_sub(ln, parent, r.value, r.end, "numeral")
            r = read_roman(text, "i")
            if r is not None and (chapeau or not r.damaged):
                return self.add_sub(ln, parent, r.value, r.end, "roman")
        if style == "numeral":
            r = read_numeral_sub(text, int(last.letter) + 1)  # type: ignore[union-attr,arg-type]
            if r is not None:
                return self.add_sub(ln, parent, r.value, r.end, "numeral")
            if last.letter == "1" and (r := read_roman(text, "ii")) is not None:  # type: ignore[union-attr]
                last.letter = "i"  # "(1)" then "(ii)": the first was OCR's "(i)"
                return self.add_sub(ln, parent, r.value, r.end, "roman")
        if style == "roman":
            r = read_roman(text, next_roman(last.letter))  # type: ignore[union-attr]
            if r is not None:
                return self.add_sub(ln, parent, r.value, r.end, "roman")
        if last is not None and style == "letter":
            r = read_roman(text, next_roman(self.last_subsub.roman if self.last_subsub else None))
            if r is not None:
                b = Block(kind="subsub", number=last.number, letter=last.letter, roman=r.value,
                          annex=last.annex, heading=last.heading, part=last.part, parent=last, line=ln.no,
                          segments=[self.seg(ln, r.end)] if text[r.end:] else [])
                self.new_block(b)
                self.last_subsub = b
                return True
        return False

    def add_sub(self, ln: Line, parent: Block, letter: str | None, end: int, style: str) -> bool:
        b = Block(kind="sub", number=parent.number, letter=letter, annex=parent.annex, heading=parent.heading,
                  part=parent.part, parent=parent, line=ln.no,
                  segments=[self.seg(ln, end)] if ln.text[end:] else [])
        self.new_block(b)
        self.last_sub = b
        self.last_subsub = None
        self.sub_style = style
        return True

    def unlettered_item(self, host: Block | None, ln: Line) -> bool:
        """A numbered paragraph whose chapeau ends with a colon ("2. Recognizes ..., and in this regard:")
        holds the paragraphs after it, up to the next number, as its sub-paragraphs, even where the
        text lost their letters ("Decides ...", "May consider ..."): they are not paragraphs of their
        own, and they get no letter the text does not print (cited by place). A full stop closes the
        list; a quotation stays inside the paragraph it is in. A list may keep some letters and lose
        others ("Requesting ...;" then "(e) Requesting ..."): a printed letter is its item's, the
        others are cited by place. An item ending with a colon ("... efforts by:") opens a list of its
        own, which goes on until a printed letter of the outer list ends it; the sequence says where
        ("(e)" is the fifth item: the items before it that the nested list took are the outer
        list's)."""
        if host is None or host.kind != "operative" or host.number is None or ln.text[:1] in QUOTES:
            return False
        last = self.last_sub
        item = self.last_subsub if self.last_subsub is not None else last
        if last is None:
            if not _MARKER_END.sub("", self.end_of(host)).endswith(":"):
                return False
        elif last.parent is not host or (last.letter is not None and not host.lost_letters) \
                or _MARKER_END.sub("", self.end_of(item)).endswith("."):  # type: ignore[arg-type]
            return False
        text = ln.text
        label = _LABEL.match(text)
        nested = last is not None and (self.last_subsub is not None
                                       or _MARKER_END.sub("", self.end_of(last)).endswith(":"))
        roman = read_roman(text, next_roman(self.last_subsub.roman if self.last_subsub else None)) if nested else None
        if roman is None and nested and label and ROMAN_SUB.match(text):
            roman = read_roman(text, ROMAN_SUB.match(text).group(1))  # type: ignore[union-attr]
        if roman is not None:
            self.add_subsub(ln, last, roman.value, roman.end)  # type: ignore[arg-type]
            return True
        if label:
            m = LETTERED.match(text)
            if m is None:
                return False
            self.promote_for_letter(host, m.group(1))
            host.lost_letters = True
            self.add_sub(ln, host, m.group(1), m.end(), "letter")
            return True
        if nested:
            self.add_subsub(ln, last, None, 0)  # type: ignore[arg-type]
            host.lost_letters = True
            return True
        if last is not None:
            host.lost_letters = True
        self.add_sub(ln, host, None, 0, "unlettered")
        return True

    def add_subsub(self, ln: Line, parent: Block, roman: str | None, end: int) -> None:
        b = Block(kind="subsub", number=parent.number, letter=parent.letter, roman=roman, annex=parent.annex,
                  heading=parent.heading, part=parent.part, parent=parent, line=ln.no,
                  segments=[self.seg(ln, end)] if ln.text[end:] else [])
        self.new_block(b)
        self.last_subsub = b

    def promote_for_letter(self, host: Block, letter: str) -> None:
        """Before a printed "(e)" four items of the outer list stand: unlabelled items of a nested
        list beyond those are the outer list's items, their letters lost."""
        subs = [b for b in self.body.blocks if b.kind == "sub" and b.parent is host]
        missing = (ord(letter) - ord("a")) - len(subs) if len(letter) == 1 else 0
        if missing <= 0 or not subs:
            return
        nested = [b for b in self.body.blocks if b.kind == "subsub" and b.parent is subs[-1]]
        trailing = []
        for b in reversed(nested):
            if b.roman is not None or len(trailing) == missing or len(trailing) == len(nested) - 1:
                break
            trailing.append(b)
        for b in trailing:
            b.kind, b.parent, b.letter = "sub", host, None

    def list_item_line(self, ln: Line) -> bool:
        """Under an operative chapeau ending with a colon, a list the text prints without verbs of its
        own: clauses lettered "A." to "G." ("Adopts the following resolution :" then "A. A Commission
        ... is hereby established"), read in their sequence, or lines that open no paragraph ("Mr.
        Antonio CASSESE (Italy)" under "Establishes the following list of candidates ...:"), each an
        item, cited by its place. An item ends at a blank line or, in a hard-wrapped text, at a line
        that stops short of the width (the next word would have fitted): a name per line."""
        host = self.last_paragraph
        if self.mode != "body" or not self.operative or host is None or host.kind != "operative" \
                or host.letter is not None:
            return False
        text = ln.text
        last = self.last_sub
        cur = self.current
        if last is None:
            if cur is not host or not _MARKER_END.sub("", self.end_of(host)).endswith(":"):
                return False
            style = None
        elif last.parent is not host or cur is not last or self.sub_style not in ("capital", "listed"):
            return False
        else:
            style = self.sub_style
            if self.gap == "none" and not (self.wrapped and self.ended_short(self.end_of(last), text)):
                return False  # the item's sentence goes on
        m = _CAPITAL_ITEM.match(text)
        if style in (None, "capital") and m and m.group(1) == ("A" if last is None else next_letter(last.letter)):
            self.add_sub(ln, host, m.group(1), m.end(), "capital")
            return True
        if style in (None, "listed") and text[:1].isupper() and opening_of(text) is None \
                and not _LABEL.match(text) and not NUMBERED.match(text) and self.an_entry(ln):
            self.add_sub(ln, host, None, 0, "listed")
            return True
        return False

    def an_entry(self, ln: Line) -> bool:
        """A line that is an entry of a list, not a sentence ("Japan will become a party to the Statute
        on the" / "date of ..., containing:" stays text of its paragraph): it ends no clause, and in a
        hard-wrapped text it stands before a blank, or stops short of the width and the next line
        opens with a capital (a sentence would go on in lower case)."""
        text = ln.text.rstrip()
        if text.endswith(_CLAUSE_END):
            return False
        nxt = self.lines[self.i + 1] if self.i + 1 < len(self.lines) else None
        if nxt is None or nxt.type != LineType.CONTENT:
            return True
        return nxt.text[:1].isupper() and (not self.wrapped or self.ended_short(text, nxt.text))

    def ended_short(self, before: str, text: str) -> bool:
        """Did the line before stop short of the text's width, where its next word would have fitted?"""
        if self.wrap_width is None:
            widths = sorted(len(x.text) for x in self.lines[self.start:] if x.type == LineType.CONTENT)
            # the widest lines are full ones; the third widest, so that a stray long line does not set it
            self.wrap_width = widths[-min(3, len(widths))] if widths else 0
        return len(before) + 1 + len(text.split()[0]) < self.wrap_width

