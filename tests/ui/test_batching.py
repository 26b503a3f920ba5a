"""Concurrent questions are answered together in one ask_batch call, with the same answers as alone."""

import asyncio
import threading

import httpx
import pytest
from fake_engine import FakeEngine

from qa.errors import BadQuestion
from ui.batching import MicroBatcher
from ui.server import create_app

QUESTIONS = [
    "Which country will host the seventh conference?",
    "What is the Secretary-General requested to do?",
    "Which earlier resolutions are recalled?",
    "What does the Assembly decide?",
    "information and communications technologies",
    "Who offered to host the conference?",
]


class SpyEngine:
    """Wraps an engine and records each ask_batch call."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.calls: list[list[str]] = []
        self.gate = threading.Event()
        self.gate.set()

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def ask_batch(self, questions, k=5, doc=None):
        self.gate.wait(10)
        self.calls.append(list(questions))
        return self.engine.ask_batch(questions, k=k, doc=doc)


def test_concurrent_rest_requests_share_one_batch_and_match_single_answers(engine):
    spy = SpyEngine(engine)
    singles = {q: engine.ask(q, k=5).to_dict() for q in QUESTIONS}
    app = create_app(spy, max_wait_ms=200, max_batch=len(QUESTIONS))

    async def run() -> list[dict]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            responses = await asyncio.gather(*(http.get("/api/ask", params={"q": q}) for q in QUESTIONS))
        return [r.json() for r in responses]

    answers = asyncio.run(run())
    assert answers == [singles[q] for q in QUESTIONS]
    assert len(spy.calls) == 1 and sorted(spy.calls[0]) == sorted(QUESTIONS)


def test_questions_arriving_while_the_model_is_busy_form_the_next_batch():
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, max_batch=16, max_wait_ms=1)

    async def run():
        spy.gate.clear()  # the first batch blocks in the model
        first = asyncio.create_task(batcher.ask(QUESTIONS[0]))
        await asyncio.sleep(0.05)
        rest = [asyncio.create_task(batcher.ask(q)) for q in QUESTIONS[1:]]
        await asyncio.sleep(0.05)
        spy.gate.set()
        return await asyncio.gather(first, *rest)

    answers = asyncio.run(run())
    assert [a.question for a in answers] == QUESTIONS
    assert [len(c) for c in spy.calls] == [1, len(QUESTIONS) - 1]


def test_a_bad_question_fails_alone_not_its_batch():
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, max_wait_ms=50)

    async def run():
        return await asyncio.gather(batcher.ask(QUESTIONS[0]), batcher.ask("   "), batcher.ask(QUESTIONS[1]),
                                    return_exceptions=True)

    good, bad, other = asyncio.run(run())
    assert isinstance(bad, BadQuestion)
    assert good.question == QUESTIONS[0] and other.question == QUESTIONS[1]


def test_different_k_or_doc_are_not_mixed_in_one_call():
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, max_wait_ms=50)

    async def run():
        return await asyncio.gather(batcher.ask(QUESTIONS[0], k=1), batcher.ask(QUESTIONS[0], k=3),
                                    batcher.ask(QUESTIONS[0], k=3, doc="A/RES/64/12"))

    one, three, three_doc = asyncio.run(run())
    assert len(one.citations) == 1 and len(three.citations) == 3
    assert all(c.doc == "A/RES/64/12" for c in three_doc.citations)
    assert len(spy.calls) == 3


def test_max_batch_must_be_positive():
    with pytest.raises(ValueError):
        MicroBatcher(FakeEngine(), max_batch=0)
