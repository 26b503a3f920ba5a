"""The adoption footer after a resolution's last paragraph: where the body ends.

Two families of layout print it:
- GA, ECOSOC, Human Rights Council, conferences: the meeting, its date, and sometimes how it was
  adopted, on lines of their own or glued to the end of the last paragraph:
      41st plenary meeting        54th meeting
      9 November 2009             27 March 2014 [Adopted without a vote.]
- Security Council yearbooks: one sentence, often hard-wrapped, sometimes with a footnote marker:
      Adopted unanimously at the 716th meeting.
      Adopted at the 645th meeting by 10 votes to none, with 1 abstention (Union of Soviet
      Socialist Republics).
      Adopted at the 1809th meeting by 13 votes to none. 16
The footer belongs to the adoption record (qa.parsing.metadata reads its facts), never to a
paragraph; after it come footnote texts only. Not inside an annex: an annex (a programme of work, a
list of decisions) may hold lines such as "5th meeting" or "Adopted by consensus" of its own.
"""

from __future__ import annotations

import re

from qa.parsing.blocks import Footer
from qa.parsing.lines import Line
from qa.parsing.metadata import (
    ADOPTION_NOTE,
    DATE,
    FOOTER_GLUED,
    MEETING,
    MEETING_LINE,
    NOTE_GLUED,
    VOTE_LIST_LABEL,
)

DATE_LINE = re.compile(r"^" + DATE + r"$")
# a Security Council footer closes the text even after an annex: "Adopted at the 3312th meeting ..."
_SC_FOOTER = re.compile(r"^Ad[ao]pted(?: unanimously,?)?(?: at)? the (?:resumed )?\d+(?:st|nd|rd|th) meeting\b")
_FOOTNOTE_LINE = re.compile(r"^\d{1,3}\s+\S")
_CLAUSE_END = tuple(",;:.")


_TRAILING_MARKER = re.compile(r"\s?(?:\d{1,3}/?|\[\^\d{1,3}\])$")


def ends_clause(text: str) -> bool:
    """Ends with clause punctuation, looking past a trailing footnote marker ("Future. 16", "2024,1")."""
    text = text.rstrip()
    if text[-1:].isdigit() or text.endswith(("/", "]")):
        text = _TRAILING_MARKER.sub("", text)
    return text.endswith(_CLAUSE_END)


class FooterReading:
    """The walker's footer rules (a mixin of qa.parsing.structure's walker, which has the state)."""

    def footer_line(self, ln: Line) -> bool:
        """Read the line as part of the adoption footer if it is one; True if it was."""
        text = ln.text
        if self.mode == "annex" and not (_SC_FOOTER.match(text) and not self.continues_sentence()):
            return False
        footer = self.body.footer
        if self.mode == "tail" and footer.note_open:
            if self.note_continues(ln):
                self.add_note(ln, 0)
                return True
            footer.note_open = False
        m = MEETING_LINE.match(text)
        if m and footer.meeting is None and (self.mode == "tail" or not self.continues_sentence()) \
                and not footer.note:
            footer.meeting = (ln.start, ln.start + MEETING.match(text).end())
            footer.meeting_line = ln.no
            if m.group(3):
                footer.date = (ln.start + m.start(3), ln.start + m.end(3))
            if m.group(4):
                self.add_note(ln, m.start(4))
            self.close_body()
            return True
        if self.mode == "tail" and footer.date is None and footer.meeting is not None \
                and DATE_LINE.match(text) and footer.meeting_line >= ln.no - 3:
            footer.date = (ln.start, ln.end)
            return True
        if ADOPTION_NOTE.match(text) and not footer.note and (self.mode != "body" or self.op_last or self.operative) \
                and not self.continues_sentence():
            self.add_note(ln, 0)
            self.close_body()
            return True
        if self.mode != "body":
            return False
        glued = FOOTER_GLUED.search(text) or NOTE_GLUED.search(text)
        if glued and ends_clause(text[: glued.start()]) and not self.continues_sentence():
            # the footer glued to the end of the last paragraph: the paragraph keeps the head
            self.content(Line(no=ln.no, start=ln.start, end=ln.start + glued.start(),
                              text=text[: glued.start()], indent=ln.indent))
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

    def close_body(self) -> None:
        self.mode = "tail"
        self.current = None

    def note_text(self) -> str:
        return " ".join(self.text[s:e] for s, e in self.body.footer.note).strip()

    def add_note(self, ln: Line, offset: int) -> None:
        footer: Footer = self.body.footer
        footer.note.append(self.seg(ln, offset))
        note = self.note_text()
        if note.startswith("["):
            footer.note_open = "]" not in note
        else:
            # an unbracketed note goes on while its sentence does ("Adopted unanimously at the" /
            # "716th meeting.") or while it announces or lists the voting
            bare = re.sub(r"\s*\d{1,3}$", "", note)
            footer.note_open = not bare.endswith((".", ")")) or bare.endswith(":") or "as follows" in note.lower()

    def note_continues(self, ln: Line) -> bool:
        note = self.note_text()
        if note.startswith("["):
            return not _FOOTNOTE_LINE.match(ln.text)
        if VOTE_LIST_LABEL.match(ln.text):
            return True
        if self.gap != "none":
            return False
        # "... by 13 votes to none, with" / "1 abstention (France).": a sentence cut mid-way goes on
        # even on a line that opens with a number; after a full stop, such a line is a footnote
        return not _FOOTNOTE_LINE.match(ln.text) or not re.sub(r"\s*\d{1,3}$", "", note).endswith((".", ":"))
