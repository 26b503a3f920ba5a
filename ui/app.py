"""The Gradio chat over an Engine: a full page (`/`) and a compact one for iframes and widgets (`/embed`)."""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from qa.engine import clean_question
from qa.errors import BadQuestion
from ui.batching import MicroBatcher
from ui.render import answer_messages, citation_to_copy, error_message, user_message

log = logging.getLogger(__name__)

ALL_DOCUMENTS = ""  # dropdown value meaning "search every resolution in the index"
MAX_QUESTION_CHARS = 2000
MAX_HISTORY_MESSAGES = 60  # per visitor, kept on the server; older turns drop off

# Questions any UN resolution can answer; they show a first-time visitor what to ask.
EXAMPLE_QUESTIONS = [
    "Which country will host the seventh conference?",
    "What is the Secretary-General requested to do?",
    "Which earlier resolutions are recalled?",
    "What does the Assembly decide?",
]

SYSTEM_FONTS = [
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Roboto",
    "Helvetica Neue",
    "Arial",
    "Noto Sans",
    "sans-serif",
]
SYSTEM_MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "monospace"]


def make_theme() -> gr.themes.Base:
    """Gradio's default look with the visitor's own system fonts: no font file is fetched."""
    return gr.themes.Default(primary_hue="blue", font=SYSTEM_FONTS, font_mono=SYSTEM_MONO_FONTS)


CSS = """
.qa-header h1 { margin-bottom: 0.1em; }
.qa-header p { margin-top: 0; color: var(--body-text-color-subdued); }
.qa-chat .qa-citation + .qa-citation { border-top: 1px solid var(--border-color-primary); margin-top: .6em; padding-top: .6em; }
.qa-chat .qa-label { margin: 0 0 .3em 0; }
.qa-chat .qa-label code { font-size: .9em; padding: .1em .35em; border-radius: 4px;
  background: var(--background-fill-secondary); user-select: all; }
.qa-chat .qa-score { color: var(--body-text-color-subdued); font-size: .8em; margin-left: .5em; }
.qa-chat .qa-text { margin: 0; line-height: 1.55; }
.qa-chat mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 2px; }
.dark .qa-chat mark { background: #854d0e; }
.qa-chat .qa-footnotes ul { margin: .2em 0 0 1.2em; padding: 0; }
.qa-chat .qa-footnotes, .qa-chat .qa-cited-by { margin-top: .4em; font-size: .92em; }
.qa-chat .qa-abstain { margin: 0 0 .3em 0; }
.qa-chat .qa-error { margin: 0; color: var(--error-text-color, #b91c1c); }
.qa-cite textarea { font-family: var(--font-mono); }
"""

# The embedded chat: no header, footer or page margins; every pixel of a small iframe goes to the chat.
COMPACT_CSS = """
.gradio-container { padding: 6px !important; max-width: none !important; }
.gradio-container .main, .gradio-container .contain, .gradio-container .app { padding: 0 !important; margin: 0 !important; }
footer { display: none !important; }
"""


def document_choices(documents: list[dict]) -> list[tuple[str, str]]:
    choices = [("All resolutions", ALL_DOCUMENTS)]
    for document in documents:
        symbol = str(document.get("symbol", ""))
        title = str(document.get("title") or "")
        shown = f"{symbol} — {title}" if title and title != symbol else symbol
        choices.append((shown[:120], symbol))
    return choices


def make_responder(batcher: MicroBatcher, k: int = 5):
    """The chat turn: the question and the visitor's history in, the history with the answer out."""

    async def ask(question: str | None, doc: str | None, history: list[dict] | None) -> tuple[Any, ...]:
        history = list(history or [])
        question = (question or "").strip()
        if not question:
            return history, "", gr.skip(), history
        # Echo what is searched (no control characters), bounded: the history is kept per visitor.
        shown = clean_question(question)
        if len(shown) > MAX_QUESTION_CHARS:
            shown = shown[:MAX_QUESTION_CHARS] + "…"
        history.append(user_message(shown or "(empty)"))
        cite = ""
        try:
            answer = await batcher.ask(question, k=k, doc=doc or None)
        except BadQuestion as error:
            history.append(error_message(str(error)))
        except Exception:  # the visitor sees a sentence, the operator's log the traceback
            log.exception("answering failed")
            history.append(error_message("Something went wrong while answering. Please try again."))
        else:
            history.extend(answer_messages(answer))
            cite = citation_to_copy(answer)
        history = history[-MAX_HISTORY_MESSAGES:]
        return history, "", cite, history

    return ask


def build_chat(engine: Any, batcher: MicroBatcher, *, compact: bool = False, concurrency: int = 8) -> gr.Blocks:
    """The chat. `compact`: no header or footer, sized for an iframe or a narrow screen."""
    documents = list(engine.documents)
    ask = make_responder(batcher)
    with gr.Blocks(
        title="Ask a UN resolution",
        analytics_enabled=False,
        fill_height=True,
        fill_width=compact,
    ) as demo:
        if not compact:
            count = engine.passage_count
            symbols = ", ".join(str(d.get("symbol")) for d in documents[:4]) + (" …" if len(documents) > 4 else "")
            gr.Markdown(
                "# Ask a UN resolution\n"
                f"Answers are the resolution's own clauses, quoted verbatim with their exact citation. "
                f"Searching {len(documents)} resolution{'s' if len(documents) != 1 else ''} "
                f"({symbols}; {count} passages).",
                elem_classes=["qa-header"],
            )
        history = gr.State([])
        doc = gr.Dropdown(
            choices=document_choices(documents),
            value=ALL_DOCUMENTS,
            label="Resolution",
            visible=len(documents) > 1,
            interactive=True,
            filterable=True,
            # An unknown symbol from an API client reaches the engine, whose message lists the known
            # ones in the chat; Gradio's own choice check would raise (and log a traceback) instead.
            allow_custom_value=True,
        )
        chatbot = gr.Chatbot(
            label="Answers",
            show_label=False,
            elem_classes=["qa-chat"],
            height=480 if compact else 560,
            min_height=260 if compact else 420,
            scale=1,
            buttons=[],
            sanitize_html=True,
            allow_tags=False,
            render_markdown=True,
            latex_delimiters=[],
            feedback_options=None,
            layout="bubble",
            placeholder="Ask a question: the answer is the clause that says it, cited exactly.",
            examples=[{"text": q} for q in EXAMPLE_QUESTIONS],
        )
        question = gr.Textbox(
            placeholder="Ask about the resolution, e.g. Which country will host the seventh conference?",
            show_label=False,
            lines=1,
            max_lines=4,
            max_length=MAX_QUESTION_CHARS,
            submit_btn="Ask",
            autofocus=not compact,
        )
        cite = gr.Textbox(
            label="Cite as",
            interactive=False,
            buttons=["copy"],
            elem_classes=["qa-cite"],
            placeholder="The citation of the best answer appears here.",
        )
        question.submit(
            ask,
            inputs=[question, doc, history],
            outputs=[chatbot, question, cite, history],
            api_name="ask",
            concurrency_limit=concurrency,
        )

        async def ask_example(selection: gr.SelectData, doc_value: str | None, past: list[dict] | None):
            value = selection.value if isinstance(selection.value, dict) else {"text": str(selection.value)}
            return await ask(str(value.get("text", "")), doc_value, past)

        chatbot.example_select(
            ask_example,
            inputs=[doc, history],
            outputs=[chatbot, question, cite, history],
            api_visibility="private",
            concurrency_limit=concurrency,
        )
    demo.queue(api_open=False, default_concurrency_limit=concurrency)
    return demo
