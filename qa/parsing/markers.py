"""Inline footnote markers: telling them from numbers that belong to the text, and removing them.

Footnotes of a resolution are numbered 1, 2, 3 ... in reading order, so a marker is a small number
that is either the next footnote expected or one already cited, standing where markers stand:
glued to a word or to its punctuation ("Geneva2", "2000,1", "Secretary-General;9"), glued to a year
("in 20037" is 2003 + marker 7), or, in text extracted from PDFs, after a space ("Sevilla
Commitment, 12 which"). Numbers that are part of the text ("resolution 62/7", "2007-2009",
"15 September", "paragraphs 6 and 24") fail these tests. A spaced or year-glued number is taken as
a marker only when it is exactly the next footnote expected. Two forms are markers wherever they
stand: "[^3]" (markdown) and "1/" after a space (the Security Council's full documents: "of 4 March
1994 1/ on his mission"). A yearbook numbers its notes through the volume and often prints them
elsewhere (with an earlier resolution, or not at all): there a spaced number is a marker, text or no
text, where only a marker stands (after a year, a name or a document, before a word that goes on
with the phrase: "of 12 August 1949, 105 the Vienna Convention", "the report 37 of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A run of digits not part of a larger number, symbol, date or range.
_NUMBER = re.compile(r"(?<![\d/])(\d{1,6})(?![\d/])")
_AFTER_MARKER = " ,;:.)\n\t”\"’"
_GLUED_WORD = re.compile(r"[A-Za-z][a-z]+$")  # "Geneva", "Diversity": not "CO", "G"
_REFERENCE_WORDS = {
    "paragraph", "paragraphs", "subparagraph", "subparagraphs", "resolution", "resolutions",
    "decision", "decisions", "article", "articles", "item", "items", "chapter", "chapters",
    "section", "sections", "annex", "page", "pages", "vol", "no", "nos", "rule", "rules",
    "principle", "principles", "goal", "goals", "target", "targets", "para", "paras", "part", "action", "actions",
    "and", "or", "to", "of", "in", "on", "from", "at", "by", "for", "with", "than", "the", "some",
    "about", "over", "under", "least", "between", "until", "since", "within", "per", "all",
    # document symbols and references: "S/24858 and Add.1", "Corr.2", "Rev.1", "vol. 634", "sect. 3"
    "add", "corr", "rev", "amend", "sess", "suppl", "supp", "ser", "art", "arts", "chap", "ch", "sect",
    "fig", "op", "pp",
}


@dataclass
class MarkerState:
    """Reading-order state shared across the clauses of one document."""

    known: set[int]  # footnote numbers that have a footnote text
    expected: int = 1
    seen: set[int] = field(default_factory=set)
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (marker, clause id) without text
    yearbook: bool = False  # a yearbook text: its markers may cite notes printed elsewhere in the volume
    last: int | None = None  # the marker read last

    def next_expected(self) -> int:
        return self.expected

    def accept(self, n: int) -> None:
        self.seen.add(n)
        self.last = n
        # a yearbook's marker without a text here (a note printed with an earlier resolution) does
        # not move the sequence of the notes that are printed
        if n >= self.expected and (n in self.known or not self.known):
            self.expected = n + 1


def _is_year(s: str) -> bool:
    return len(s) == 4 and s[:2] in ("19", "20")


_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "s", "bis", "ter", "am", "pm", "km", "kg", "m"}
# a document symbol closing the text before a marker: "S/10182", "S/1059/Rev.2,", "Add.1", "Corr. 1"
_SYMBOL_END = re.compile(r"(?:\b[A-Z]{1,3}/(?:[A-Za-z.]+/)*[\w.-]*\d|\b(?:Add|Rev|Corr)\.\s?\d{1,2}),?$")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
_CLOSING_MARKER = re.compile(r"(?<=[,;:.”)])\s(\d{1,3})$")
_CLOSING_GLUED = re.compile(r"[A-Za-z)”]\s?[,;:.](\d{1,3})$")  # "Republic of Senegal ,33"
_EXPLICIT = re.compile(r"\[\^(\d{1,4})\]|(?<=\s)(\d{1,3})/(?=[\s,;:.)]|$)")


def find_markers(text: str, state: MarkerState, clause_id: str) -> tuple[str, list[int]]:
    """Remove footnote markers from one clause's joined text; return (clean text, marker numbers in order)."""
    removals: list[tuple[int, int]] = []
    found: list[int] = []
    explicit = {m.start(): m for m in _EXPLICIT.finditer(text)}
    candidates = sorted(list(explicit.values()) + [m for m in _NUMBER.finditer(text)
                                                   if not any(x.start() <= m.start(1) < x.end()
                                                              for x in explicit.values())],
                        key=lambda m: m.start())
    for m in candidates:
        if m.start() in explicit and m.re is _EXPLICIT:
            n = int(m.group(1) or m.group(2))
            # a note is cited again where the text refers to it a second time ("... 3 December 1992 2/"
            # after "2/" and "3/"): a slash marker already read stands for the same note
            if m.group(1) or n in state.known or n == state.expected or n in state.seen:
                marker, cut = n, m.span()
            else:
                continue
        else:
            # "Congo, 21 22": a marker right after another stands where that one stood
            prev = removals[-1] if removals and removals[-1][1] >= m.start(1) - 1 else None
            marker, cut = _marker_at(m, text, state, prev)
            if marker is None:
                continue
        state.accept(marker)
        if marker not in state.known:
            state.unmatched.append((marker, clause_id))
        found.append(marker)
        removals.append(cut)
    # a number closing the paragraph after its punctuation is a marker, whether or not its footnote
    # text was printed ("... the situation in Somalia, 174"): nothing else stands there
    end = _CLOSING_MARKER.search(text) or _CLOSING_GLUED.search(text)
    if end and not any(s <= end.start(1) < e for s, e in removals):
        n = int(end.group(1))
        state.accept(n)
        if n not in state.known:
            state.unmatched.append((n, clause_id))
        found.append(n)
        removals.append(end.span(1))
    if not removals:
        return text, found
    out = []
    last = 0
    for s, e in sorted(removals):
        # a spaced marker takes its space with it ("Development 5 and" -> "Development and", "Sudan, 14"
        # -> "Sudan,"); the text's own spacing ("seized ; and") is left as printed
        if s > 0 and text[s - 1] in " \t" and (e >= len(text) or text[e] in " \t,;:.)"):
            s -= 1
        out.append(text[last:s])
        last = e
    out.append(text[last:])
    clean = re.sub(r" {2,}", " ", "".join(out)).strip()
    return clean, found


