"""Run the benchmarks, print a table and write the results as JSON.

    python -m benchmarks.run                 # everything (about 15-20 min on 2 cores) -> results/latest.json
    python -m benchmarks.run --quick         # small sizes, few repetitions (seconds) -> results/quick.json
    python -m benchmarks.run --only scale    # one section (repeatable)

Every run writes the same keys; a section that cannot run (a missing piece, an error) records its
keys as null and its message under "errors", so one failure never hides the others' numbers.
Timings are noisy on a shared machine: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks._common import BUNDLED_RESOLUTION, REPO_ROOT

# Section -> the keys it contributes (all of them are always written).
SECTIONS: dict[str, tuple[str, ...]] = {
    "latency": ("ask_p50_ms", "ask_p95_ms", "encode_p50_ms", "ask_over_encode", "bm25_p50_ms", "dense_p50_ms"),
    "cold_start": ("cold_ask_s", "import_s"),
    "build": ("build_passages_per_s",),
    "http_load": ("http", "encode_batched_rps", "http_over_encode"),
    "encoders": ("encoders",),
    "encoder_http": ("encoder_http", "http16_chosen_over_numpy"),
    "profile_warm": ("profile",),
    "scale": ("scale", "bm25_100k_p50_ms"),
}
DEFAULT_OUT = {True: REPO_ROOT / "benchmarks/results/quick.json", False: REPO_ROOT / "benchmarks/results/latest.json"}


class Context:
    """What the sections share: the mode, a scratch directory and one small index built on demand."""

    def __init__(self, quick: bool, workdir: Path, results_dir: Path, index_dir: Path | None = None) -> None:
        self.quick = quick
        self.workdir = workdir
        self.results_dir = results_dir
        self._index_dir = index_dir

    def cli(self) -> list[str]:
        exe = Path(sys.executable).with_name("resolution-qa")
        return [str(exe)] if exe.exists() else [sys.executable, "-c", "from ui.cli import main; main()"]

    def index_dir(self) -> Path:
        """The bundled resolution's index, built once per run (in this process: the build section
        loads the same model, so a quick run pays for it once)."""
        if self._index_dir is None:
            from benchmarks.build import build_index

            out = self.workdir / "index"
            build_index(out, [BUNDLED_RESOLUTION])
            self._index_dir = out
        return self._index_dir


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run_sections(names: list[str], ctx: Context) -> dict:
    results: dict = {}
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}
    for name in names:
        log(f"[{name}]")
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            got = module.run(ctx, log=log)
            missing = [k for k in SECTIONS[name] if k not in got]
            if missing:
                raise RuntimeError(f"section returned no {missing}")
            results.update(got)
        except Exception as exc:  # noqa: BLE001 - a failing section must not lose the others' numbers
            errors[name] = f"{type(exc).__name__}: {exc}"
            log(traceback.format_exc(limit=-6))
            results.update({k: None for k in SECTIONS[name] if k not in results})
        timings[name] = round(time.perf_counter() - t0, 1)
    results["errors"] = errors
    results["section_seconds"] = timings
    return results


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "processor": platform.processor() or platform.machine(),
    }


def _fmt(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def table(results: dict) -> str:
    """The results as markdown, ready for the README."""
    meta = results["meta"]
    lines = [
        f"Benchmarks of {meta['date']} on {meta['machine']['cores']} cores ({meta['machine']['platform']}), "
        f"`{meta['command']}`{' (quick mode)' if meta['quick'] else ''}, "
        f"1-min load average {meta['load_avg_1min'][0]} at start, {meta['load_avg_1min'][1]} at end:",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    scalar = [k for keys in SECTIONS.values() for k in keys
              if k not in ("http", "scale", "profile", "encoders", "encoder_http")]
    lines += [f"| {k} | {_fmt(results.get(k))} |" for k in scalar]
    # Diagnostics beside the required keys, when their sections ran.
    extra = {
        "encode_p95_ms": results.get("encode_p95_ms"),
        "ask_p95_ms with BLAS at 1 thread": (results.get("blas_1_thread") or {}).get("ask_p95_ms"),
        "ask_batch16_rps (Engine.ask_batch, no HTTP)": results.get("ask_batch16_rps"),
        "cold ask runs s": (results.get("cold_start") or {}).get("runs_s"),
    }
    lines += [f"| {k} | {_fmt(v)} |" for k, v in extra.items() if v is not None]
    if results.get("http"):
        lines += ["", "| clients | req/s | p50 ms | p95 ms | errors |", "|---|---|---|---|---|"]
        lines += [f"| {r['clients']} | {_fmt(r['rps'])} | {_fmt(r['p50_ms'])} | {_fmt(r['p95_ms'])} | {r['errors']} |"
                  for r in results["http"]]
    lines += encoder_tables(results)
    if results.get("scale"):
        lines += ["", "| passages | index | params | build s | MB | p50 ms | recall@10 |", "|---|---|---|---|---|---|---|"]
        for r in results["scale"]:
            params = ", ".join(f"{k}={r[k]}" for k in ("M", "efConstruction", "efSearch", "nlist", "nprobe") if k in r)
            lines.append(f"| {r['passages']:,} | {r['index']} | {params or '—'} | {_fmt(r['build_s'])} | "
                         f"{_fmt(r['mem_mb'])} | {_fmt(r['p50_ms'])} | {_fmt(r['recall_at_10'])} |")
    if results.get("errors"):
        lines += ["", "Sections that failed: " + "; ".join(f"{k}: {v}" for k, v in results["errors"].items())]
    return "\n".join(lines)


def encoder_tables(results: dict) -> list[str]:
    """The four encoders side by side (benchmarks.encoders) and HTTP per serving configuration."""
    lines: list[str] = []
    encoders = results.get("encoders") or {}
    if encoders:
        names = list(encoders)
        lines += ["", "| encoder | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]

        def row(label, get):
            lines.append(f"| {label} | " + " | ".join(_fmt(get(encoders[n])) for n in names) + " |")

        row("one question p50 ms", lambda e: e["question_p50_ms"])
        row("batches of 16, questions/s (1 thread)", lambda e: e["batch16_qps"])
        row("bare batched encode, passages/s", lambda e: e["passages_per_s"])
        row("build of the corpus, passages/s", lambda e: e["build_passages_per_s"])
        for kind in ("questions", "passages"):
            row(f"cosine to torch, {kind} (min / mean)",
                lambda e, k=kind: f"{e['cosine_to_torch'][k]['min']:.4f} / {e['cosine_to_torch'][k]['mean']:.4f}")
        for qset in encoders[names[0]]["eval"]:
            row(f"eval {qset}: R@1 / MRR / OOS answered",
                lambda e, s=qset: "{recall@1:.3f} / {mrr:.3f} / {wrongly_answered}".format(**e["eval"][s])
                if e["eval"][s].get("questions") else "—")
    if results.get("encoder_http"):
        lines += ["", "| serving | clients | req/s (median of rounds) | p50 ms | p95 ms | errors |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {r['config']} | {r['clients']} | {_fmt(r['rps'])} | {_fmt(r['p50_ms'])} | "
                  f"{_fmt(r['p95_ms'])} | {r['errors']} |" for r in results["encoder_http"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repetitions (seconds)")
    parser.add_argument("--only", action="append", choices=list(SECTIONS), metavar="SECTION",
                        help=f"run only this section (repeatable): {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, help="JSON path (default results/latest.json, or quick.json with --quick)")
    parser.add_argument("--index", type=Path, help="use this existing index instead of building one")
    args = parser.parse_args(argv)

    names = args.only or list(SECTIONS)
    out = args.out or DEFAULT_OUT[args.quick]
    workdir = Path(tempfile.mkdtemp(prefix="rqa-bench-"))
    command = "python -m benchmarks.run" + (" --quick" if args.quick else "") + "".join(
        f" --only {n}" for n in args.only or [])
    load_before = os.getloadavg()[0]
    blas_threads = None
    if args.quick:
        # The quick run checks the harness, it is not a measurement: with BLAS on one thread it stays
        # seconds long even when other processes hold the shared cores (2-thread GEMMs then stall).
        from threadpoolctl import threadpool_limits

        os.environ["OPENBLAS_NUM_THREADS"] = blas_threads = "1"  # for the child processes
        limits = threadpool_limits(limits=1, user_api="blas")
    try:
        ctx = Context(args.quick, workdir, out.parent, args.index)
        results = run_sections(names, ctx)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.quick:
            limits.restore_original_limits()
    results["meta"] = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "command": command,
        "quick": args.quick,
        "sections": names,
        "blas_threads": blas_threads or os.environ.get("OPENBLAS_NUM_THREADS") or "default",
        # Other processes on the shared cores: compare runs only at similar load.
        "load_avg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
