"""Cold start: `resolution-qa ask "..." --index DIR` as a fresh process, and how much of it is imports.

cold_ask_s: median wall time of the whole command (after one untimed run, so the page cache is warm
as it is for a user's second question). import_s: median wall time of a fresh interpreter that only
imports what the ask path imported (the top-level imports `python -X importtime` saw in that command).
import_by_package: exclusive import seconds per top-level package from the same -X importtime run,
which says where to cut (torch, transformers, sentence_transformers, ...).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict

from benchmarks._common import REPO_ROOT, bench_env, dev_questions

_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def _wall(cmd: list[str], timeout: float = 300) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=bench_env(), cwd=REPO_ROOT, timeout=timeout)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}... exited {proc.returncode}: {proc.stderr.strip()[-600:]}")
    return elapsed, proc


def parse_importtime(stderr: str) -> tuple[list[str], dict[str, float], float]:
    """(top-level modules in import order, exclusive seconds per root package, total import seconds)."""
    top: list[str] = []
    by_package: dict[str, float] = defaultdict(float)
    total_us = 0
    for line in stderr.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        self_us, cum_us, indent, name = int(m[1]), int(m[2]), m[3], m[4]
        by_package[name.split(".")[0]] += self_us / 1e6
        if len(indent) <= 1:  # one space after the bar: imported by no other module
            top.append(name)
            total_us += cum_us
    return top, dict(by_package), total_us / 1e6


def import_probe(modules: list[str]) -> list[str]:
    """A fresh-interpreter command importing `modules` (each tolerated if it fails alone)."""
    code = (
        "import importlib\n"
        f"for m in {modules!r}:\n"
        "    try:\n        importlib.import_module(m)\n"
        "    except Exception:\n        pass\n"
    )
    return [sys.executable, "-c", code]


def run(ctx, log=print) -> dict:
    runs = 2 if ctx.quick else 5
    question = dev_questions()[0]
    cmd = [*ctx.cli(), "ask", question, "--index", str(ctx.index_dir())]
    _wall(cmd)  # page cache
    cold = [_wall(cmd)[0] for _ in range(runs)]
    log(f"  cold ask: {[round(c, 2) for c in cold]}")

    # The same command under -X importtime (entry point through the interpreter so the flag applies).
    traced = [sys.executable, "-X", "importtime", "-c", "import sys; from ui.cli import main; sys.exit(main())",
              "ask", question, "--index", str(ctx.index_dir())]
    _, proc = _wall(traced)
    top, by_package, traced_total = parse_importtime(proc.stderr)
    startup = statistics.median(_wall([sys.executable, "-c", "pass"])[0] for _ in range(runs))
    imports = [_wall(import_probe(top))[0] for _ in range(runs)]
    heavy = sorted(by_package.items(), key=lambda kv: -kv[1])[:12]
    log(f"  imports only: {[round(c, 2) for c in imports]}; heaviest: {heavy[:6]}")
    return {
        "cold_ask_s": round(statistics.median(cold), 3),
        "import_s": round(statistics.median(imports), 3),
        "cold_start": {
            "runs_s": [round(c, 3) for c in cold],
            "python_startup_s": round(startup, 3),
            "import_only_runs_s": [round(c, 3) for c in imports],
            "importtime_total_s": round(traced_total, 3),
            "import_by_package_s": {k: round(v, 3) for k, v in heavy},
            "top_level_imports": top,
        },
    }