def _marker_at(m: re.Match, text: str, state: MarkerState,
               prev: tuple[int, int] | None = None) -> tuple[int | None, tuple[int, int]]:
    """Is this number of the text a footnote marker? (marker, span to cut) or (None, ...)."""
    digits = m.group(1)
    s, e = m.span(1)
    before = text[:prev[0]] + text[prev[1]:s] if prev else text[:s]
    after = text[e:]
    cut = (s, e)
    if after[:1] and after[:1] not in _AFTER_MARKER and not ("a" <= after[:1] <= "z"):
        return None, cut
    if after[:1] in ",." and after[1:2].isdigit():  # "5,900", "2.5"
        return None, cut
    prev = before[-1:]
    if glued_word := re.match(r"[a-z]+", after):  # "Parties, 8and welcomes": a converter fused it
        word = glued_word.group(0)
        if prev == " " and word not in _ORDINAL_SUFFIXES and int(digits) == state.expected \
                and int(digits) in state.known and _spaced_ok(digits, before, " " + after, state):
            return int(digits), cut
        return None, cut
    year_tail = _year_glued(digits, state)
    if year_tail is not None and (prev in " -–—" or not prev):
        return year_tail, (s + 4, e)
    if prev == ".":
        if len(before) >= 2 and (before[-2].islower() or before[-2] in "”\"’)"):
            word = re.search(r"([A-Za-z]+)\.$", before)
            if not (word and word.group(1).lower() in _REFERENCE_WORDS):
                return _glued(digits, before, state), cut
        return None, cut
    if prev and (prev.isalpha() or prev in ",;:)”\"’]"):
        return _glued(digits, before, state), cut
    if prev == " " and _spaced_ok(digits, before, after, state):
        return int(digits), cut
    return None, cut


