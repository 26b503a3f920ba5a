"""HTTP: 1, 4 and 16 concurrent clients against `GET /api/ask` of `resolution-qa serve` on loopback
(as users run it: questions encoded by ONNX Runtime in the batch workers' threads).

Each client is a thread with its own keep-alive connection sending a bounded number of requests back
to back. In the same run, the bare batched encode throughput (batches of 16 questions, in this
process, before the server starts and after it stops, so they do not share the cores; the better of
the two) is the ceiling the server could reach if encoding were all it did:
http_over_encode = 16-client req/s / encode_batched_rps. ask_batch16_rps
(whole `Engine.ask_batch` on 16 questions) splits the gap into engine work and HTTP/server work.

Both are measured with BLAS at its default thread count and at one thread, batch by batch in turn,
and the faster is kept: when another process holds one of two cores, a two-thread GEMM waits on it
and a batch takes ten times longer, which would understate the model (and flatter the ratio).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time

from benchmarks._common import REPO_ROOT, bench_env, dev_questions, load_engine, ms, pct

CLIENT_LEVELS = (1, 4, 16)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`resolution-qa serve` in its own process group, stopped (by its id) on exit."""

    def __init__(self, cli: list[str], index_dir, log=print, command: list[str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.cmd = [*(command or [*cli, "serve"]), "--index", str(index_dir), "--port", str(self.port)]
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.errfile = None

    def __enter__(self) -> Server:
        import tempfile

        import httpx

        self.errfile = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.cmd, env=bench_env(), cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                                     stderr=self.errfile, start_new_session=True)
        t0 = time.perf_counter()
        deadline = t0 + 180
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                self.errfile.seek(0)
                tail = self.errfile.read().decode(errors="replace")[-800:]
                raise RuntimeError(f"server exited {self.proc.returncode}: {tail}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    self.startup_s = time.perf_counter() - t0
                    self.log(f"  server up on {self.port} in {self.startup_s:.1f}s")
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("server did not answer /healthz within 180 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.errfile:
            self.errfile.close()


def load(base: str, clients: int, per_client: int, questions: list[str]) -> dict:
    # The clients run on the same two cores as the server, so their own CPU per request is taken
    # from the server: the standard library's keep-alive HTTPConnection costs a fraction of httpx's.
    import http.client
    import json
    from urllib.parse import quote, urlsplit

    address = urlsplit(base)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client(c: int) -> None:
        mine, bad = [], 0
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        start.wait()
        for i in range(per_client):
            q = questions[(c * 7 + i) % len(questions)]
            t0 = time.perf_counter()
            try:
                conn.request("GET", f"/api/ask?q={quote(q)}")
                r = conn.getresponse()
                body = r.read()
                ok = r.status == 200 and "citations" in json.loads(body)
            except (OSError, http.client.HTTPException, ValueError):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            if ok:
                mine.append(time.perf_counter() - t0)
            else:
                bad += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": clients * per_client,
        "rps": round(len(latencies) / wall, 2),
        "p50_ms": ms(pct(latencies, 50)),
        "p95_ms": ms(pct(latencies, 95)),
        "errors": errors[0],
    }


def batched_rps(fn, questions: list[str], batches: int) -> dict[str, float]:
    """Questions per second through fn(list of 16 questions), from the median batch time, with BLAS at
    its default thread count ("default") and at one thread ("1"), alternating batch by batch. The
    median: one batch stalled by another process on the shared cores must not stand for the throughput."""
    from threadpoolctl import threadpool_limits

    fn([questions[i % len(questions)] for i in range(16)])  # warm-up (lazy model load)
    times: dict[str, list[float]] = {"default": [], "1": []}
    for b in range(batches):
        batch = [questions[(b * 16 + i) % len(questions)] for i in range(16)]
        for threads, samples in times.items():
            with threadpool_limits(limits=None if threads == "default" else int(threads), user_api="blas"):
                t0 = time.perf_counter()
                fn(batch)
                samples.append(time.perf_counter() - t0)
    return {threads: round(16 / pct(samples, 50), 2) for threads, samples in times.items()}


def _best(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    return {threads: max(a[threads], b[threads]) for threads in a}


def run(ctx, log=print) -> dict:
    import httpx

    questions = dev_questions()
    index_dir = ctx.index_dir()
    # Each level runs a second or more: at 16 clients, 15 requests each lasted 0.7 s, within which the
    # first batches (before the clients fall into step) weighed enough to move req/s by 10%.
    per_client = {1: 6, 4: 4, 16: 2} if ctx.quick else {1: 100, 4: 60, 16: 40}
    # The server's inner loop without HTTP: encode alone (the ceiling), and the engine's whole batch,
    # measured before and after the server runs, the best kept: a slow spell of the shared cores
    # during one measurement must not lower the ceiling (and so flatter http_over_encode).
    engine, index = load_engine(index_dir)
    batches = 5 if ctx.quick else 30
    encode = batched_rps(index.encode, questions, batches)
    ask_batch = batched_rps(lambda qs: engine.ask_batch(qs, k=5), questions, batches)
    rows = []
    with Server(ctx.cli(), index_dir, log=log) as server:
        for q in questions[:3]:  # warm the server's lazy loads
            httpx.get(server.base + "/api/ask", params={"q": q}, timeout=120)
        for clients in CLIENT_LEVELS:
            rows.append(load(server.base, clients, per_client[clients], questions))
            log(f"  http {rows[-1]}")
        startup = server.startup_s
    encode = _best(encode, batched_rps(index.encode, questions, batches))
    ask_batch = _best(ask_batch, batched_rps(lambda qs: engine.ask_batch(qs, k=5), questions, batches))
    rps_encode = max(encode.values())
    at16 = next(r for r in rows if r["clients"] == 16)
    return {
        "http": rows,
        "encode_batched_rps": round(rps_encode, 2),
        "http_over_encode": round(at16["rps"] / rps_encode, 3),
        "ask_batch16_rps": round(max(ask_batch.values()), 2),
        "batched_rps_by_blas_threads": {"encode": encode, "ask_batch": ask_batch},
        "server_startup_s": round(startup, 2),
    }
