"""Readers: each source format becomes the plain text that `qa.parsing.parser.parse_text` reads.

`read_source(path, data)` picks the reader and returns a `SourceText` (the text, its format, the
reader's warnings). The format is told by the file's content first and its name second:
- `%PDF-` at the start, or a `.pdf` name: **pdf** (pypdf; page furniture dropped, one paragraph a
  line, footnotes after a rule, the masthead's symbol in a front matter; a scan, an encrypted or
  a damaged PDF is refused with what to do);
- a `.html` / `.htm` name, or text marked up with HTML tags: **html** (tags and entities gone,
  list numbers printed, `<sup>` markers glued, a bold title given as front matter);
- a `.md` name, or text with markdown footnotes (`[^1]`), headings or emphasis: **markdown**
  (markdown-it-py; `[^n]` footnotes turned into what the parser reads, a converter's fake
  footnotes repaired; a markdown document that is not a resolution is refused);
- anything else: **text**, UTF-8 decoded and handed over unchanged, so that clause spans are
  offsets into the file's own text.
Empty, binary and non-UTF-8 files are refused whatever their name (qa.parsing.readers.text).
The text a reader returns is what clause spans point into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from qa.errors import ParseError
from qa.parsing.readers.text import decode_text

__all__ = ["SourceFormat", "SourceText", "read_source"]


class SourceFormat(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"

    def __str__(self) -> str:
        return self.value


@dataclass
class SourceText:
    text: str
    format: SourceFormat
    warnings: list[str] = field(default_factory=list)


def read_source(path: Path, data: bytes) -> SourceText:
    """The text of a resolution file, by its format (module docstring). Raises ParseError."""
    name = str(path)
    suffix = path.suffix.lower()
    if data[:1024].lstrip().startswith(b"%PDF-") or (suffix == ".pdf" and data.strip()):
        from qa.parsing.readers.pdf import pdf_to_text

        try:
            pdf = pdf_to_text(data, name)
        except ParseError as exc:
            if suffix == ".pdf":
                raise
            reason = str(exc).removeprefix(f"{name}: ")
            raise ParseError(name, f"this is a binary file, not text: it starts like a PDF, and as a PDF: "
                             f"{reason}") from None
        return SourceText(pdf.text, SourceFormat.PDF, pdf.warnings)
    text = decode_text(data, name)
    from qa.parsing.readers.html import html_to_text, looks_like_html
    from qa.parsing.readers.markdown import looks_like_markdown, markdown_to_text

    if suffix in (".html", ".htm") or (suffix != ".md" and looks_like_html(text)):
        return SourceText(html_to_text(text), SourceFormat.HTML)
    if suffix == ".md" or looks_like_markdown(text):
        return SourceText(markdown_to_text(text, name), SourceFormat.MARKDOWN)
    return SourceText(text, SourceFormat.TEXT)