def _year_glued(digits: str, state: MarkerState) -> int | None:
    """'20037' = the year 2003 followed by marker 7, when 7 is the next footnote that has a text."""
    if len(digits) < 5 or not _is_year(digits[:4]) or digits[4] == "0":
        return None
    tail = int(digits[4:])
    if state.known and tail == state.expected and tail in state.known:
        return tail
    return None


def _glued(digits: str, before: str, state: MarkerState) -> int | None:
    n = int(digits)
    if len(digits) > 3 or n == 0:
        return None
    prev = before[-1]
    if prev.isalpha():
        word = re.search(r"[A-Za-z\-]+$", before)
        if not word or not _GLUED_WORD.search(word.group(0)):
            return None
    else:
        # punctuation: must follow a word or a closing quote/bracket, not a number list "1,2"
        core = before.rstrip(",;:.")
        if not core or not (core[-1].isalpha() or core[-1] in ")”\"’]" or core[-1].isdigit()):
            return None
        if core[-1].isdigit() and n != state.expected:
            return None
    if state.known:
        if n in state.known and (n >= state.expected or n in state.seen):
            return n
        return n if n == state.expected else None  # the next in sequence, whose text is missing
    # No footnote texts at all: accept a glued marker only where the sequence makes it sound.
    if n in state.seen or (n >= state.expected and n <= state.expected + 3):
        return n
    return None


def _spaced_ok(digits: str, before: str, after: str, state: MarkerState) -> bool:
    if len(digits) > 3:
        return False
    # a yearbook's marker is told by where it stands, whatever note it cites (qa.parsing.markers' docstring)
    return _spaced_in_sequence(digits, before, after, state) or (
        state.yearbook and _yearbook_marker(digits, before, after))


def _spaced_in_sequence(digits: str, before: str, after: str, state: MarkerState) -> bool:
    n = int(digits)
    if not state.known or n not in state.known:
        return False
    head = before.rstrip()
    if not head:
        return False
    # the next footnote expected, or the one after it when a marker was lost (OCR); out of their
    # order (a yearbook prints some so) only where nothing but a marker stands: after a year
    # ("dated 12 March 1993 3 addressed") or closing the paragraph ("Agency, 2")
    # the note just cited, cited again ("documents S/8616, 32 S/8617, 32 S/8721 33", "the letter of 9 January
    # 1990 3 concerning"), is a marker too: after a symbol, or before a word going on in lower case
    repeat = n == state.last and (bool(_SYMBOL_END.search(head)) or after.lstrip()[:1].islower())
    if n not in (state.expected, state.expected + 1) and not repeat:
        after_year = bool(re.search(r"(?<!\d)(?:19|20)\d\d$", head))
        closing = not after.strip() and head[-1] in ",;."
        if n in state.seen or not (after_year or closing):
            return False
    last_char = head[-1]
    if re.search(r"(?<![\d/])\d{1,3},$", head):  # "items 5, 6 and 7": a list of numbers, not markers
        return False
    word_m = re.search(r"([A-Za-z]+)\W*$", head)
    if last_char.isalpha():
        if not word_m or word_m.group(1).lower() in _REFERENCE_WORDS:
            return False
    elif last_char.isdigit():
        # "... 27 October 1953 8 and", "documents S/10182 11 and", "Add.1 18 and": after a year or a symbol only
        # ... or, the next note in sequence and no day of a month, after a day: "the letters of 20 127 and
        # 23 July 128 1993" (a yearbook marks each date of a list)
        day = n == state.expected and n > 31 and re.search(r"(?<![\d/.,])\d{1,2}$", head)
        if not re.search(r"(?<!\d)(?:19|20)\d\d\)?$", head) and not _SYMBOL_END.search(head) and not day:
            return False
    elif last_char not in ",;:.”\"’)":
        return False
    nxt = after.lstrip()
    if not nxt:
        return True
    if nxt[0] in ",;:.“\"":  # "of 29 April 1963 2 “about certain aspects"
        return True
    # "the treaties of Tlatelolco, Rarotonga, 3 Bangkok4": after a comma, before the next name
    if nxt[0].isdigit():  # "for 2021, 1 2022,2 20233", "on 22 November, 21 24 November": before a date
        month_year = bool(word_m) and word_m.group(1) in _MONTHS and re.match(r"(?:19|20)\d\d\b", nxt)
        return (last_char == "," or bool(month_year)) and n == state.expected  # "23 July 128 1993"
    if last_char == "." and nxt[0].isupper():
        # "... the two so selected. 3 Each representative": between two sentences, the note expected
        # next (a sentence does not open with a bare number; "No. 3 The" is a reference)
        return n == state.expected and bool(word_m) and word_m.group(1).lower() not in _REFERENCE_WORDS
    return nxt[0].islower() or (last_char in ",;" and nxt[0].isupper())


