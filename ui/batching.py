"""Micro-batching of concurrent questions into `Engine.ask_batch` calls, one core per batch.

Concurrent visitors (REST or chat) are served together: questions that arrive while the model
workers are busy form the next batch. The model runs in `workers` threads, never on the event loop
(ONNX Runtime, which encodes the questions, releases the interpreter lock while it runs).

How big a batch an idle worker takes: its fair share of the questions in the server (queued, in
running batches and its own), i.e. ceil(all / workers). Alone in the server, a question starts at
once. Under load the worker waits for its share, but only while questions keep coming (each within
`gather_ms` of the last, for at most 4 x gather_ms in all). Why: under load, the answers of one
batch bring their clients' next questions a few milliseconds later, one by one; a worker that starts
at once computes them in batches of one or two (measured at 16 clients: mean batch 3, 265 of 481
batches of one), and a batch of one costs more CPU per question than a batch of eight (1.5x with ONNX
Runtime fp32 packed, 2x with the NumPy encoder that served when this was measured). A worker
that takes everything queued leaves the other idle. Fair shares keep both busy with batches of ~8.

Each batch computes on one core: BLAS (and OpenMP, for FAISS) are held to one thread while batches
run. On two shared cores a two-thread GEMM waits for a core that the event loop or another process
holds, and OpenBLAS's spinning helper thread starves the event loop: under 16 clients a batch took
over a second instead of ~100 ms. Two workers, one batch each, use two cores better than one batch
split over both (small GEMMs scale poorly across threads), and numpy releases the GIL, so the event
loop still answers between them.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from qa.answers.answer import Answer
from qa.errors import BadQuestion

try:  # installed with sentence-transformers (via scikit-learn); without it the libraries keep their defaults
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover - depends on the environment
    ThreadpoolController = None

DEFAULT_WORKERS = 2
DEFAULT_GATHER_MS = 2.0
GATHER_SPANS = 4  # a batch gathers for at most this many gather_ms in all
KEPT_BATCH_SIZES = 10_000


@dataclass
class _Request:
    question: str
    k: int
    doc: str | tuple[str, ...] | None
    future: asyncio.Future = field(repr=False)
    filters: tuple = ()  # (("body", "SC"), ("years", "1990-1999")): the engine's other filters


class _ModelThreads:
    """Holds the native libraries to `threads` threads while batches run.

    A BLAS built on pthreads (numpy's OpenBLAS) has one process-wide setting: it is lowered when the
    first batch starts and restored when the last one ends, always from the event loop's thread
    (OpenBLAS 0.3.31 honours only the first thread that changed the setting, while that thread
    lives; in the server that is the loop's, which lives as long as the process).
    OpenMP, and a BLAS built on it (FAISS's), keep the setting per thread: each worker sets its own
    once, for good."""

    def __init__(self, threads: int | None) -> None:
        self.threads = threads
        self._lock = threading.Lock()
        self._active = 0
        self._limiter = None
        self._shared = None  # controllers of the process-wide libraries
        self._per_thread = None

    def _controllers(self):
        # Looked up on first use: by then numpy and FAISS have loaded their libraries.
        if self._shared is None and ThreadpoolController is not None:
            every = ThreadpoolController()
            shared = [c for c in every.lib_controllers
                      if c.user_api == "blas" and getattr(c, "threading_layer", None) != "openmp"]
            self._shared = every.select(filepath=[c.filepath for c in shared])
            self._per_thread = every.select(filepath=[c.filepath for c in every.lib_controllers if c not in shared])
        return self._shared, self._per_thread

    def init_worker(self) -> None:
        """In each worker thread, before its first batch."""
        if self.threads is None:
            return
        with self._lock:
            _, per_thread = self._controllers()
        if per_thread is not None and per_thread.lib_controllers:
            per_thread.limit(limits=self.threads)  # this worker thread's setting, never restored

    def hold(self) -> None:
        """A batch starts (called on the event loop)."""
        if self.threads is None:
            return
        with self._lock:
            if self._active == 0:
                shared, _ = self._controllers()
                if shared is not None and shared.lib_controllers:
                    self._limiter = shared.limit(limits=self.threads)
            self._active += 1

    def release(self) -> None:
        """A batch ended (called on the event loop)."""
        if self.threads is None:
            return
        with self._lock:
            self._active -= 1
            if self._active == 0 and self._limiter is not None:
                self._limiter.restore_original_limits()
                self._limiter = None


class MicroBatcher:
    """`await batcher.ask(q, k, doc)` behaves like `engine.ask(q, k, doc)`, batched with its neighbours.

    max_batch: questions per ask_batch call. workers: batches computed at the same time.
    gather_ms: under load, how long an idle worker waits for the next question of its fair share
    (see the module docstring; 0: never wait). max_wait_ms: a fixed window instead: an idle worker
    waits that long for company and takes up to max_batch (for tests; 0: the fair-share rule).
    model_threads: BLAS/OpenMP threads per batch (None: the libraries' defaults).
    """

    def __init__(self, engine: Any, max_batch: int = 16, max_wait_ms: float = 0.0,
                 workers: int = DEFAULT_WORKERS, model_threads: int | None = 1,
                 gather_ms: float = DEFAULT_GATHER_MS) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if model_threads is not None and model_threads < 1:
            raise ValueError("model_threads must be at least 1 (or None for the libraries' defaults)")
        self.engine = engine
        self.max_batch = max_batch
        self.max_wait = max(max_wait_ms, 0.0) / 1000.0
        self.gather = max(gather_ms, 0.0) / 1000.0
        self.workers = workers
        self._threads = _ModelThreads(model_threads)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ask-batch",
                                            initializer=self._threads.init_worker)
        # One queue and consumer per event loop: the server has one, but test clients bring their own.
        self._queues: dict[asyncio.AbstractEventLoop, asyncio.Queue[_Request]] = {}
        self._workers: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}
        self._running: set[asyncio.Task] = set()
        self._lock = threading.Lock()
        # sizes of the latest ask_batch calls, for tests and benchmarks (bounded: the server runs for months)
        self.batch_sizes: list[int] = []
        self._in_flight = 0  # questions taken by workers and not yet answered (updated on the event loop)

    async def ask(self, question: str, k: int = 5, doc: str | list[str] | None = None, **filters: Any) -> Answer:
        """filters: the engine's keyword filters (body, years); questions batch with those asked
        under the same k, doc and filters."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        key = tuple(doc) if isinstance(doc, list) else doc  # hashable: requests are grouped by it
        given = tuple(sorted((name, tuple(v) if isinstance(v, list) else v)
                             for name, v in filters.items() if v is not None))
        self._queue_for(loop).put_nowait(_Request(question, k, key, future, given))
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
        free = asyncio.Semaphore(self.workers)
        while True:
            await free.acquire()  # questions queue up while every worker is busy: they form the next batch
            try:
                batch = await self._collect(loop, queue)
            except BaseException:
                free.release()
                raise
            self._in_flight += len(batch)  # counted from now: the next worker's share depends on it
            task = loop.create_task(self._dispatch(loop, batch, free))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    async def _collect(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[_Request]) -> list[_Request]:
        batch = [await queue.get()]
        window = self.max_wait > 0  # a fixed window: wait max_wait for company, up to max_batch
        gap = self.max_wait if window else self.gather
        deadline = loop.time() + (self.max_wait if window else GATHER_SPANS * self.gather)
        while len(batch) < self.max_batch:
            if not window:
                everyone = len(batch) + queue.qsize() + self._in_flight
                if len(batch) >= -(-everyone // self.workers):  # its fair share: leave the rest to the others
                    break
            if not queue.empty():
                batch.append(queue.get_nowait())
                continue
            remaining = min(gap, deadline - loop.time())
            if remaining <= 0:
                break
            try:
                batch.append(await _get_within(queue, remaining))
            except asyncio.TimeoutError:
                break  # no more questions coming: start with what it has
        return batch

    async def _dispatch(self, loop: asyncio.AbstractEventLoop, batch: list[_Request], free: asyncio.Semaphore) -> None:
        self._threads.hold()
        try:
            groups: dict[tuple, list[_Request]] = defaultdict(list)
            for request in batch:
                if not request.future.cancelled():
                    groups[(request.k, request.doc, request.filters)].append(request)
            for (k, doc, filters), requests in groups.items():
                await self._run(loop, requests, k, doc, filters)
        finally:
            self._in_flight -= len(batch)
            self._threads.release()
            free.release()

    async def _run(self, loop: asyncio.AbstractEventLoop, requests: list[_Request], k: int, doc, filters: tuple = ()) -> None:
        questions = [r.question for r in requests]
        doc = list(doc) if isinstance(doc, tuple) else doc
        options = dict(filters)
        try:
            self.batch_sizes.append(len(questions))
            if len(self.batch_sizes) > 2 * KEPT_BATCH_SIZES:
                del self.batch_sizes[:-KEPT_BATCH_SIZES]
            answers = await loop.run_in_executor(self._executor, partial(self._ask_batch, questions, k, doc, **options))
        except BadQuestion:
            # One bad question must not fail its neighbours: answer each alone for its own error.
            for request in requests:
                try:
                    answer = await loop.run_in_executor(
                        self._executor, partial(self.engine.ask, request.question, k, doc, **options))
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

    def _ask_batch(self, questions: list[str], k: int, doc, **filters: Any) -> list[Answer]:
        answers = self.engine.ask_batch(questions, k=k, doc=doc, **filters)
        if len(answers) != len(questions):
            raise RuntimeError(f"ask_batch returned {len(answers)} answers for {len(questions)} questions")
        return answers

    def close(self) -> None:
        for task in [*self._workers.values(), *self._running]:
            task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)


async def _get_within(queue: asyncio.Queue[_Request], seconds: float) -> _Request:
    """queue.get(), or TimeoutError after `seconds`. asyncio.timeout (3.11+) only arms a timer, where
    wait_for wraps the get in a new task each time."""
    if hasattr(asyncio, "timeout"):
        async with asyncio.timeout(seconds):
            return await queue.get()
    return await asyncio.wait_for(queue.get(), seconds)  # pragma: no cover - Python 3.10


def _resolve(future: asyncio.Future, result: Any = None, error: BaseException | None = None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
