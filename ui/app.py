"""The Gradio chat over an Engine: a full page (`/`) and a compact one for iframes and widgets (`/embed`).

Its texts (header, placeholder, examples, picker, filters) come from the index (ui.index_texts); its
turns, follow-ups and shared links are ui.conversation; ui/static/chat.js opens cited clauses in the
document view beside or over the chat.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import gradio as gr

from ui.batching import MicroBatcher
from ui.conversation import MAX_QUESTION_CHARS, Conversation
from ui.index_texts import ALL, IndexTexts, index_texts

ALL_DOCUMENTS = ALL  # the picker's value meaning "search every resolution in the index"
CHAT_JS = (Path(__file__).parent / "static" / "chat.js").read_text(encoding="utf-8")


_TEXTS: WeakKeyDictionary = WeakKeyDictionary()  # held no longer than its engine: a reload frees the old index


def texts_for(engine: Any) -> IndexTexts:
    """Built once per engine: choosing the examples asks each candidate once."""
    texts = _TEXTS.get(engine)
    if texts is None:
        texts = _TEXTS[engine] = index_texts(engine)
    return texts


def current_pickers(engine: Any, built_on: Any) -> tuple[Any, Any, Any]:
    """On page load: the picker's and filters' choices of the index served now, when a new build has
    replaced the one the page was built on (ui.live_engine); else nothing changes (gr.skip())."""
    now = getattr(engine, "current", engine)
    if now is built_on:
        return gr.skip(), gr.skip(), gr.skip()
    texts = texts_for(now)
    return (gr.update(choices=list(texts.documents), visible=len(texts.documents) > 2),
            gr.update(choices=list(texts.bodies) or [("All bodies", ALL)], visible=bool(texts.bodies)),
            gr.update(choices=list(texts.years) or [("All years", ALL)], visible=bool(texts.years)))


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
.qa-header p { margin-top: 0; color: var(--body-text-color); opacity: .82; }
.qa-chat .qa-citation + .qa-citation { border-top: 1px solid var(--border-color-primary); margin-top: .6em; padding-top: .6em; }
.qa-chat .qa-label { margin: 0 0 .3em 0; }
.qa-chat .qa-label code { font-size: .9em; padding: .1em .35em; border-radius: 4px;
  background: var(--background-fill-secondary); }
.qa-chat a.qa-open { text-decoration: none; }
.qa-chat a.qa-open code { color: var(--link-text-color, #1d4ed8); text-decoration: underline;
  text-underline-offset: 2px; text-decoration-thickness: 1px; }
.qa-chat a.qa-ref { text-decoration: underline; }
.qa-chat .qa-scope, .qa-chat .qa-tools { margin: .2em 0 .4em 0; color: var(--body-text-color-subdued); }
.qa-chat .qa-tools { margin: .5em 0 0 0; }
.qa-hidden { display: none !important; }
.qa-chat .qa-score { color: var(--body-text-color-subdued); font-size: .8em; margin-left: .5em; }
.qa-chat .qa-text { margin: 0; line-height: 1.55; }
.qa-chat mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 2px; }
.dark .qa-chat mark { background: #854d0e; }
.qa-chat .qa-footnotes ul { margin: .2em 0 0 1.2em; padding: 0; }
.qa-chat .qa-footnotes, .qa-chat .qa-cited-by { margin-top: .4em; font-size: .92em; }
.qa-chat .qa-abstain { margin: 0 0 .3em 0; }
.qa-chat .qa-error { margin: 0; color: var(--error-text-color, #b91c1c); }
.qa-cite textarea { font-family: var(--font-mono); }
@media (max-width: 640px) { .qa-header h1 { font-size: 1.4rem; } }
"""



def page_head(compact: bool) -> str:
    """Style for the page around the app: Gradio scopes `css` inside its content, so the margins of
    its own page are set here. Phones give the side margins to the answers; the compact chat has none."""
    rule = ".gradio-container .main.app { padding-left: %s !important; padding-right: %s !important; }"
    if compact:
        return f"<style>{rule % ('6px', '6px')}</style>"
    return f"<style>@media (max-width: 640px) {{ {rule % ('8px', '8px')} }}</style>"


