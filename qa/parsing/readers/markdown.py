"""Markdown: a converter's rendering of a resolution, turned into the plain text the parser reads.

Read with markdown-it-py (CommonMark, tables on): headings, emphasis, links, escapes, entities and
HTML tags go, the words stay, one block a paragraph. An ordered list keeps its printed numbers
("4. Decides", never renumbered) and a bullet its dash. A YAML front matter is passed through as
it is: the parser weighs its facts against the text's own.

Footnotes are taken out before markdown-it sees them (a definition such as `[^4]: A/80/342.`
would otherwise be read as a link definition and vanish):
- a definition `[^n]: text` with its indented continuation lines becomes the line "n text",
  written after the text behind a rule, where the parser reads footnotes;
- a reference `[^n]` becomes the digits n where it stands ("Weapons[^3] and" -> "Weapons3 and",
  the form of the UN's own text exports), and the parser tells markers from numbers. This is also
  what repairs a converter's fake footnote in the text, a number of the text it took for a
  marker: "Network of P[^5] academics" reads "P5" again and nothing is lost;
- a converter's fake footnote among the definitions, a wrapped line of the previous footnote that
  opened with a number ("[^2]: ... as from" / "[^7]: February 1984."), is told by the numbering:
  footnotes run 1, 2, 3, so a definition out of sequence right under another continues it
  ("as from 7 February 1984.");
- a definition in the middle of the text whose number is the next paragraph's ("[^5]: Requests
  ...") after paragraph 4 is that paragraph, which the converter swallowed: it is put back as
  "5. Requests ...".
A markdown file that is a document of its own (headings, tables) and has no line opening a
resolution ("The General Assembly,", "The Security Council,") is refused, so a SOURCES.md or a
README in a folder of resolutions gets a true reason rather than a parse of its prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.errors import ParseError
from qa.parsing.readers.html import html_to_text

__all__ = ["markdown_to_text", "looks_like_markdown"]

_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_CONTINUATION = re.compile(r"^(?: {2,}|\t)\S")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\\?\.\s")
_OPENER = re.compile(r"^(?:\d+\.\s+)?The (General Assembly|Security Council|Human Rights Council|Economic and "
                     r"Social Council|Trusteeship Council)\b")
_RESOLUTION_HEAD = re.compile(r"^(?:Resolution adopted by|Adopted by|Resolution \d+ \(\d{4}\)\s*$|\d+/\d+\.\s)")
_RULE = "__________________"


def looks_like_markdown(text: str) -> bool:
    """Text in markdown: footnote definitions or references, headings, or emphasis."""
    sample = text[:200_000]
    return bool(re.search(r"^\[\^\w+\]:", sample, re.M) or re.search(r"\w\[\^\d+\]", sample)
                or len(re.findall(r"^#{1,6} \S", sample, re.M)) >= 2 or len(re.findall(r"\*\*\S", sample)) >= 3)


@dataclass
class _Footnotes:
    numbers: dict[str, int] = field(default_factory=dict)  # label -> number printed
    texts: list[tuple[int, list[str]]] = field(default_factory=list)

    def number_of(self, label: str) -> int:
        if label.isdigit():
            return int(label)
        return self.numbers.setdefault(label, len(self.numbers) + 1)


def _split_front_matter(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or lines[first].strip() != "---":
        return "", text
    close = next((j for j in range(first + 1, min(len(lines), first + 80)) if lines[j].strip() == "---"), None)
    if close is None:
        return "", text
    return "\n".join(lines[: close + 1]) + "\n", "\n".join(lines[close + 1 :])


def _take_footnotes(body: str) -> tuple[list[str], _Footnotes]:
    """Footnote definitions out of the body (module docstring); the body's lines without them."""
    lines = body.split("\n")
    notes = _Footnotes()
    kept: list[str] = []
    last_paragraph = 0
    i = 0
    while i < len(lines):
        m = _DEFINITION.match(lines[i])
        if not m:
            if n := _NUMBERED.match(lines[i]):
                last_paragraph = int(n.group(1))
            kept.append(lines[i])
            i += 1
            continue
        label, first = m.group(1), m.group(2)
        block = [first]
        j = i + 1
        while j < len(lines) and (_CONTINUATION.match(lines[j])
                                  or (not lines[j].strip() and j + 1 < len(lines) and _CONTINUATION.match(lines[j + 1])
                                      and not _DEFINITION.match(lines[j + 1]))):
            block.append(lines[j].strip())
            j += 1
        in_text = any(ln.strip() and not _DEFINITION.match(ln) and not _CONTINUATION.match(ln)
                      and ln.strip() != "---" for ln in lines[j:])
        expected = notes.texts[-1][0] + 1 if notes.texts else 1
        under_previous = i > 0 and bool(_DEFINITION.match(lines[i - 1]) or _CONTINUATION.match(lines[i - 1]))
        if label.isdigit() and notes.texts and int(label) != expected and under_previous:
            notes.texts[-1][1].append(f"{label} {' '.join(block)}")  # a wrapped line that began with a number
        elif label.isdigit() and in_text and int(label) == last_paragraph + 1 and re.match(r"[A-Z][a-z]", first):
            kept.append(f"{label}. {' '.join(block)}")  # a paragraph the converter took for a footnote
            last_paragraph = int(label)
        else:
            notes.texts.append((notes.number_of(label), block))
        i = j
    return kept, notes


