"""PDF: the text layer read with pypdf, laid out as one paragraph per line for the parser.

pypdf gives the text in reading order with its spacing, and, through its visitor, where each run
of text stands and its font size. The layout is read from that geometry, which a text-only
extraction loses:
- page furniture (running symbol and title, job number, page "2/14", barcode) stands in bands at
  the top and foot of each page, in smaller type or in the forms furniture takes: it is dropped;
  the masthead of page 1 is kept (the parser reads the symbol, body, dates and title there);
- a paragraph ends where the next line stands a paragraph gap below it (UN PDFs space paragraphs
  by 1.5 lines). At a page break, the paragraph goes on unless the next page's first line is set
  as a paragraph's first line (pypdf opens such a line with a space, the indentation's trace);
- footnotes are the smaller type under the last line of body text of a page (or after a
  `_____` rule); a footnote begins with the next footnote number, so a wrapped line opening with
  a number ("2013 (S/INF/68).") continues its footnote. They are written after the text, behind
  a rule, as "N text" lines; "*" notes (the sponsors' note of a draft) are not footnotes of the
  resolution and are dropped;
- footnote markers are raised small numbers: glued to the word, punctuation or year before them
  ("2022,1", "Declaration2", "19492", as the UN's text exports print them), after a space when
  another number precedes ("No. 972 3"), never fused into it;
- a line ending in a hyphen joins the next line keeping the hyphen: UN PDFs do not hyphenate
  words at line ends, every such hyphen is a compound's ("Secretary-General", "troop- and
  police-contributing"); a soft hyphen (U+00AD) is dropped; ligatures (U+FB00-FB06) are spelt out.
The text begins with a front matter giving the masthead's symbol (`symbol: A/ES-11/L.7`) and the
title set in larger type above "The General Assembly," (a draft's, which no "80/4." line
announces), so the parser has both as printed, even a symbol that is not a /RES/ one.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from qa.errors import ParseError

__all__ = ["pdf_to_text", "PdfText", "SCAN_MESSAGE"]

SCAN_MESSAGE = ("no text layer: this PDF is a scan; run OCR first (e.g. ocrmypdf) and give the OCR'd PDF "
                "or its text")
_SYMBOL = re.compile(r"\b(?:[A-Z]{1,4}/)+(?:[A-Z0-9][A-Za-z0-9.\-]*/)*[A-Za-z0-9.\-]*\d[A-Za-z0-9.\-]*"
                     r"(?:\s\(\d{4}\))?")
_FURNITURE = re.compile(r"^(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?|\d{1,3}\s*/\s*\d{1,3}|\*\d{5,}\*"
                        r"|Please recycle.*|\d{1,3})$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(?=\S)")
_STAR_NOTE = re.compile(r"^\*{1,3}\s*(?=\S)")
_RULE = re.compile(r"^_{5,}$")
_OPENER = re.compile(r"^The (General Assembly|Security Council|Human Rights Council|Economic and Social Council)\b")
_NOT_TITLE = re.compile(r"^(?:Resolution \d|Resolution adopted|Adopted |\[)")
_CLAUSE_END = re.compile(r"[,;:.]\s?\d{0,3}$")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_TOP_BAND, _FOOT_BAND = 0.915, 0.065  # share of the page height: furniture lives above / below these


@dataclass
class _Piece:
    text: str
    x: float
    y: float
    size: float


@dataclass
class _Line:
    page: int
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "".join(p.text for p in self.pieces)

    def _solid(self) -> list[_Piece]:
        return [p for p in self.pieces if p.text.strip()]

    @cached_property
    def size(self) -> float:
        """The line's type size: the size most of its characters are set in."""
        sizes: Counter[float] = Counter()
        for p in self._solid():
            sizes[round(p.size, 1)] += len(p.text.strip())
        return sizes.most_common(1)[0][0] if sizes else 0.0

    @cached_property
    def x(self) -> float:
        return self._solid()[0].x

    @cached_property
    def y(self) -> float:
        """Baseline: that of the line's own type, not of a raised marker."""
        size = self.size
        return next((p.y for p in self._solid() if round(p.size, 1) == size), self._solid()[0].y)

    def starts_paragraph(self) -> bool:
        return self.raw[:1] == " " and bool(self.raw.strip())

    def text(self) -> str:
        """The line's text with raised small numbers written as footnote markers."""
        size, base = self.size, self.y
        out = ""
        for p in self.pieces:
            raised = p.text.strip() and p.size < 0.85 * size and p.y > base + 0.1 * size
            if raised:
                mark = p.text.strip()
                if not out.strip():
                    out = mark + " "  # a footnote's own number opens its line
                elif re.search(r"(?<!\d)(?:19|20)\d\d$", out.rstrip()):
                    out = out.rstrip() + mark  # "19492": glued to a year, as the UN's text exports print it
                elif out.rstrip()[-1:].isdigit():
                    out = out.rstrip() + " " + mark  # "No. 972 3": never fused into another number
                else:
                    out = out.rstrip() + mark  # "2022,1", "Declaration1"
            else:
                out += p.text
        return out