# A yearbook cites notes by the volume's numbering and often prints none of them with the resolution
# ("of 12 August 1949, 105 the Vienna Convention ... of 18 April 1961, 106 the Vienna Convention on
# Consular Relations of 24 April 1963 107 and international law"). A spaced number is such a marker
# where nothing else of the text stands: after a year, after a name or a word and its comma, or after
# a name or a document ("the report 37 submitted"), before a lower-case word that counts nothing.
_COUNTED = {  # words a number goes with as part of the text: "phase 2 of", "the first 23"
    "phase", "phases", "sector", "sectors", "zone", "zones", "area", "areas", "stage", "stages", "group",
    "groups", "category", "categories", "option", "options", "step", "steps", "point", "points", "protocol",
    "protocols", "level", "levels", "class", "unit", "units", "line", "lines", "action", "actions", "division",
    "first", "last", "next", "further", "another", "only", "nearly", "almost", "approximately", "every", "each",
    "most", "mark", "title", "volume", "number", "numbers", "room", "box", "plan", "district", "region", "route",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}
_UNITS = {  # words after a number that make it a count or a measure: "6 months", "30 per cent"
    "per", "month", "months", "year", "years", "day", "days", "week", "weeks", "hour", "hours", "minutes",
    "member", "members", "vote", "votes", "times", "million", "millions", "billion", "thousand", "hundred",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "p", "a", "am", "pm", "persons", "people",
    "men", "women", "children", "troops", "personnel", "observers", "officers", "military", "civilian",
    "countries", "states", "more", "additional", "new", "other", "st", "nd", "rd", "th", "to", "or", "out",
}
_GOES_ON = {"and", "or", "but", "in", "on", "of", "for", "to", "which", "that", "as", "with", "from", "by", "at",
            "under", "between", "who", "whose", "where", "when", "since", "also"}
_DOCUMENT_NOUNS = {
    "report", "reports", "letter", "letters", "statement", "statements", "note", "notes", "agreement",
    "agreements", "communication", "communications", "declaration", "telegram", "telegrams", "cable",
    "message", "messages", "memorandum", "request", "application", "proposal", "proposals", "communiqué",
    "communique", "accords", "accord", "plan", "convention", "conventions", "charter", "treaty",
}


def _yearbook_marker(digits: str, before: str, after: str) -> bool:
    if digits[0] == "0" or not before.endswith(" "):
        return False
    head = before.rstrip()
    nxt = after.lstrip()
    word_after = re.match(r"([a-z]+)\b", nxt)
    if nxt:
        if nxt[0] in ",;:.":  # "1963 107." but not "...; 2. That" (an item) or "512.(1982)"
            if nxt[1:2] not in ("", " ") or (nxt[0] == "." and head[-1:] in ",;:."):
                return False
        elif not word_after or word_after.group(1) in _UNITS:
            return False
    if re.search(r"(?<![\d/.])(?:19|20)\d\d\)?,?$", head) or _SYMBOL_END.search(head):  # "1949, 22 and"
        return True
    word = re.search(r"([A-Za-z][A-Za-z’'-]*)([,;]?)$", head)
    if not word or word.group(1).lower() in _REFERENCE_WORDS or word.group(1).lower() in _COUNTED:
        return False
    if word.group(2):  # "the Secretary-General, 26 express", "of Lebanon, 57 the"
        return bool(nxt)
    # "the report 37 submitted", "Antigua and Barbuda 71 for admission", "Gil Fernandes 49 and": after
    # a name (not an acronym: "Proclamation AG 8") or a document, before the words a phrase goes on with
    name = word.group(1)[0].isupper() and not word.group(1).isupper()
    return bool(word_after) and (name or word.group(1).lower() in _DOCUMENT_NOUNS) and (
        word_after.group(1) in _GOES_ON or (len(word_after.group(1)) > 4 and word_after.group(1).endswith(("ed", "ing"))))
