"""Micro-batching of concurrent questions into one `Engine.ask_batch` call.

The query encoder costs about the same for one question as for a handful, so concurrent visitors
(REST or chat) are served together: requests wait a few milliseconds for company, and requests that
arrive while the model is busy form the next batch. The model runs in one worker thread, so the
event loop never blocks and two batches never fight over the two cores.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from qa.answer import Answer
from qa.errors import BadQuestion


@dataclass
class _Request:
    question: str
    k: int
    doc: str | None
    future: asyncio.Future = field(repr=False)


class MicroBatcher:
    """`await batcher.ask(q, k, doc)` behaves like `engine.ask(q, k, doc)`, batched with its neighbours."""

    def __init__(self, engine: Any, max_batch: int = 16, max_wait_ms: float = 5.0) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self.engine = engine
        self.max_batch = max_batch
        self.max_wait = max_wait_ms / 1000.0
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ask-batch")
        # One queue and consumer per event loop: the server has one, but test clients bring their own.
        self._queues: dict[asyncio.AbstractEventLoop, asyncio.Queue[_Request]] = {}
        self._workers: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}
        self._lock = threading.Lock()
        self.batch_sizes: list[int] = []  # sizes of the ask_batch calls made, for tests and benchmarks

    async def ask(self, question: str, k: int = 5, doc: str | None = None) -> Answer:
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        self._queue_for(loop).put_nowait(_Request(question, k, doc, future))
        return await future

    def _queue_for(self, loop: asyncio.AbstractEventLoop) -> asyncio.Queue[_Request]:
        with self._lock:
            queue = self._queues.get(loop)
            worker = self._workers.get(loop)
            if queue is None or worker is None or worker.done():
                for stale in [lp for lp in self._queues if lp.is_closed()]:
                    self._queues.pop(stale, None)
                    self._workers.pop(stale, None)
                queue = self._queues.setdefault(loop, asyncio.Queue())
                self._workers[loop] = loop.create_task(self._consume(loop, queue))
            return queue

    async def _consume(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[_Request]) -> None:
        while True:
            batch = [await queue.get()]
            deadline = loop.time() + self.max_wait
            while len(batch) < self.max_batch:
                if not queue.empty():
                    batch.append(queue.get_nowait())
                    continue
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                try:
                    batch.append(await asyncio.wait_for(queue.get(), remaining))
                except asyncio.TimeoutError:
                    break
            groups: dict[tuple[int, str | None], list[_Request]] = defaultdict(list)
            for request in batch:
                if not request.future.cancelled():
                    groups[(request.k, request.doc)].append(request)
            for (k, doc), requests in groups.items():
                await self._run(loop, requests, k, doc)

    async def _run(self, loop: asyncio.AbstractEventLoop, requests: list[_Request], k: int, doc: str | None) -> None:
        questions = [r.question for r in requests]
        try:
            self.batch_sizes.append(len(questions))
            answers = await loop.run_in_executor(self._executor, self._ask_batch, questions, k, doc)
        except BadQuestion:
            # One bad question must not fail its neighbours: answer each alone for its own error.
            for request in requests:
                try:
                    answer = await loop.run_in_executor(self._executor, self.engine.ask, request.question, k, doc)
                except Exception as error:  # noqa: BLE001 - handed to the waiting caller
                    _resolve(request.future, error=error)
                else:
                    _resolve(request.future, answer)
            return
        except Exception as error:  # noqa: BLE001 - handed to every waiting caller
            for request in requests:
                _resolve(request.future, error=error)
            return
        for request, answer in zip(requests, answers, strict=True):
            _resolve(request.future, answer)

    def _ask_batch(self, questions: list[str], k: int, doc: str | None) -> list[Answer]:
        answers = self.engine.ask_batch(questions, k=k, doc=doc)
        if len(answers) != len(questions):
            raise RuntimeError(f"ask_batch returned {len(answers)} answers for {len(questions)} questions")
        return answers

    def close(self) -> None:
        for worker in self._workers.values():
            worker.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _resolve(future: asyncio.Future, result: Any = None, error: BaseException | None = None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