@dataclass
class PdfText:
    text: str
    warnings: list[str]
    pages: int


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs every odd font or broken xref it repairs; the user gets our one-line messages."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _open(data: bytes, name: str):
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if not data.lstrip()[:5] == b"%PDF-":
        raise ParseError(name, "not a PDF: the file does not start with %PDF-; give the resolution's PDF "
                         "or its text (.txt, UTF-8)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError(name, "this PDF is encrypted with a password; open it with its password, save an "
                             "unprotected copy (or print it to PDF) and give that")
        _ = len(reader.pages)
    except ParseError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise ParseError(name, f"this PDF is encrypted and cannot be opened ({_what(exc)}); save an unprotected "
                         "copy and give that") from None
    except Exception as exc:  # a damaged file raises anything, PdfReadError, KeyError, ValueError ...
        raise ParseError(name, f"this PDF is damaged and cannot be read ({_what(exc)}); "
                         "download it again or give its text (.txt)") from None
    return reader


def _what(exc: Exception) -> str:
    """An exception as a few words on one line."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _page_lines(page, number: int) -> list[_Line]:
    lines: list[_Line] = []
    bottom = float(page.mediabox.bottom)
    current = _Line(number)

    def visit(text: str, cm: list[float], tm: list[float], font: object, font_size: float) -> None:
        nonlocal current
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - bottom  # from the page's foot
        size = abs(font_size * tm[3] * cm[3]) or abs(font_size)
        for k, part in enumerate(text.split("\n")):
            if k:
                if current.raw.strip():
                    lines.append(current)
                current = _Line(number)
            if part:
                current.pieces.append(_Piece(part, x, y, size))

    page.extract_text(visitor_text=visit)
    if current.raw.strip():
        lines.append(current)
    return lines


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
    except Exception:  # an odd resource dictionary: treat as no image
        return False


def pdf_to_text(data: bytes, name: str) -> PdfText:
    """The PDF's text in the layout the parser reads. Raises ParseError for a scan, an encrypted
    or a damaged PDF."""
    with _quiet_pypdf():
        reader = _open(data, name)
        pages: list[list[_Line]] = []
        heights: list[float] = []
        images: list[bool] = []
        try:
            for i, page in enumerate(reader.pages):
                pages.append(_page_lines(page, i))
                heights.append(float(page.mediabox.height))
                images.append(_has_images(page))
        except Exception as exc:  # a damaged content stream
            raise ParseError(name, f"this PDF is damaged and cannot be read (page {len(pages) + 1}: "
                             f"{_what(exc)}); download it again or give its text (.txt)") from None
    if not pages:
        raise ParseError(name, "this PDF has no pages")
    if not any(pages):
        if any(images):
            raise ParseError(name, SCAN_MESSAGE)
        raise ParseError(name, f"no text layer: this PDF's {len(pages)} page(s) hold no text; if it is a scan, "
                         "run OCR first (e.g. ocrmypdf), or give the resolution's text")
    warnings = []
    blank = [str(i + 1) for i, lines in enumerate(pages) if not lines]
    if blank:
        warnings.append(f"page(s) {', '.join(blank)} of {len(pages)} have no text layer (scanned?): their text "
                        "is missing; run OCR (e.g. ocrmypdf) for a whole text")
    return PdfText(_Layout(pages, heights).text(), warnings, len(pages))


class _Layout:
    """Pages of positioned lines -> masthead, paragraphs and footnotes, as text."""

    def __init__(self, pages: list[list[_Line]], heights: list[float]) -> None:
        self.pages = pages
        self.heights = heights
        sizes: Counter[float] = Counter()
        for lines in pages:
            for ln in lines:
                sizes[ln.size] += len(ln.raw.strip())
        self.body_size = sizes.most_common(1)[0][0]
        self.symbol: str | None = None

    def _is_body_type(self, ln: _Line) -> bool:
        return ln.size >= 0.92 * self.body_size

    def _furniture(self, ln: _Line, height: float) -> bool:
        in_band = ln.y > _TOP_BAND * height or ln.y < _FOOT_BAND * height
        if not in_band:
            return False
        if ln.page == 0 and ln.y > _FOOT_BAND * height:
            return False  # page 1's top band is the masthead
        text = re.sub(r"\s+", " ", ln.raw).strip()
        return (not self._is_body_type(ln) or bool(_FURNITURE.match(text))
                or bool(_SYMBOL.fullmatch(text)) or all(_FURNITURE.match(t) for t in re.split(r"\s{2,}", text)))

    def _pitch(self) -> float:
        """The body's line spacing: the commonest gap between lines of one paragraph. Only gaps of
        single spacing (0.9-1.6 times the type size) count: in a short resolution, gaps between
        paragraphs may outnumber those between lines."""
        gaps: Counter[float] = Counter()
        for lines in self.pages:
            body = [ln for ln in lines if self._is_body_type(ln)]
            for a, b in zip(body, body[1:], strict=False):
                gap = round(a.y - b.y, 0)
                if 0.9 * self.body_size <= gap <= 1.6 * self.body_size:
                    gaps[gap] += 1
        return gaps.most_common(1)[0][0] if gaps else 1.2 * self.body_size

    def text(self) -> str:
        pitch = self._pitch()
        blocks: list[list[_Line]] = []
        footnotes: list[list[str]] = []
        last_footnote = 0
        prev: _Line | None = None
        for lines, height in zip(self.pages, self.heights, strict=True):
            content = [ln for ln in lines if not self._furniture(ln, height)]
            body_idx = [i for i, ln in enumerate(content) if self._is_body_type(ln) and not _RULE.match(ln.raw.strip())]
            last_body = body_idx[-1] if body_idx else -1
            foot_y = content[last_body].y if body_idx else height
            for i, ln in enumerate(content):
                raw = ln.raw.strip()
                if _RULE.match(raw):
                    continue
                if i > last_body and ln.y < foot_y and not self._is_body_type(ln):
                    last_footnote = self._footnote_line(ln, footnotes, last_footnote)
                    continue
                if prev is None or self._new_block(prev, ln, pitch):
                    blocks.append([ln])
                else:
                    blocks[-1].append(ln)
                prev = ln
        out = [self._front_matter(blocks)]
        for block in blocks:
            top_line = block[0].page == 0 and block[0].y > _TOP_BAND * self.heights[0] and len(block) == 1
            if top_line:  # "United Nations      S/RES/2768 (2025)": one line each for the parser
                out += [_clean(p) for p in re.split(r"\s{2,}", block[0].text().strip())]
            else:
                out.append(_join(block))
        out = [p for p in out if p]
        if footnotes:
            out.append("__________________")
            out += [_clean(" ".join(f)) for f in footnotes if f]
        return "\n\n".join(out) + "\n"

    def _new_block(self, prev: _Line, ln: _Line, pitch: float) -> bool:
        if ln.page != prev.page:
            ended = bool(_CLAUSE_END.search(_clean(prev.text())))
            numbered = bool(re.match(r"\s*(?:\d{1,3}\.|\([a-z]{1,4}\))\s", ln.raw))
            return ln.starts_paragraph() or (ended and (numbered or self._masthead_or_title(ln)))
        if abs(ln.size - prev.size) > 0.5 or abs(ln.x - prev.x) > 200:
            return True  # masthead columns, a title in larger type
        gap = prev.y - ln.y
        return gap > 1.3 * pitch or gap < -pitch  # a paragraph gap, or a jump back up (a new column)

    def _masthead_or_title(self, ln: _Line) -> bool:
        return not self._is_body_type(ln) or ln.size > 1.1 * self.body_size

    def _footnote_line(self, ln: _Line, footnotes: list[list[str]], last: int) -> int:
        """Add one line of the footnote area; return the number of the last footnote opened."""
        text = _clean(ln.text())
        if m := _FOOTNOTE_START.match(text):
            n = int(m.group(1))
            # the next number opens a footnote (a first one may start a yearbook's running count)
            if n == last + 1 or (last == 0 and ln.starts_paragraph()):
                footnotes.append([text])
                return n
        if _STAR_NOTE.match(text):
            footnotes.append([])  # a sponsors' note, not the resolution's: it and its lines are dropped
            return last
        if footnotes and footnotes[-1]:
            footnotes[-1].append(text)
        return last

    def _front_matter(self, blocks: list[list[_Line]]) -> str:
        """The masthead's symbol (the first symbol printed on page 1 above the body) and the title
        (the block in larger type just above "The General Assembly,"), as the text prints them."""
        facts = []
        for block in blocks[:12]:
            if block[0].page != 0:
                break
            pieces = [_clean(p) for p in re.split(r"\s{2,}", block[0].raw.strip())]
            symbol = next((p for p in pieces if _SYMBOL.fullmatch(p) and "/" in p), None)
            if symbol:
                self.symbol = symbol
                facts.append(f"symbol: {symbol}")
                break
        opener = next((i for i, b in enumerate(blocks[:40]) if _OPENER.match(_join(b))), None)
        if opener:
            above = blocks[opener - 1]
            title = re.sub(r"^\d+/\d+\.\s+", "", _join(above))
            if above[0].size > 1.05 * self.body_size and not _NOT_TITLE.match(title):
                facts.append('title: "' + title.replace('"', "'") + '"')
        return "---\n" + "\n".join(facts) + "\n---" if facts else ""


def _join(block: list[_Line]) -> str:
    """One paragraph from its lines (hyphens as the module docstring says)."""
    out, prev_raw = "", ""
    for ln in block:
        raw = ln.text()
        piece = _clean(raw)
        if not piece:
            continue
        if not out:
            out = piece
        elif out.endswith("\u00ad"):
            out = out[:-1] + piece
        elif re.search(r"[A-Za-z]\s?-$", out) and not re.search(r"-\s$", prev_raw):
            out = re.sub(r"\s-$", "-", out) + piece  # "Secretary-" + "General"
        else:
            out += " " + piece
        prev_raw = raw
    return out.replace("\u00ad", "")


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text.translate(_LIGATURES)).strip()
