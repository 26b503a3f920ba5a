"""Where an Engine's load goes: time by function (cProfile) and memory held by line (tracemalloc).

    python -m benchmarks.profile_load INDEX_DIR              # time: PassageIndex.load, Engine(), top functions
    python -m benchmarks.profile_load INDEX_DIR --memory     # what the Engine's structures hold, by line

The corpus_scale section times the load (`load_engine_s`) and measures its RSS; this says why.
tracemalloc slows Python code several times over: its timings are not the load's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
import tracemalloc
from pathlib import Path


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_load", description=__doc__.split("\n")[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--memory", action="store_true", help="tracemalloc: memory held after the load, by line")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    from index.store import PassageIndex
    from qa.engine import Engine

    start = _rss_mb()
    t0 = time.perf_counter()
    index = PassageIndex.load(args.index)
    t1 = time.perf_counter()
    after_index = _rss_mb()
    print(f"{len(index.documents)} documents, {len(index.passages)} passages")
    print(f"PassageIndex.load {t1 - t0:.2f} s, RSS +{after_index - start:.0f} MB")
    if args.memory:
        tracemalloc.start()
        t2 = time.perf_counter()
        engine = Engine(index)
        t3 = time.perf_counter()
        snapshot = tracemalloc.take_snapshot()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        stats = snapshot.statistics("lineno")
        held = sum(s.size for s in stats)
        print(f"Engine() {t3 - t2:.2f} s under tracemalloc; Python memory held {held / 2**20:.0f} MB, "
              f"peak {peak / 2**20:.0f} MB; RSS +{_rss_mb() - after_index:.0f} MB")
        for s in stats[: args.top]:
            frame = s.traceback[0]
            print(f"{s.size / 2**20:8.1f} MB {s.count:9d} blocks  {frame.filename}:{frame.lineno}")
    else:
        profile = cProfile.Profile()
        t2 = time.perf_counter()
        profile.enable()
        engine = Engine(index)
        profile.disable()
        t3 = time.perf_counter()
        print(f"Engine() {t3 - t2:.2f} s under cProfile, RSS +{_rss_mb() - after_index:.0f} MB")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
    del engine
    return 0


if __name__ == "__main__":
    sys.exit(main())
