"""Bad input through the chat's `ask` endpoint: Gradio's queue over a live server (gradio_client), and
the responder itself. The chat shows an answer or a message; never an exception or a trace."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from gradio_client import Client
from robustness_inputs import NASTY_QUESTIONS, QUESTION

from ui.batching import MicroBatcher
from ui.conversation import Conversation

# gradio_client sends JSON with ensure_ascii=False and cannot encode a lone surrogate itself; the
# responder test below covers it. The 1M one is over the 64 KB body cap (its own test).
WIRE_QUESTIONS = [(n, q, r) for n, q, r in NASTY_QUESTIONS if "\ud800" not in q and len(q) < 60_000]
TRACE_WORDS = ("Traceback", "Error:", "Exception", 'File "')


def assert_turn(history: list[dict], refused: bool) -> None:
    """The last turn: the visitor's question (cleaned, escaped), then a message or an answer."""
    contents = [m["content"] if isinstance(m["content"], str) else m["content"][0]["text"] for m in history]
    user = max(i for i, m in enumerate(history) if m["role"] == "user")
    assert len(contents[user]) <= 2001 + 20  # the echo is bounded, whatever was sent
    assert "\x1b" not in contents[user] and "\x00" not in contents[user]
    replies = contents[user + 1:]
    assert replies and all(m["role"] == "assistant" for m in history[user + 1:])
    if refused:
        assert len(replies) == 1 and replies[0].startswith('<p class="qa-error">')
        assert "empty" in replies[0] or "limit is 2000" in replies[0]
    else:
        assert "qa-citation" in replies[-1] or "qa-abstain" in replies[0]
    for text in contents:
        assert not any(word in text for word in TRACE_WORDS), text[:300]
        assert "<script" not in text and "<img" not in text  # visitor text is escaped before the Chatbot


@pytest.fixture(scope="module")
def client(live):
    client = Client(live + "/", verbose=False, download_files=False)
    yield client
    client.close()  # its heartbeat stream would hold the server's shutdown


@pytest.mark.parametrize("name, question, refused", WIRE_QUESTIONS, ids=[n for n, _, _ in WIRE_QUESTIONS])
def test_nasty_questions_through_the_queue(client, name, question, refused):
    history, box, cite = client.predict(question, "", api_name="/ask")
    if not question.strip():  # an empty submit is ignored, as in any chat box: nothing added, no error
        assert box == ""
        return
    assert box == ""
    assert_turn(history, refused)
    if refused:
        assert cite == ""


def test_unknown_doc_is_a_message_in_the_chat(client):
    history, _, cite = client.predict(QUESTION, "A/RES/1/1", api_name="/ask")
    assert cite == ""
    assert history[-1]["role"] == "assistant"
    text = history[-1]["content"] if isinstance(history[-1]["content"], str) else history[-1]["content"][0]["text"]
    assert "unknown document" in text and "A/RES/64/12" in text


def test_question_over_the_body_cap_is_refused_with_413_and_the_chat_still_answers(client):
    with pytest.raises(httpx.HTTPStatusError) as caught:
        client.predict("x" * 1_000_000, "", api_name="/ask")
    assert caught.value.response.status_code == 413
    history, _, cite = client.predict(QUESTION, "", api_name="/ask")
    assert cite.startswith("A/RES/64/12, ")


@pytest.mark.parametrize("name, question, refused", NASTY_QUESTIONS, ids=[n for n, _, _ in NASTY_QUESTIONS])
def test_responder_directly(engine, name, question, refused):
    """The chat turn as Gradio calls it, with the inputs no browser can send (lone surrogates, 1M)."""
    batcher = MicroBatcher(engine)
    try:
        history, box, cite, state, _ = asyncio.run(Conversation(engine, batcher).ask(question, None, [], {}))
    finally:
        batcher.close()
    if not question.strip():
        assert history == [] and box == ""
        return
    assert state == history
    assert_turn(history, refused)
