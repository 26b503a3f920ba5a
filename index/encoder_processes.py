"""Query encoding in worker processes, for a server answering many questions at once.

Why: in one process, the NumPy encoder's threads share the interpreter lock with the event loop and
the engine's own Python (fusion, highlights): each of the ~200 NumPy calls of a forward pass must
take the lock back, and waits while another thread runs Python. Measured at 16 concurrent clients
over HTTP on 2 cores, in alternating runs: 341-362 req/s with the encoder in threads, 363-397 with
it in two processes. Each process holds its own copy of the model (~180 MB resident) and computes
on one BLAS thread; a lone question pays ~1 ms for the trip.

Only for models the NumPy encoder reproduces (index.bert_numpy); others stay in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np

_model = None  # in each worker process: its NumpyBert


def _exit_with(parent: int) -> None:
    # A server killed outright (SIGKILL, out of memory) cannot stop its workers: they would live on,
    # each holding a model, so each leaves when its parent is gone.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _start_worker(folder: str) -> None:
    global _model
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True, name="exit-with-server").start()
    from threadpoolctl import threadpool_limits

    from index.bert_numpy import load_numpy_bert

    threadpool_limits(limits=1)  # one core per process: the processes are the parallelism
    _model = load_numpy_bert(folder)


def _encode(texts: list[str]) -> np.ndarray:
    return _model.encode(texts)


class EncoderProcesses:
    """`encode(texts)` runs NumpyBert(folder).encode in one of `processes` worker processes.

    Thread-safe; calls from several threads run in parallel. A worker that dies (killed, out of
    memory) is replaced once per call before the error reaches the caller."""

    def __init__(self, folder: str, processes: int = 2) -> None:
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.folder = folder
        self.processes = processes
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the server forks from a process running threads (uvicorn, Gradio, BLAS)
        pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(self.folder,))
        for _ in range(self.processes):  # start them now, not on the first question
            pool.submit(_encode, ["warm up"])
        return pool

    def encode(self, texts: list[str]) -> np.ndarray:
        pool = self._pool
        try:
            return pool.submit(_encode, list(texts)).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                pool = self._pool
            return pool.submit(_encode, list(texts)).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
