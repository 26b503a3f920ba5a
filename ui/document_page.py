"""The HTML of the document view: one resolution as indexed, every clause in order.

A self-contained page: its style inline, no script, no font, image or anything else fetched (the
route also sends a Content-Security-Policy that forbids them). Every string from the index goes
through `html.escape` once, as text; only the tags written here reach the page. The clause a
citation names is the URL's fragment (`#op10`): `:target` highlights it and the browser scrolls to
it. Links between resolutions are relative ("S-RES-678-1990"), so they stay inside /doc/ or
/embed/doc/ whichever the page was opened as.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date

from qa.answers.document import Document, DocumentClause
from qa.references import ReferenceResolver
from ui.links import fragment, markup, reference_links, slug

__all__ = ["document_html", "not_found_html"]

_KIND_PARTS = (("preambular", "Preamble"), ("operative", "Operative part"))
_ANNEX_UNIT = re.compile(r"^annex([IVXL]*)\.")

STYLE = """
:root { color-scheme: light dark; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --hit: #fef3c7;
  --hit-edge: #d97706; --link: #1d4ed8; --bg: #ffffff; --soft: #f9fafb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e7eb; --muted: #9ca3af; --line: #374151;
  --hit: #422006; --hit-edge: #f59e0b; --link: #93c5fd; --bg: #111827; --soft: #1f2937; } }
* { box-sizing: border-box; }
html { scroll-padding-top: 20vh; } /* the cited clause below the paragraph before it */
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.6;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
main, header, nav.qa-refs { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
a { color: var(--link); }
header { padding-top: 1.25rem; }
.qa-back { font-size: .9rem; margin: 0 0 .75rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .25rem; }
.qa-title { font-size: 1.1rem; margin: 0 0 .75rem; }
.qa-record { color: var(--muted); font-size: .92rem; border-left: 3px solid var(--line); padding: .1rem 0 .1rem .75rem;
  margin: 0 0 1rem; }
.qa-record p { margin: .2rem 0; }
nav.qa-refs { font-size: .92rem; }
nav.qa-refs p { margin: .3rem 0; }
nav.qa-refs a { white-space: nowrap; }
h2 { font-size: 1.05rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.qa-clause { margin: .15rem -.6rem; padding: .45rem .6rem; border-radius: 6px; border-left: 3px solid transparent; }
.qa-clause p { margin: 0; overflow-wrap: anywhere; }
.qa-clause .qa-label { display: block; font-size: .78rem; color: var(--muted); text-decoration: none;
  font-variant-numeric: tabular-nums; }
.qa-clause .qa-label:hover { text-decoration: underline; }
.qa-depth-1 { margin-left: 1.2rem; }
.qa-depth-2 { margin-left: 2.4rem; }
.qa-depth-3 { margin-left: 3.6rem; }
.qa-clause:target, #meta:target { background: var(--hit); border-left-color: var(--hit-edge); }
.qa-clause:target .qa-label::after, #meta:target .qa-cited::after { content: " · cited"; font-weight: 600;
  color: var(--hit-edge); }
sup a { text-decoration: none; padding: 0 .1em; }
.qa-footnote .qa-back-refs { font-size: .85rem; color: var(--muted); }
footer { max-width: 46rem; margin: 2rem auto 2.5rem; padding: 0 1.25rem; font-size: .85rem; color: var(--muted); }
body.qa-compact { font-size: 15px; }
body.qa-compact header { padding-top: .75rem; }
body.qa-compact h1 { font-size: 1.2rem; }
body.qa-compact .qa-title { font-size: 1rem; }
body.qa-compact main, body.qa-compact header, body.qa-compact nav.qa-refs, body.qa-compact footer { padding: 0 .9rem; }
@media (max-width: 480px) { main, header, nav.qa-refs, footer { padding: 0 .9rem; } .qa-depth-2, .qa-depth-3 { margin-left: 1.8rem; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _date_words(iso: str | None) -> str:
    try:
        day = date.fromisoformat(str(iso)[:10])
    except (TypeError, ValueError):
        return ""
    return f"{day.day} {day:%B %Y}"


def _depth(clause: DocumentClause, parents: dict[str, str | None]) -> int:
    depth, parent, seen = 0, clause.parent, set()
    while parent and parent in parents and parent not in seen and depth < 3:
        seen.add(parent)
        depth += 1
        parent = parents[parent]
    return depth


class _Page:
    """One document's markup; `href(symbol)` is the relative link to another indexed resolution."""

    def __init__(self, document: Document, resolver: ReferenceResolver, href: Callable[[str], str]) -> None:
        self.document = document
        self.resolver = resolver
        self.href = href
        self.numbers = {c.unit: c.number or c.unit for c in document.footnotes}

    def text(self, text: str) -> str:
        links = reference_links(text, self.document.symbol, self.document.body, self.resolver, self.href)
        return markup(text, _e, links=links, link_class="qa-ref")

    def clause(self, clause: DocumentClause, depth: int) -> str:
        marks = "".join(
            f'<sup><a href="#{_e(fragment(f.unit))}" id="{_e(f"{clause.unit}-{f.unit}")}" '
            f'title="{_e(f.label)}">{_e(self.numbers.get(f.unit, f.unit))}</a></sup>'
            for f in clause.footnotes
        )
        css = f"qa-clause qa-{_e(clause.kind)}" + (f" qa-depth-{depth}" if depth else "")
        return (f'<div class="{css}" id="{_e(clause.unit)}">'
                f'<a class="qa-label" href="#{_e(fragment(clause.unit))}">{_e(clause.short_label)}</a>'
                f"<p>{self.text(clause.text)}{marks}</p></div>")

    def footnote(self, clause: DocumentClause) -> str:
        back = ", ".join(
            f'<a href="#{_e(fragment(ref.unit))}">{_e(ref.label.partition(", ")[2] or ref.label)}</a>'
            for ref in clause.cited_by
        )
        cited = f'<br><span class="qa-back-refs">Cited in {back}</span>' if back else ""
        return (f'<div class="qa-clause qa-footnote" id="{_e(clause.unit)}">'
                f'<a class="qa-label" href="#{_e(fragment(clause.unit))}">{_e(clause.short_label)}</a>'
                f"<p>{self.text(clause.text)}{cited}</p></div>")

    def parts(self) -> str:
        clauses = self.document.body_clauses
        parents = {c.unit: c.parent for c in clauses}
        out: list[str] = []
        section = None
        heading = None
        for clause in clauses:
            annex = _ANNEX_UNIT.match(clause.unit)
            title = (f"Annex {annex.group(1)}".strip() if annex else dict(_KIND_PARTS).get(clause.kind, "Text"))
            if title != section:
                out.append(f"<h2>{_e(title)}</h2>")
                section, heading = title, None
            if clause.heading and clause.heading != heading:
                out.append(f"<h3>{self.text(clause.heading)}</h3>")
                heading = clause.heading
            out.append(self.clause(clause, _depth(clause, parents)))
        footnotes = self.document.footnotes
        if footnotes:
            out.append('<h2 id="footnotes">Footnotes</h2>')
            out.extend(self.footnote(c) for c in footnotes)
        return "\n".join(out)

    def references(self) -> str:
        rows = []
        for title, symbols in (("Refers to", self.document.refers_to), ("Referred to by", self.document.referred_by)):
            if symbols:
                links = ", ".join(f'<a href="{_e(self.href(s))}">{_e(s)}</a>' for s in symbols)
                rows.append(f"<p><strong>{title}</strong> (in this index): {links}</p>")
        return f'<nav class="qa-refs" aria-label="Related resolutions">{"".join(rows)}</nav>' if rows else ""

    def header(self, chat_href: str | None) -> str:
        doc = self.document
        back = f'<p class="qa-back"><a href="{_e(chat_href)}">← Ask about this resolution</a></p>' if chat_href else ""
        facts = [doc.body or ""]
        adopted = _date_words(doc.adopted)
        if adopted:
            facts.append(f"adopted {adopted}")
        elif doc.year:
            facts.append(str(doc.year))
        summary = ", ".join(f for f in facts if f)
        record = ""
        if doc.record is not None:
            record = (f'<section class="qa-record" id="meta" aria-label="Title and adoption record">'
                      f'<p class="qa-cited">{_e(summary)}</p><p>{self.text(doc.record.text)}</p></section>')
        elif summary:
            record = f'<section class="qa-record"><p>{_e(summary)}</p></section>'
        title = f'<p class="qa-title">{_e(doc.title)}</p>' if doc.title and doc.title != doc.symbol else ""
        return f"<header>{back}<h1>{_e(doc.symbol)}</h1>{title}{record}</header>"


def document_html(document: Document, resolver: ReferenceResolver, *, compact: bool = False,
                  chat_href: str | None = None, full_href: str | None = None) -> str:
    """The whole page. chat_href: the "ask about it" link (full view); full_href: "open as a page"
    (compact view)."""
    page = _Page(document, resolver, lambda symbol: slug(symbol))
    title = f"{document.symbol} — {document.title}" if document.title else document.symbol
    full = (f'<footer><a href="{_e(full_href)}" target="_blank" rel="noopener">Open {_e(document.symbol)} '
            f"as its own page</a></footer>") if full_href else "<footer>The text as indexed: clauses verbatim, "\
        "footnote markers as links.</footer>"
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
        f'<body class="{"qa-compact" if compact else "qa-full"}">'
        f"{page.header(None if compact else chat_href)}{page.references()}"
        f"<main>{page.parts()}</main>{full}</body></html>"
    )


def not_found_html(asked: str, chat_href: str) -> str:
    """The page for a symbol the index does not hold: says so, and how to find one."""
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Not in this index</title><style>{STYLE}</style></head><body><header>"
        f"<h1>No resolution “{_e(asked)}” in this index</h1>"
        f'<p>Check the symbol (for example A/RES/64/12 or S/RES/661 (1990)), or <a href="{_e(chat_href)}">'
        "ask the chat</a>, which searches every indexed resolution.</p></header></body></html>"
    )