def _render(body: str) -> str:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    blocks: list[str] = []
    prefixes: list[str] = []  # the marker of each open list item, until its first paragraph takes it
    row: list[str] | None = None  # the cells of a table row being read
    for t in tokens:
        if t.type == "list_item_open":
            prefixes.append(f"{t.info}{t.markup} " if t.info else f"{t.markup} ")
        elif t.type == "list_item_close":
            prefixes.pop()
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            blocks.append("  ".join(c for c in row or [] if c))
            row = None
        elif t.type == "inline":
            if row is not None:
                row.append(_inline(t))
                continue
            lead = ""
            if prefixes and prefixes[-1]:
                lead, prefixes[-1] = prefixes[-1], ""
            blocks.append(lead + _inline(t))
        elif t.type in ("code_block", "fence"):
            blocks.append(t.content.rstrip("\n"))
        elif t.type == "html_block":
            blocks.append(html_to_text(t.content, front_matter=False).strip())
    return "\n\n".join(b for b in blocks if b.strip())


def _inline(token) -> str:
    out: list[str] = []
    for c in token.children or []:
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif c.type == "image":
            out.append(c.content)
        elif c.type == "html_inline" and re.match(r"<br\s*/?>", c.content, re.I):
            out.append("\n")
    return "".join(out)


def markdown_to_text(text: str, name: str) -> str:
    """Markdown -> plain text the parser reads (module docstring). Raises ParseError for a markdown
    document that is not a resolution."""
    front, body = _split_front_matter(text)
    kept, notes = _take_footnotes(body)
    body = "\n".join(kept)
    body = _REFERENCE.sub(lambda m: str(notes.number_of(m.group(1))), body)
    rendered = _render(body)
    _check_is_resolution(body, rendered, name)
    parts = [front.rstrip("\n")] if front else []
    parts.append(rendered)
    if notes.texts:
        parts.append(_RULE)
        parts += [f"{n} {' '.join(s for s in block if s)}".strip() for n, block in notes.texts]
    return "\n\n".join(parts) + "\n"


def _check_is_resolution(source: str, rendered: str, name: str) -> None:
    blocks = [b.strip() for b in rendered.split("\n\n")]
    if any(_OPENER.match(b) or _RESOLUTION_HEAD.match(b) for b in blocks):
        return  # a paragraph opens like a resolution: let the parser judge
    headings = len(re.findall(r"^#{1,6} \S", source, re.M)) + len(re.findall(r"^\S.*\n(?:=+|-+)\s*$", source, re.M))
    tables = len(re.findall(r"^\|.*\|\s*$", source, re.M))
    if headings >= 2 or tables:
        what = ", ".join(p for p in (f"{headings} headings" if headings else "",
                                     f"a table of {tables} rows" if tables else "") if p)
        raise ParseError(name, f"this markdown file is not a resolution: it is a document of its own ({what}) "
                         "with no line opening a resolution ('The General Assembly,', 'The Security Council,' ...) "
                         "and no resolution heading; give the file of a resolution")
