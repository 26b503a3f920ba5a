"""Concurrent questions are answered together in one ask_batch call, with the same answers as alone."""

import asyncio
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import numpy  # noqa: F401 - loads the BLAS library whose threads are checked
import pytest
from fake_engine import FakeEngine
from threadpoolctl import threadpool_info

from qa.errors import BadQuestion
from ui import batching
from ui.batching import MicroBatcher
from ui.server import create_app

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [
    "Which country will host the seventh conference?",
    "What is the Secretary-General requested to do?",
    "Which earlier resolutions are recalled?",
    "What does the Assembly decide?",
    "information and communications technologies",
    "Who offered to host the conference?",
]


def _blas_threads() -> int | None:
    """The most threads a native library would use for the calling thread: numpy's BLAS, and OpenMP
    (FAISS, and a BLAS built on it) when loaded."""
    return max((i["num_threads"] for i in threadpool_info() if i["user_api"] in ("blas", "openmp")), default=None)


class SpyEngine:
    """Wraps an engine and records each ask_batch call."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.calls: list[list[str]] = []
        self.gate = threading.Event()
        self.gate.set()
        self._lock = threading.Lock()
        self.inside = 0  # ask_batch calls running now
        self.most_inside = 0
        self.blas_threads: list[int | None] = []  # BLAS thread count seen inside each call

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def ask_batch(self, questions, k=5, doc=None):
        with self._lock:
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
            self.blas_threads.append(_blas_threads())
        try:
            self.gate.wait(10)
            self.calls.append(list(questions))
            return self.engine.ask_batch(questions, k=k, doc=doc)
        finally:
            with self._lock:
                self.inside -= 1


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
    for answer in answers:  # the API adds each citation's url in the document view
        for citation in answer["citations"]:
            assert citation.pop("url").startswith("http://testserver/doc/")
    assert answers == [singles[q] for q in QUESTIONS]
    assert len(spy.calls) == 1 and sorted(spy.calls[0]) == sorted(QUESTIONS)


def test_questions_arriving_while_the_model_is_busy_form_the_next_batch():
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, max_batch=16, workers=1)

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


def test_an_idle_worker_takes_a_question_at_once_while_the_other_is_busy():
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, workers=2)

    async def run():
        spy.gate.clear()  # batches block in the model until both workers are in it
        first = asyncio.create_task(batcher.ask(QUESTIONS[0]))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(batcher.ask(QUESTIONS[1]))
        await asyncio.sleep(0.05)
        inside_before_release = spy.inside
        rest = [asyncio.create_task(batcher.ask(q)) for q in QUESTIONS[2:]]
        await asyncio.sleep(0.05)
        spy.gate.set()
        return inside_before_release, await asyncio.gather(first, second, *rest)

    inside, answers = asyncio.run(run())
    assert inside == 2  # both workers were computing at once
    assert spy.most_inside == 2  # and never more than the workers
    assert [a.question for a in answers] == QUESTIONS
    # the questions that came while both were busy waited and went together, shared by the two workers
    assert len(spy.calls) <= 4 and sorted(len(c) for c in spy.calls)[:2] == [1, 1]


def test_questions_arriving_together_are_split_fairly_between_idle_workers():
    # Six at once into an idle server with two workers: three each, not six for one and none for the other.
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, workers=2)

    async def run():
        spy.gate.clear()
        tasks = [asyncio.create_task(batcher.ask(q)) for q in QUESTIONS]
        await asyncio.sleep(0.1)
        inside = spy.inside
        spy.gate.set()
        return inside, await asyncio.gather(*tasks)

    inside, answers = asyncio.run(run())
    assert inside == 2
    assert [a.question for a in answers] == QUESTIONS
    assert sorted(len(c) for c in spy.calls) == [3, 3]


@pytest.mark.parametrize("gather_ms, sizes", [(500, [2, 2]), (0, [1, 1, 2])])
def test_under_load_an_idle_worker_gathers_the_questions_still_coming(gather_ms, sizes):
    # Three questions at once: one worker takes two (its share), the other takes the third, and as
    # its share is two, waits for the fourth, which comes 50 ms later, within gather_ms; with
    # gather_ms=0 it starts at once and the fourth goes alone.
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, workers=2, gather_ms=gather_ms)

    async def run():
        spy.gate.clear()
        tasks = [asyncio.create_task(batcher.ask(q)) for q in QUESTIONS[:3]]
        await asyncio.sleep(0.05)
        tasks.append(asyncio.create_task(batcher.ask(QUESTIONS[3])))
        await asyncio.sleep(0.05)
        spy.gate.set()
        return await asyncio.gather(*tasks)

    answers = asyncio.run(run())
    assert [a.question for a in answers] == QUESTIONS[:4]
    assert sorted(len(c) for c in spy.calls) == sizes


def test_a_lone_question_does_not_wait_to_gather():
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, workers=2, gather_ms=60_000)  # a wait would exceed the timeout below

    async def run():
        return await asyncio.wait_for(batcher.ask(QUESTIONS[0]), 10)

    assert asyncio.run(run()).question == QUESTIONS[0]


_BLAS_PROBE = """
import asyncio, json, sys
import numpy  # loads the BLAS library
from threadpoolctl import threadpool_info
from fake_engine import FakeEngine
from ui.batching import MicroBatcher

def blas():
    return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")

seen = []

class Engine(FakeEngine):
    def ask_batch(self, questions, k=5, doc=None):
        seen.append(blas())
        return super().ask_batch(questions, k=k, doc=doc)

batcher = MicroBatcher(Engine(), workers=2)
before = blas()

async def run():
    await asyncio.gather(*(batcher.ask(q) for q in json.loads(sys.argv[1])))

asyncio.run(run())
after_first = blas()
asyncio.run(run())
print(json.dumps({"before": before, "inside": seen, "after_first": after_first, "after": blas()}))
"""


def test_each_batch_computes_on_one_blas_thread_and_the_setting_is_restored():
    # A fresh process: OpenBLAS only honours the first thread that changes its thread count (while
    # that thread lives), and this test session has many threads; the server sets it from its loop.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2",  # two even on a one-core machine
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
    probe = subprocess.run([sys.executable, "-c", _BLAS_PROBE, json.dumps(QUESTIONS)], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout)
    assert seen["before"] == 2
    assert seen["inside"] and set(seen["inside"]) == {1}
    assert seen["after_first"] == seen["after"] == 2  # outside batches, the process keeps its setting


def test_model_threads_none_leaves_blas_alone():
    before = _blas_threads()
    spy = SpyEngine(FakeEngine())
    batcher = MicroBatcher(spy, model_threads=None)
    asyncio.run(batcher.ask(QUESTIONS[0]))
    assert spy.blas_threads == [before]


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


@pytest.mark.parametrize("bad", [{"max_batch": 0}, {"workers": 0}, {"model_threads": 0}])
def test_sizes_must_be_positive(bad):
    with pytest.raises(ValueError):
        MicroBatcher(FakeEngine(), **bad)


def test_the_record_of_batch_sizes_stays_bounded(monkeypatch):
    monkeypatch.setattr(batching, "KEPT_BATCH_SIZES", 3)
    batcher = MicroBatcher(FakeEngine(), workers=1)

    async def run():
        for q in QUESTIONS * 2:
            await batcher.ask(q)

    asyncio.run(run())
    assert 3 <= len(batcher.batch_sizes) <= 6 and batcher.batch_sizes[-1] == 1
