"""Query encoding in worker processes, as the server did before ONNX Runtime (issue 15); a baseline.

Why it existed: in one process, the NumPy encoder's threads share the interpreter lock with the event
loop and the engine's own Python: each of the ~200 NumPy calls of a forward pass must take the lock
back. Measured then at 16 clients on 2 cores: 341-362 req/s in threads, 390-422 with these pipes.
ONNX Runtime runs a whole forward pass in one call without the lock, so the library serves from
threads; the bench (benchmarks.encoders) measures whether processes still help any encoder.

Each worker owns one pipe, used directly by the calling thread; a worker whose parent is gone sees
its pipe close and leaves. Each computes on one BLAS thread and holds its own copy of the model.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal

import numpy as np


def _serve(location: str, name: str, encoder: str, conn) -> None:
    """A worker's life: encode what comes down the pipe until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    from threadpoolctl import threadpool_limits

    from benchmarks.baseline import register
    from index.embedding import ENCODERS

    register()
    threadpool_limits(limits=1)  # one core per process: the processes are the parallelism
    model = ENCODERS[encoder](location, name)
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):  # the server closed the pipe or is gone
            return
        conn.send(model.encode(texts))


class _Worker:
    def __init__(self, location: str, name: str, encoder: str) -> None:
        context = multiprocessing.get_context("spawn")  # not fork: the server runs threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(location, name, encoder, child), daemon=True,
                                       name="encoder")
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
    """An index.embedding encoder whose `encode` runs `encoder` in one of `processes` worker processes.
    Calls from several threads run in parallel, one per worker (more wait for a free one)."""

    def __init__(self, location: str, name: str, encoder: str, dim: int, processes: int = 2) -> None:
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.dim = dim
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers = [_Worker(location, name, encoder) for _ in range(processes)]
        for worker in self._workers:
            self._idle.put(worker)

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1) -> np.ndarray:
        worker = self._idle.get()
        try:
            return worker.encode(list(texts))
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