# The embedded chat: no header, footer or page margins; every pixel of a small iframe goes to the chat.
COMPACT_CSS = """
.gradio-container { padding: 6px !important; max-width: none !important; }
.gradio-container .main, .gradio-container .contain, .gradio-container .app { padding: 0 !important; margin: 0 !important; }
footer { display: none !important; }
"""


def build_chat(engine: Any, batcher: MicroBatcher, *, compact: bool = False, concurrency: int = 8) -> gr.Blocks:
    """The chat. `compact`: no header or footer, sized for an iframe or a narrow screen."""
    built_on = getattr(engine, "current", engine)  # a LiveEngine serves a new index without a restart
    texts = texts_for(built_on)
    turns = Conversation(engine, batcher)
    with gr.Blocks(
        title="Ask UN resolutions" if len(texts.documents) > 2 else "Ask a UN resolution",
        analytics_enabled=False,
        fill_height=True,
        fill_width=compact,
    ) as demo:
        if not compact:
            gr.Markdown(texts.header, elem_classes=["qa-header"])
        history = gr.State([])
        context = gr.State({})
        with gr.Row(equal_height=True, elem_classes=["qa-pickers"]):
            doc = gr.Dropdown(
                choices=list(texts.documents),
                value=ALL_DOCUMENTS,
                label="Resolution (type a symbol, a word of the title or a year)",
                visible=len(texts.documents) > 2,
                interactive=True,
                filterable=True,
                # An unknown symbol from an API client reaches the engine, whose message lists the known
                # ones in the chat; Gradio's own choice check would raise (and log a traceback) instead.
                allow_custom_value=True,
                scale=3,
                min_width=220,
            )
            body = gr.Dropdown(choices=list(texts.bodies) or [("All bodies", ALL)], value=ALL, label="Body",
                               visible=bool(texts.bodies), interactive=True, allow_custom_value=True, scale=1,
                               min_width=140)
            years = gr.Dropdown(choices=list(texts.years) or [("All years", ALL)], value=ALL,
                                label="Years (or type 1994, 1990-1999)", visible=bool(texts.years), interactive=True,
                                filterable=True, allow_custom_value=True, scale=1, min_width=140)
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
            placeholder="Ask a question: the answer is the clause that says it, cited exactly. "
                        "Then ask a follow-up, such as “When was it adopted?”.",
            examples=[{"text": q} for q in texts.examples] or None,
        )
        question = gr.Textbox(
            placeholder=texts.placeholder,
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
        # clicked by the "search all instead" link of a follow-up answer (ui/static/chat.js)
        search_all = gr.Button("Search all instead", elem_id="qa-search-all", elem_classes=["qa-hidden"], size="sm")
        question.submit(
            turns.ask,
            inputs=[question, doc, history, context, body, years],
            outputs=[chatbot, question, cite, history, context],
            api_name="ask",
            concurrency_limit=concurrency,
        )
        search_all.click(
            turns.search_all,
            inputs=[history, context, body, years],
            outputs=[chatbot, cite, history, context],
            api_name="search_all",
            concurrency_limit=concurrency,
        )

        async def ask_example(selection: gr.SelectData, doc_value: str | None, past: list[dict] | None,
                              state: dict | None, body_value: str | None, years_value: str | None,
                              request: gr.Request):
            value = selection.value if isinstance(selection.value, dict) else {"text": str(selection.value)}
            return await turns.ask(str(value.get("text", "")), doc_value, past, state, body_value, years_value,
                                   request)

        chatbot.example_select(
            ask_example,
            inputs=[doc, history, context, body, years],
            outputs=[chatbot, question, cite, history, context],
            api_visibility="private",
            concurrency_limit=concurrency,
        )

        async def open_shared(past: list[dict] | None, state: dict | None, request: gr.Request):
            return await turns.open_shared(past, state, request)

        demo.load(open_shared, inputs=[history, context], outputs=[chatbot, cite, history, context, doc],
                  api_visibility="private", concurrency_limit=concurrency)
        demo.load(lambda: current_pickers(engine, built_on), outputs=[doc, body, years], api_visibility="private",
                  concurrency_limit=concurrency)
    demo.queue(api_open=False, default_concurrency_limit=concurrency)
    return demo
