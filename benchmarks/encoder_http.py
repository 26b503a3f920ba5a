"""HTTP `/api/ask` at 1, 4 and 16 clients for each serving configuration: every encoder in the batch
workers' threads, and the NumPy baseline and ONNX Runtime in two worker processes
(benchmarks.baseline.processes), to see whether processes still help.

All servers run at once, each on its encoder's corpus index (benchmarks.encoders.build_indexes), and
are loaded in turn, level by level, round after round (the order rotating), so that a slow spell of
the shared cores hits every configuration: rps is the median over the rounds.
"""

from __future__ import annotations

import statistics
import sys
from contextlib import ExitStack

from benchmarks.encoders import build_indexes
from benchmarks.http_load import CLIENT_LEVELS, Server, load

# (label, encoder, worker processes)
CONFIGS = (
    ("torch, threads", "torch", 0),
    ("numpy, threads", "numpy", 0),
    ("numpy, 2 processes", "numpy", 2),
    ("onnx-fp32, threads", "onnx-fp32", 0),
    ("onnx-fp32, 2 processes", "onnx-fp32", 2),
    ("onnx-int8, threads", "onnx-int8", 0),
    ("onnx-int8, 2 processes", "onnx-int8", 2),
)
QUICK_CONFIGS = ("numpy, 2 processes", "onnx-fp32, threads")


def run(ctx, log=print) -> dict:
    import httpx

    from benchmarks._common import dev_questions

    questions = dev_questions()
    configs = [c for c in CONFIGS if not ctx.quick or c[0] in QUICK_CONFIGS]
    indexes = build_indexes(ctx, log=log)
    rounds = 1 if ctx.quick else 3
    per_client = {1: 4, 4: 3, 16: 2} if ctx.quick else {1: 40, 4: 20, 16: 12}
    runs: dict[tuple[str, int], list[dict]] = {}
    with ExitStack() as stack:
        servers = {}
        for label, encoder, processes in configs:
            command = [sys.executable, "-m", "benchmarks.baseline.serve", "--processes", str(processes)]
            servers[label] = stack.enter_context(Server([], indexes[encoder][0], log=log, command=command))
            for q in questions[:3]:  # warm the server's lazy loads
                httpx.get(servers[label].base + "/api/ask", params={"q": q}, timeout=120)
        for r in range(rounds):
            for clients in CLIENT_LEVELS:
                turn = configs[r % len(configs):] + configs[: r % len(configs)]
                for label, _, _ in turn:
                    runs.setdefault((label, clients), []).append(
                        load(servers[label].base, clients, per_client[clients], questions))
            log(f"  round {r + 1}/{rounds} done")
    rows = []
    for label, encoder, processes in configs:
        for clients in CLIENT_LEVELS:
            got = runs[(label, clients)]
            rows.append({"config": label, "encoder": encoder, "processes": processes, "clients": clients,
                         "rps": round(statistics.median(g["rps"] for g in got), 1),
                         "rps_rounds": [g["rps"] for g in got],
                         "p50_ms": round(statistics.median(g["p50_ms"] for g in got), 2),
                         "p95_ms": round(statistics.median(g["p95_ms"] for g in got), 2),
                         "errors": sum(g["errors"] for g in got)})
            log(f"  {label:24s} {clients:2d} clients {rows[-1]['rps']:7.1f} req/s {rows[-1]['rps_rounds']}")
    at16 = {r["config"]: r["rps"] for r in rows if r["clients"] == 16}
    numpy_best = max((v for k, v in at16.items() if k.startswith("numpy")), default=None)
    from index.embedding import BUILD_ENCODER

    chosen = at16.get(f"{BUILD_ENCODER}, threads")
    return {"encoder_http": rows,
            "http16_chosen_over_numpy": round(chosen / numpy_best, 3) if chosen and numpy_best else None}
