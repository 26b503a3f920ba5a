"""The chat's turns: a question asked (as typed, from an example, or from a shared `/?q=` link), a
follow-up asked within the previous answer's resolution, and "search all instead" undoing that.

What the chat keeps per visitor is bounded: the history (at most MAX_HISTORY_MESSAGES messages,
each question at most MAX_QUESTION_CHARS) and a small `context` dict about the last answer
(question, resolution, clause, the resolution a follow-up was asked in, how many messages the
answer added). Gradio holds both per session (browser tab or gradio_client.Client), and drops
them with the session.

A follow-up (qa.question.followup) is a question without subjects of its own, asked when the
picker says "All resolutions" after an answer: it is asked within that answer's resolution, and
the answer says so ("In S/RES/661 (1990) ... · search all instead"). A follow-up that names its
clause ("the next paragraph", "the footnote") is answered with that clause of the document as
indexed; any other is searched by the engine within the resolution.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from qa.answers.answer import Answer
from qa.engine import clean_question
from qa.errors import BadQuestion
from qa.question.followup import FollowUp, clauses_asked, follow_up
from qa.references import ReferenceResolver
from ui.batching import MicroBatcher
from ui.links import ChatLinks, base_of
from ui.render import answer_messages, citation_to_copy, error_message, user_message

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_MESSAGES = 60  # per visitor, kept on the server; older turns drop off


def links_for(request: Any, engine: Any) -> ChatLinks | None:
    """The links of the page that sent `request` (a gr.Request), or None without one (tests)."""
    try:
        url = request.url if request is not None else None
        headers = request.headers or {}
    except (AttributeError, KeyError):  # a gr.Request without its HTTP request
        return None
    if not url:
        return None
    base = base_of(str(url), headers.get("x-forwarded-host"), headers.get("x-forwarded-proto"))
    graph = getattr(engine, "citation_graph", None)
    symbols = [str(d.get("symbol")) for d in engine.documents]
    resolver = getattr(graph, "resolver", None) or ReferenceResolver(symbols)
    bodies = {str(d.get("symbol")): d.get("body") for d in engine.documents}
    return ChatLinks(base=base, resolver=resolver, bodies=bodies)


class Conversation:
    """The chat's handlers over one engine and its batcher (ui.app wires them to Gradio events)."""

    def __init__(self, engine: Any, batcher: MicroBatcher, k: int = 5) -> None:
        self.engine = engine
        self.batcher = batcher
        self.k = k

    # -- answering ---------------------------------------------------------------------------------
    async def _search(self, question: str, doc: str | None, body: str | None, years: str | None) -> Answer:
        filters = {name: value for name, value in (("body", body), ("years", years)) if value}
        return await self.batcher.ask(question, k=self.k, doc=doc, **filters)

    def _document(self, symbol: str) -> Any:
        getter = getattr(self.engine, "document", None)
        return getter(symbol) if getter is not None else None

    async def _answer(self, question: str, doc: str | None, body: str | None, years: str | None,
                      context: dict) -> tuple[Answer, str | None]:
        """The answer, and the resolution it was looked for in as a follow-up (None: as asked)."""
        previous = context.get("doc")
        kind = follow_up(question) if doc is None and previous else FollowUp.NONE
        if kind is FollowUp.NONE:
            return await self._search(question, doc, body, years), None
        document = self._document(previous)
        units = clauses_asked(kind, document, context.get("unit")) if document is not None else None
        if units and len(question) <= MAX_QUESTION_CHARS:
            return document.answer(clean_question(question), units), previous
        return await self._search(question, previous, None, None), previous

    async def _turn(self, question: str, doc: str | None, body: str | None, years: str | None,
                    history: list[dict], context: dict, links: ChatLinks | None) -> tuple[list[dict], str, dict]:
        """history with the question and its answer (or a message) added; the citation to copy; the new context."""
        shown = clean_question(question)
        if len(shown) > MAX_QUESTION_CHARS:
            shown = shown[:MAX_QUESTION_CHARS] + "…"
        history = history + [user_message(shown or "(empty)")]
        cite = ""
        # a refused question leaves the last answer the one follow-ups are about (and nothing to undo)
        new_context = {**context, "scope": None}
        try:
            answer, scope = await self._answer(question, doc, body, years, context)
        except BadQuestion as error:
            history.append(error_message(str(error)))
        except Exception:  # the visitor sees a sentence, the operator's log the traceback
            log.exception("answering failed")
            history.append(error_message("Something went wrong while answering. Please try again."))
        else:
            messages = answer_messages(answer, links, scope=scope, asked_in=doc)
            history.extend(messages)
            cite = citation_to_copy(answer)
            best = answer.citations[0] if answer.answered and answer.citations else None
            new_context = {
                "question": shown[:MAX_QUESTION_CHARS],
                # a follow-up the resolution does not answer keeps the conversation in that resolution
                "doc": best.doc if best is not None else scope,
                "unit": best.unit if best is not None else None,
                "scope": scope,
                "asked_in": doc,
                "messages": len(messages),
            }
        return history[-MAX_HISTORY_MESSAGES:], cite, new_context

    # -- the events ------------------------------------------------------------------------------------
    async def ask(self, question: str | None, doc: str | None, history: list[dict] | None,
                  context: dict | None = None, body: str | None = None, years: str | None = None,
                  request: gr.Request | None = None) -> tuple[Any, ...]:
        """The chat turn: (history, question box, citation to copy, history state, context state)."""
        history = list(history or [])
        context = dict(context or {})
        question = (question or "").strip()
        if not question:
            return history, "", _skip(), history, context
        history, cite, context = await self._turn(question, doc or None, body or None, years or None, history,
                                                  context, links_for(request, self.engine))
        return history, "", cite, history, context

    async def search_all(self, history: list[dict] | None, context: dict | None, body: str | None = None,
                         years: str | None = None, request: gr.Request | None = None) -> tuple[Any, ...]:
        """Undo a follow-up's restriction: the last question again, over all resolutions, in place of
        the restricted answer. (history, citation to copy, history state, context state)."""
        history = list(history or [])
        context = dict(context or {})
        if not context.get("scope") or not context.get("question"):
            return history, _skip(), history, context
        kept = history[: max(0, len(history) - int(context.get("messages", 0)) - 1)]  # and its question
        history, cite, context = await self._turn(context["question"], None, body or None, years or None, kept,
                                                  {}, links_for(request, self.engine))
        return history, cite, history, context

    async def open_shared(self, history: list[dict] | None, context: dict | None,
                          request: gr.Request | None = None) -> tuple[Any, ...]:
        """On page load: `?q=...&doc=...` asks that question (in that resolution); `?doc=` alone sets
        the picker. (history, citation to copy, history state, context state, picker value)."""
        params = getattr(request, "query_params", None) or {}
        question = str(params.get("q") or "")[: MAX_QUESTION_CHARS * 2]
        doc = str(params.get("doc") or "")
        known = {str(d.get("symbol")) for d in self.engine.documents}
        picked = doc if doc in known else _skip()
        if not question.strip():
            return _skip(), _skip(), _skip(), _skip(), picked
        history, cite, context = await self._turn(question, doc or None, None, None, list(history or []),
                                                  dict(context or {}), links_for(request, self.engine))
        return history, cite, history, context, picked


def _skip() -> Any:
    return gr.skip()  # the event leaves that output as it is
