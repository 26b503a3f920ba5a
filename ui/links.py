"""Where things live on the server, and text with its links and highlight as markup.

The document view's URL scheme (README "The document view"):
    /doc/{slug}#{unit}          e.g. /doc/S-RES-661-1990#op3, /doc/A-RES-64-12#op10
    /embed/doc/{slug}#{unit}    the same, compact, for the chat's side panel and iframes
The slug is the symbol with every run of characters other than letters and digits turned into
"-" ("S/RES/661 (1990)" -> "S-RES-661-1990"): a single path segment, so one page links to another
by a relative URL that holds behind any proxy prefix. The symbol as written works too
(/doc/S/RES/661%20(1990)#op3, spaces and case ignored): it redirects to the slug and the browser
keeps the fragment. The fragment is the clause id of the index (pp3, op10, op7(a), fn8, annexI.1,
meta for the title and adoption record).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from qa.answers.document import body_of
from qa.references import ReferenceResolver, find_references

__all__ = ["slug", "DocumentPaths", "fragment", "doc_path", "share_query", "reference_links", "markup",
           "base_of", "Link", "ChatLinks", "with_urls"]

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def slug(symbol: str) -> str:
    """"S/RES/661 (1990)" -> "S-RES-661-1990"."""
    return _NOT_ALNUM.sub("-", symbol).strip("-")


def fragment(unit: str) -> str:
    """The clause id as a URL fragment (parentheses and dots are fine there)."""
    return quote(unit, safe="()._~-")


def doc_path(symbol: str, unit: str | None = None) -> str:
    """The view's path below the chat's base, without a leading slash: "doc/A-RES-64-12#op10"."""
    return f"doc/{slug(symbol)}" + (f"#{fragment(unit)}" if unit else "")


def share_query(question: str, doc: str | None = None) -> str:
    """"?q=...&doc=..." that opens the chat with the question asked (README "Shareable answers")."""
    params = {"q": question} if question else {}
    if doc:
        params["doc"] = doc
    return "?" + urlencode(params, quote_via=quote)


class DocumentPaths:
    """The indexed symbols by slug and by symbol (spaces and case ignored)."""

    def __init__(self, symbols: Iterable[str]) -> None:
        self._by_slug: dict[str, str] = {}
        self._by_symbol: dict[str, str] = {}
        for symbol in symbols:
            self._by_slug.setdefault(slug(symbol).lower(), symbol)
            self._by_symbol[re.sub(r"\s+", "", symbol).lower()] = symbol

    def by_slug(self, text: str) -> str | None:
        return self._by_slug.get(text.strip().lower())

    def by_symbol(self, text: str) -> str | None:
        return self._by_symbol.get(re.sub(r"\s+", "", text).lower())


def with_urls(answer: dict, base: str) -> dict:
    """An answer's JSON with each citation's `url`: its clause in the document view, absolute from
    the server's base URL ("http://host/")."""
    root = base.rstrip("/")
    for citation in answer.get("citations", []):
        citation["url"] = f"{root}/{doc_path(str(citation.get('doc', '')), str(citation.get('unit', '')) or None)}"
    return answer


def base_of(url: str, forwarded_host: str | None = None, forwarded_proto: str | None = None) -> str:
    """The public base of a Gradio mount from the URL of one of its requests ("http://h/embed" from
    "http://h/embed/gradio_api/queue/join?..."); a proxy's X-Forwarded-Host/-Proto win."""
    base = url.split("?", 1)[0]
    base = base.split("/gradio_api/", 1)[0].rstrip("/")
    if forwarded_host:
        scheme = (forwarded_proto or base.split(":", 1)[0]).split(",")[0].strip()
        path = re.sub(r"^[a-z]+://[^/]+", "", base)
        base = f"{scheme}://{forwarded_host.split(',')[0].strip()}{path}"
    return base


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    href: str
    title: str = ""


def reference_links(text: str, own_symbol: str, own_body: str | None, resolver: ReferenceResolver,
                    href: Callable[[str], str]) -> list[Link]:
    """Links over the references in text that name an indexed resolution (not the text's own);
    a reference to a resolution the index does not hold stays plain text."""
    links = []
    for ref in find_references(text, own_body or body_of(own_symbol)):
        target = resolver.resolve(ref.key)
        if target is not None and target != own_symbol:
            links.append(Link(ref.start, ref.end, href(target), f"Read {target}"))
    return links


def markup(text: str, escape: Callable[[str], str], span: Sequence[int] | None = None,
           links: Iterable[Link] = (), link_class: str = "") -> str:
    """text escaped, the [start, end) `span` in <mark>, each link an <a>; tags nest properly where
    a link and the mark overlap. A span out of range marks nothing."""
    mark = None
    if span and len(span) == 2:
        start, end = max(0, int(span[0])), min(len(text), int(span[1]))
        mark = (start, end) if start < end else None
    kept = sorted((link for link in links if 0 <= link.start < link.end <= len(text)), key=lambda link: link.start)
    chosen: list[Link] = []
    for link in kept:  # overlapping links: the first wins
        if not chosen or link.start >= chosen[-1].end:
            chosen.append(link)
    cuts = {0, len(text)} | ({mark[0], mark[1]} if mark else set())
    for link in chosen:
        cuts |= {link.start, link.end}
    points = sorted(cuts)
    out: list[str] = []
    marked = False
    for a, b in zip(points, points[1:], strict=False):
        piece = escape(text[a:b])
        link = next((x for x in chosen if x.start <= a and b <= x.end), None)
        if link is not None:
            css = f' class="{link_class}"' if link_class else ""
            title = f' title="{html.escape(link.title, quote=True)}"' if link.title else ""
            piece = f'<a href="{html.escape(link.href, quote=True)}"{css}{title}>{piece}</a>'
        inside = mark is not None and mark[0] <= a and b <= mark[1]
        if inside and not marked:
            out.append("<mark>")
        elif marked and not inside:
            out.append("</mark>")
        marked = inside
        out.append(piece)
    if marked:
        out.append("</mark>")
    return "".join(out)


@dataclass(frozen=True)
class ChatLinks:
    """The links one chat page writes: base is its mount's public URL ("https://h" for the chat,
    "https://h/embed" for the compact one, whose citations open the compact view)."""

    base: str
    resolver: ReferenceResolver
    bodies: dict[str, str | None]  # symbol -> body, for "its resolution 62/7"

    def doc(self, symbol: str, unit: str | None = None) -> str:
        return f"{self.base}/{doc_path(symbol, unit)}"

    def share(self, question: str, doc: str | None = None) -> str:
        """The full chat with the question asked: what a colleague opens."""
        root = self.base[: -len("/embed")] if self.base.endswith("/embed") else self.base
        return f"{root}/{share_query(question, doc)}"

    def references(self, text: str, symbol: str) -> list[Link]:
        return reference_links(text, symbol, self.bodies.get(symbol), self.resolver, lambda s: self.doc(s))
