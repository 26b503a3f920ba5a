"""An Answer as chat messages: HTML-escaped text, the matched span marked, citations in bold and
linked to the document view, references to indexed resolutions linked (ui.links.ChatLinks).

Every string that comes from a visitor or from a resolution goes through `escape` exactly once,
as it is put into markup; only the tags written here (div, p, strong, code, mark, span, small, ul,
li, a) reach the Chatbot, which sanitizes once more. Messages are plain dicts in Gradio's messages
format, so this module does not import gradio.
"""

from __future__ import annotations

import html

from qa.answers.answer import Answer, Citation
from ui.links import ChatLinks, markup

NOT_ADDRESSED = "The resolution does not address this."

# One character, one entity, in a single pass: HTML's five, and the Markdown and math-renderer
# control characters (the Chatbot renders Markdown, and a verbatim clause must not turn into
# emphasis, a link, a heading or a formula). One pass matters: escaping HTML first and Markdown
# after turned the "#" of "&#x27;" into "&#35;", and the page showed "&#x27;" for an apostrophe.
_ENTITIES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "*": "&#42;",
        "_": "&#95;",
        "`": "&#96;",
        "[": "&#91;",
        "]": "&#93;",
        "#": "&#35;",
        "|": "&#124;",
        "~": "&#126;",
        "\\": "&#92;",
        "$": "&#36;",
        "\n": "<br>",
        "\r": "",
    }
)


def escape(text: str) -> str:
    """Text safe to put inside markup: HTML-escaped, Markdown-inert, newlines as <br>."""
    return str(text).translate(_ENTITIES)


def highlight(text: str, span: tuple[int, int] | list[int] | None, links: ChatLinks | None = None,
              doc: str | None = None) -> str:
    """`text` escaped, with the [start, end) span wrapped in <mark>; a span out of range marks nothing.
    With links, the resolutions it refers to that the index holds are links to their view."""
    found = links.references(text, doc) if links is not None and doc else []
    return markup(text, escape, span=span, links=found, link_class="qa-open qa-ref")


def attribute(value: str) -> str:
    """A value for an attribute of a tag written here (Markdown leaves tags' attributes alone)."""
    return html.escape(str(value), quote=True)


def label_html(label: str, href: str | None = None) -> str:
    code = f"<strong><code>{escape(label)}</code></strong>"
    return f'<a class="qa-open" href="{attribute(href)}" title="Read it in the resolution">{code}</a>' if href else code


def _href(links: ChatLinks | None, doc: str, unit: str) -> str | None:
    return links.doc(doc, unit) if links is not None else None


def _footnotes_html(citation: Citation, links: ChatLinks | None) -> str:
    if not citation.footnotes:
        return ""
    items = "".join(
        f"<li>{label_html(fn.label, _href(links, citation.doc, fn.unit))}: "
        f"{highlight(fn.text, None, links, citation.doc)}</li>"
        for fn in citation.footnotes
    )
    return f'<div class="qa-footnotes"><small>Footnotes cited:</small><ul>{items}</ul></div>'


def _cited_by_html(citation: Citation, links: ChatLinks | None) -> str:
    if not citation.cited_by:
        return ""
    labels = ", ".join(label_html(ref.label, _href(links, citation.doc, ref.unit)) for ref in citation.cited_by)
    return f'<p class="qa-cited-by"><small>Cited by</small> {labels}</p>'


def citation_html(citation: Citation, *, with_score: bool = False, links: ChatLinks | None = None) -> str:
    """One clause: its label (bold, a link to the clause in its resolution), its text with the span
    marked, the footnotes it cites and, for a footnote, the paragraphs that cite it."""
    score = f' <span class="qa-score">score {citation.score:.2f}</span>' if with_score else ""
    return (
        '<div class="qa-citation">'
        f'<p class="qa-label">{label_html(citation.label, _href(links, citation.doc, citation.unit))}{score}</p>'
        f'<p class="qa-text">{highlight(citation.text, citation.highlight, links, citation.doc)}</p>'
        f"{_cited_by_html(citation, links)}{_footnotes_html(citation, links)}"
        "</div>"
    )


def abstention_reason(message: str | None) -> str:
    """What the engine's abstention message adds to "The resolution does not address this." and
    "These are the closest passages." (said once each by the chat): e.g. "The question names Iran,
    which the document does not mention." Empty when it adds nothing."""
    text = (message or "").strip()
    stem = NOT_ADDRESSED.rstrip(".")
    if text.startswith(stem):
        text = text[len(stem):]
    text = text.replace("These are the closest passages.", "").strip(" .:;")
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def user_message(question: str) -> dict:
    return {"role": "user", "content": escape(question)}


def error_message(message: str) -> dict:
    return {"role": "assistant", "content": f'<p class="qa-error">{escape(message)}</p>'}


def scope_note(doc: str, question: str, links: ChatLinks | None) -> str:
    """What a follow-up answer says first: where it was looked for, and the way back to all."""
    undo = (f'<a class="qa-search-all" href="{attribute(links.share(question))}">search all instead</a>'
            if links is not None else "search all instead")
    return (f'<p class="qa-scope"><small>In {escape(doc)}, the resolution of the previous answer · '
            f"{undo}</small></p>")


def share_html(answer: Answer, doc: str | None, links: ChatLinks | None) -> str:
    if links is None:
        return ""
    href = attribute(links.share(answer.question, doc))
    return f'<p class="qa-tools"><small><a class="qa-share" href="{href}">Link to this answer</a></small></p>'


def answer_messages(answer: Answer, links: ChatLinks | None = None, *, scope: str | None = None,
                    asked_in: str | None = None) -> list[dict]:
    """The assistant's turn: the best clause (or the abstention), then a collapsed "Sources" message.
    scope: the resolution a follow-up was asked in (said first, with "search all instead");
    asked_in: the document the question was restricted to, for the answer's shareable link."""
    citations = list(answer.citations)
    lead = scope_note(scope, answer.question, links) if scope else ""
    if answer.answered and citations:
        best, others = citations[0], citations[1:]
        content = lead + citation_html(best, links=links)
        sources_title = "Sources"
    else:
        detail = abstention_reason(answer.message)
        content = lead + f'<p class="qa-abstain"><strong>{escape(NOT_ADDRESSED)}</strong></p>'
        if detail:
            content += f'<p class="qa-reason"><small>{escape(detail)}</small></p>'
        if citations:
            content += "<p><small>The closest passages are listed below; they do not answer the question.</small></p>"
        others = citations
        sources_title = "Closest passages"
    messages = [{"role": "assistant", "content": content + share_html(answer, asked_in or scope, links)}]
    if others:
        body = "".join(citation_html(c, with_score=True, links=links) for c in others)
        messages.append(
            {
                "role": "assistant",
                "content": body,
                "metadata": {"title": f"{sources_title} ({len(others)})", "status": "done"},
            }
        )
    return messages


def citation_to_copy(answer: Answer) -> str:
    """The label a user pastes into their notes: the best clause's, when there is an answer."""
    if answer.answered and answer.citations:
        return answer.citations[0].label
    return ""
