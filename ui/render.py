"""An Answer as chat messages: HTML-escaped text, the matched span marked, citations in bold.

Every string that comes from a visitor or from a resolution goes through `escape` before it is
put into markup; only the tags written here (div, p, strong, code, mark, span, small, ul, li) reach
the Chatbot, which sanitizes once more. Messages are plain dicts in Gradio's messages format, so
this module does not import gradio.
"""

from __future__ import annotations

import html

from qa.answers.answer import Answer, Citation

NOT_ADDRESSED = "The resolution does not address this."

# Markdown and math-renderer control characters, as entities: the Chatbot renders Markdown, and a
# verbatim clause must not turn into emphasis, a link, a heading or a formula.
_MARKDOWN_ENTITIES = str.maketrans(
    {
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
    return html.escape(str(text), quote=True).translate(_MARKDOWN_ENTITIES)


def highlight(text: str, span: tuple[int, int] | list[int] | None) -> str:
    """`text` escaped, with the [start, end) span wrapped in <mark>; a span out of range marks nothing."""
    if not span or len(span) != 2:
        return escape(text)
    start, end = int(span[0]), int(span[1])
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return escape(text)
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def label_html(label: str) -> str:
    return f"<strong><code>{escape(label)}</code></strong>"


def _footnotes_html(citation: Citation) -> str:
    if not citation.footnotes:
        return ""
    items = "".join(
        f"<li>{label_html(fn.label)}: {escape(fn.text)}</li>" for fn in citation.footnotes
    )
    return f'<div class="qa-footnotes"><small>Footnotes cited:</small><ul>{items}</ul></div>'


def _cited_by_html(citation: Citation) -> str:
    if not citation.cited_by:
        return ""
    labels = ", ".join(label_html(ref.label) for ref in citation.cited_by)
    return f'<p class="qa-cited-by"><small>Cited by</small> {labels}</p>'


def citation_html(citation: Citation, *, with_score: bool = False) -> str:
    """One clause: its label (bold, in a code span for copying), its text with the span marked,
    the footnotes it cites and, for a footnote, the paragraphs that cite it."""
    score = f' <span class="qa-score">score {citation.score:.2f}</span>' if with_score else ""
    return (
        '<div class="qa-citation">'
        f'<p class="qa-label">{label_html(citation.label)}{score}</p>'
        f'<p class="qa-text">{highlight(citation.text, citation.highlight)}</p>'
        f"{_cited_by_html(citation)}{_footnotes_html(citation)}"
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


def answer_messages(answer: Answer) -> list[dict]:
    """The assistant's turn: the best clause (or the abstention), then a collapsed "Sources" message."""
    citations = list(answer.citations)
    if answer.answered and citations:
        best, others = citations[0], citations[1:]
        messages = [{"role": "assistant", "content": citation_html(best)}]
        sources_title = "Sources"
    else:
        detail = abstention_reason(answer.message)
        content = f'<p class="qa-abstain"><strong>{escape(NOT_ADDRESSED)}</strong></p>'
        if detail:
            content += f'<p class="qa-reason"><small>{escape(detail)}</small></p>'
        if citations:
            content += "<p><small>The closest passages are listed below; they do not answer the question.</small></p>"
        messages = [{"role": "assistant", "content": content}]
        others = citations
        sources_title = "Closest passages"
    if others:
        body = "".join(citation_html(c, with_score=True) for c in others)
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
