"""HTML: a resolution pasted or saved as HTML blocks, turned into one paragraph per line.

Such blocks (a web page's or a database's) set the title in `<b>` or a heading, the verbs in `<i>`,
each paragraph in a `<p>` or `<li>`, footnote markers in `<sup>`, and carry no symbol, masthead or
plenary line. Read with the standard library's HTMLParser (entities decoded as it reads):
- block elements (p, div, li, h1-h6, tr, blockquote ...) end a paragraph; `<br>` ends a line;
- inline elements (b, i, em, strong, span, a ...) leave their text and nothing else; script and
  style, and the head, are dropped;
- an `<ol>` prints its numbers: its items are written "1. ", or "(a) " / "(i) " for type="a" /
  type="i", counting from `start` or an item's `value`, as a browser shows them;
- `<sup>3</sup>` after a word is the marker "word3" (the parser tells markers from numbers);
- footnotes (a list or block whose class or ids say "footnote", or items with ids "fn1" ...) are
  written "N text" after a rule, where the parser reads footnotes; an `<hr>` followed by numbered
  notes is that rule, any other `<hr>` is dropped;
- a bold or heading block before "The General Assembly," is the title: given to the parser in a
  front matter (`title:`), since a bare title line is not one the parser can tell from the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article",
          "ul", "ol", "dl", "dt", "dd", "table", "pre", "header", "footer", "main", "body", "center"}
_SKIP = {"script", "style", "head", "template", "noscript"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAG = re.compile(r"<\s*/?\s*(p|div|br|b|i|em|strong|span|sup|li|ol|ul|h[1-6]|table|tr|td|a)\b[^>]*>", re.I)
_OPENER = re.compile(r"^\s*The (General Assembly|Security Council|Human Rights Council|Economic and Social "
                     r"Council|Trusteeship Council)\b")
_RULE = "__________________"


def looks_like_html(text: str) -> bool:
    """Text marked up with HTML: several paragraph, line-break or emphasis tags."""
    return len(_TAG.findall(text[:200_000])) >= 3


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _marker(kind: str, n: int) -> str:
    if kind == "a":
        return f"({chr(ord('a') + n - 1)}) " if n <= 26 else f"{n}. "
    if kind == "i":
        return f"({_roman(n)}) "
    if kind == "footnote":
        return f"{n} "
    return f"{n}. "


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[dict] = []  # {"text", "bold", "footnote", "rule"}
        self.current: list[str] = []
        self.skip = 0
        self.bold = 0
        self.bold_chars = 0
        self.pre = 0
        self.lists: list[dict] = []  # {"kind", "next", "footnote"}
        self.footnote_depth = 0
        self.depth = 0
        self.heading = False
        self.sup_start: int | None = None

    def _glue_marker(self) -> None:
        """"Declaration, <sup>1</sup>" -> "Declaration,1": a marker stands glued to what it marks."""
        start, self.sup_start = self.sup_start, None
        mark = "".join(self.current[start:]).strip()
        before = "".join(self.current[:start])
        if re.fullmatch(r"\d{1,3}", mark) and before.rstrip() and not before.rstrip()[-1].isdigit():
            self.current = [before.rstrip(), mark]

    # -- blocks -----------------------------------------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self.current)
        if not self.pre:
            lines = [re.sub(r"[ \t\r\n\f\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
            text = "\n".join(ln for ln in lines if ln)
        plain = re.sub(r"\s", "", text)
        if plain:
            self.blocks.append({"text": text, "bold": self.heading or (self.bold_chars >= 0.9 * len(plain)),
                                "footnote": self.footnote_depth > 0, "rule": False})
        self.current = []
        self.bold_chars = 0
        self.heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
            return
        marks_footnotes = "footnote" in (a.get("class", "") + a.get("id", "")).lower()
        if tag in _BLOCK:
            self._flush()
            self.depth += 1
            if marks_footnotes or (self.footnote_depth and tag in ("ol", "ul", "div", "section")):
                self.footnote_depth += 1
        if tag in _HEADINGS:
            self.heading = True
        if tag == "br":
            self.current.append("\n")
        elif tag == "hr":
            self._flush()
            self.blocks.append({"text": _RULE, "bold": False, "footnote": False, "rule": True})
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag == "sup":
            self.sup_start = len(self.current)
        elif tag == "pre":
            self.pre += 1
        elif tag == "ol":
            kind = (a.get("type") or "1").lower()
            if self.footnote_depth or marks_footnotes:
                kind = "footnote"
            start = int(a["start"]) if a.get("start", "").isdigit() else 1
            self.lists.append({"kind": kind, "next": start})
        elif tag == "ul":
            self.lists.append({"kind": "bullet", "next": 0})
        elif tag == "li":
            if re.match(r"^fn[-:_]?\d+$", a.get("id", "")) and self.lists:
                self.lists[-1]["kind"] = "footnote"
                self.footnote_depth += 0 if self.footnote_depth else 1
            if self.lists:
                lst = self.lists[-1]
                if a.get("value", "").isdigit():
                    lst["next"] = int(a["value"])
                if lst["kind"] == "bullet":
                    self.current.append("- ")
                else:
                    self.current.append(_marker(lst["kind"], lst["next"]))
                    lst["next"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag == "sup" and self.sup_start is not None:
            self._glue_marker()
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCK:
            self._flush()
            self.depth -= 1
            if tag in ("ol", "ul") and self.lists:
                if self.lists.pop()["kind"] == "footnote" and self.footnote_depth:
                    self.footnote_depth -= 1
            elif self.footnote_depth and tag in ("div", "section"):
                self.footnote_depth -= 1
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\u21a9", "")  # a footnote's back-link arrow
        if self.bold:
            self.bold_chars += len(re.sub(r"\s", "", data))
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(text: str, front_matter: bool = True) -> str:
    """HTML blocks -> plain text the parser reads (see the module docstring). front_matter=False
    for HTML inside another format (a markdown file's HTML block), where no front matter may stand."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    blocks = reader.blocks
    out: list[str] = []
    title = None
    seen_opener = False
    footnotes: list[str] = []
    for i, block in enumerate(blocks):
        t = block["text"]
        if block["rule"]:
            following = blocks[i + 1]["text"] if i + 1 < len(blocks) else ""
            if re.match(r"^\d{1,3}\s", following):
                out.append(_RULE)
            continue
        if block["footnote"]:
            footnotes.append(t.replace("\n", " "))
            continue
        if _OPENER.match(t):
            seen_opener = True
        elif not seen_opener and title is None and block["bold"] and not re.match(r"^\d+/\d+\.", t):
            title = t.replace("\n", " ")
        out.append(t)
    if footnotes:
        if _RULE not in out:
            out.append(_RULE)
        out += footnotes
    body = "\n\n".join(out) + "\n"
    if title and front_matter:
        safe = title.replace('"', "'")
        body = f'---\ntitle: "{safe}"\n---\n\n' + body
    return body
