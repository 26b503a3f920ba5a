"""Query encoding in worker processes, for a server answering many questions at once.

Why: in one process, the NumPy encoder's threads share the interpreter lock with the event loop and
the engine's own Python (fusion, highlights): each of the ~200 NumPy calls of a forward pass must
take the lock back, and waits while another thread runs Python. Measured at 16 concurrent clients
over HTTP on 2 cores, in alternating runs: 341-362 req/s with the encoder in threads, 363-397 with
it in a two-process pool, and later 371-414 with the pool against 390-422 with these pipes. Each
process holds its own copy of the model (~180 MB resident) and computes on one BLAS thread.

Each worker owns one pipe, and the calling thread talks to it directly (no executor threads in
between, whose hand-offs each wait for the interpreter lock under load). A worker whose parent is
gone sees its pipe close and leaves.

Only for models the NumPy encoder reproduces (index.bert_numpy); others stay in-process.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading

import numpy as np


def _serve(folder: str, conn) -> None:
    """A worker's life: encode what comes down the pipe until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    from threadpoolctl import threadpool_limits

    from index.bert_numpy import load_numpy_bert

    threadpool_limits(limits=1)  # one core per process: the processes are the parallelism
    model = load_numpy_bert(folder)
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):  # the server closed the pipe or is gone
            return
        conn.send(model.encode(texts))


class _Worker:
    def __init__(self, folder: str) -> None:
        context = multiprocessing.get_context("spawn")  # not fork: the server runs threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(folder, child), daemon=True, name="encoder")
        self.process.start()
        child.close()

    def encode(self, texts: list[str]) -> np.ndarray:
        self.conn.send(texts)
        return self.conn.recv()

    def stop(self) -> None:
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class EncoderProcesses:
    """`encode(texts)` runs NumpyBert(folder).encode in one of `processes` worker processes.

    Thread-safe; calls from several threads run in parallel, one per worker (more wait for a free
    one). A worker that dies (killed, out of memory) is replaced once per call before the error
    reaches the caller."""

    def __init__(self, folder: str, processes: int = 2) -> None:
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.folder = folder
        self.processes = processes
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._workers = [_Worker(folder) for _ in range(processes)]
        for worker in self._workers:
            self._idle.put(worker)

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    def encode(self, texts: list[str]) -> np.ndarray:
        texts = list(texts)
        worker = self._idle.get()
        try:
            return worker.encode(texts)
        except (EOFError, OSError):  # the worker died: replace it and try once more
            if self._closed:
                raise RuntimeError("the encoder processes were stopped") from None
            worker = self._replace(worker)
            return worker.encode(texts)
        finally:
            self._idle.put(worker)

    def _replace(self, dead: _Worker) -> _Worker:
        dead.stop()
        fresh = _Worker(self.folder)
        with self._lock:
            self._workers[self._workers.index(dead)] = fresh
        return fresh

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()
