"""The chat's turns without a browser: follow-ups within the previous answer's resolution, "search all
instead", shared links opened on load, links in the answers, and what is kept per visitor."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

import pytest

from ui.batching import MicroBatcher
from ui.conversation import MAX_HISTORY_MESSAGES, Conversation


@dataclass
class Request:  # what the handlers read of a gr.Request
    url: str = "http://qa.example.org/gradio_api/queue/join"
    headers: dict = field(default_factory=dict)
    query_params: dict = field(default_factory=dict)


@pytest.fixture
def turns(sc_engine):
    batcher = MicroBatcher(sc_engine)
    yield Conversation(sc_engine, batcher)
    batcher.close()


def run(coroutine):
    return asyncio.run(coroutine)


def text(message: dict) -> str:
    return message["content"] if isinstance(message["content"], str) else message["content"][0]["text"]


def last_answer(history: list[dict]) -> str:
    user = max(i for i, m in enumerate(history) if m["role"] == "user")
    return text(history[user + 1])


FIRST = "What does the Council decide about the annexation of Kuwait by Iraq?"


def test_a_follow_up_is_asked_in_the_previous_answers_resolution(turns, sc_engine):
    history, _, cite, _, context = run(turns.ask(FIRST, "", [], {}, request=Request()))
    symbol = context["doc"]
    assert cite.startswith(symbol + ", ") and context["scope"] is None
    history, _, cite, _, context = run(turns.ask("When was it adopted?", "", history, context, request=Request()))
    assert cite == f"{symbol}, title and adoption record"
    answer = last_answer(history)
    assert f"In {symbol}, the resolution of the previous answer" in answer and "search all instead" in answer
    assert context["scope"] == symbol
    unscoped = sc_engine.ask("When was it adopted?").citations[0].doc
    assert unscoped != symbol  # over all resolutions the same words find another record


def test_search_all_undoes_the_restriction_in_place(turns, sc_engine):
    history, _, _, _, context = run(turns.ask(FIRST, "", [], {}, request=Request()))
    history, _, _, _, context = run(turns.ask("When was it adopted?", "", history, context, request=Request()))
    users = sum(m["role"] == "user" for m in history)
    history, cite, _, context = run(turns.search_all(history, context, request=Request()))
    assert sum(m["role"] == "user" for m in history) == users  # the question is not asked twice
    assert "qa-scope" not in last_answer(history) and context["scope"] is None
    assert cite.startswith(sc_engine.ask("When was it adopted?").citations[0].doc)
    # nothing to undo: nothing changes
    again = run(turns.search_all(history, context, request=Request()))
    assert again[0] == history


def test_the_next_paragraph_and_the_footnote_are_that_resolutions_own(turns, sc_engine):
    history, _, cite, _, context = run(turns.ask(FIRST, "", [], {}, request=Request()))
    doc = sc_engine.document(context["doc"])
    expected = doc.neighbour(context["unit"], 1)
    history, _, cite, _, context = run(turns.ask("What does the next paragraph say?", "", history, context))
    assert cite == expected.label and context["unit"] == expected.unit


def test_a_question_with_its_own_subject_searches_as_before(turns, sc_engine):
    history, _, _, _, context = run(turns.ask(FIRST, "", [], {}))
    question = "Which mission in Côte d'Ivoire shall continue?"
    history, _, cite, _, context = run(turns.ask(question, "", history, context))
    assert "qa-scope" not in last_answer(history) and context["scope"] is None
    assert cite == sc_engine.ask(question).citations[0].label


def test_a_chosen_resolution_is_not_overridden(turns):
    history, _, _, _, context = run(turns.ask(FIRST, "", [], {}))
    history, _, cite, _, context = run(turns.ask("When was it adopted?", "S/RES/2999 (2030)", history, context))
    assert cite.startswith("S/RES/2999 (2030), ") and "qa-scope" not in last_answer(history)


def test_what_is_kept_per_visitor_is_bounded(turns):
    history, context = [], {}
    for i in range(40):
        question = "When was it adopted?" if i % 2 else "x" * 2500 if i == 4 else FIRST
        history, _, _, state, context = run(turns.ask(question, "", history, context))
        assert state == history
    assert len(history) <= MAX_HISTORY_MESSAGES
    assert set(context) <= {"question", "doc", "unit", "scope", "asked_in", "messages"}
    assert all(len(str(v)) <= 2001 for v in context.values())


def test_answers_link_to_the_view_and_to_themselves(turns):
    request = Request(url="http://10.0.0.5:7860/embed/gradio_api/queue/join",
                      headers={"x-forwarded-host": "qa.example.org", "x-forwarded-proto": "https"})
    history, _, _, _, context = run(turns.ask(FIRST, "", [], {}, request=request))
    answer = last_answer(history)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", context["doc"]).strip("-")
    assert f'href="https://qa.example.org/embed/doc/{slug}#{context["unit"]}"' in answer  # the compact view
    assert 'class="qa-share" href="https://qa.example.org/?q=What%20does%20the%20Council' in answer
    # a clause recalling resolution 661 (1990) links it; the sources do too
    history, _, _, _, _ = run(turns.ask("Which report on Côte d'Ivoire is recalled?", "", [], {}, request=request))
    assert 'href="https://qa.example.org/embed/doc/S-RES-661-1990" class="qa-open qa-ref"' in last_answer(history)


def test_a_shared_link_asks_its_question_on_load(turns):
    request = Request(query_params={"q": "When was it adopted?", "doc": "S/RES/662 (1990)"})
    history, cite, state, context, picked = run(turns.open_shared([], {}, request))
    assert cite == "S/RES/662 (1990), title and adoption record" and picked == "S/RES/662 (1990)"
    assert text(history[0]) == "When was it adopted?" and state == history
    # ?doc= alone chooses the resolution and asks nothing; an unknown one is said in the chat
    only_doc = run(turns.open_shared([], {}, Request(query_params={"doc": "S/RES/662 (1990)"})))
    assert only_doc[-1] == "S/RES/662 (1990)" and not isinstance(only_doc[0], list)
    history, cite, *_ = run(turns.open_shared([], {}, Request(query_params={"q": "When?", "doc": "S/RES/1/1"})))
    assert cite == "" and "unknown document" in text(history[-1])


def test_body_and_years_restrict_the_search(turns):
    # over all nine, the same words find a 1990 record; within 2030 only S/RES/2999 (2030) is searched
    history, _, cite, _, _ = run(turns.ask("When was it adopted?", "", [], {}, years="2030"))
    assert cite == "S/RES/2999 (2030), title and adoption record"
    history, _, cite, _, _ = run(turns.ask("When was it adopted?", "", [], {}, body="SC", years="1990-1999"))
    assert cite.startswith("S/RES/") and "(1990)" in cite
    # a body the index does not hold is a message saying what it holds
    history, _, cite, _, _ = run(turns.ask("When was it adopted?", "", [], {}, body="GA"))
    assert cite == "" and "SC" in text(history[-1])


def test_a_refused_question_keeps_the_answer_follow_ups_are_about(turns):
    history, _, _, _, context = run(turns.ask(FIRST, "", [], {}))
    symbol = context["doc"]
    history, _, cite, _, context = run(turns.ask("x" * 2500, "", history, context))
    assert cite == "" and "limit is 2000" in text(history[-1]) and context["scope"] is None
    assert run(turns.search_all(history, context))[0] == history  # nothing to undo
    history, _, cite, _, _ = run(turns.ask("When was it adopted?", "", history, context))
    assert cite == f"{symbol}, title and adoption record"
