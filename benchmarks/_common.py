"""Helpers shared by the benchmark sections: paths, percentiles, a stopwatch."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_RESOLUTION = REPO_ROOT / "data" / "A_RES_64_12.txt"
# Fallback questions when ../shared is absent (a bare clone): phrased like the dev set, gold unused here.
FALLBACK_QUESTIONS = [
    "When was the Millennium Declaration adopted?",
    "Which country hosts the next conference?",
    "What core values of the United Nations are mentioned?",
    "Is democracy described as a universal value?",
    "What does the Secretary-General have to report on?",
    "Which resolutions are recalled?",
]


def shared_dir() -> Path:
    """The read-only shared material: $RESOLUTION_QA_SHARED, else ../shared beside the repository."""
    env = os.environ.get("RESOLUTION_QA_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def dev_questions() -> list[str]:
    path = shared_dir() / "eval" / "dev_questions.jsonl"
    if not path.is_file():
        return list(FALLBACK_QUESTIONS)
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["q"] for line in f if line.strip()]


def pct(samples: Iterable[float], q: float) -> float:
    xs = np.asarray(list(samples), dtype=float)
    return float(np.percentile(xs, q)) if xs.size else float("nan")


def time_each(fn: Callable[[object], object], items: Iterable[object], warmup: int = 2) -> list[float]:
    """Seconds per call of fn(item), after `warmup` untimed calls on the first items."""
    items = list(items)
    for it in items[:warmup]:
        fn(it)
    out = []
    for it in items:
        t0 = time.perf_counter()
        fn(it)
        out.append(time.perf_counter() - t0)
    return out


def time_interleaved(fns: Sequence[Callable[[object], object]], items: Iterable[object],
                     warmup: int = 2) -> list[list[float]]:
    """Seconds per call of each fn(item), the fns called in turn on each item: a slow spell of the
    shared cores then hits every fn alike, and their ratio does not drift with it."""
    items = list(items)
    for it in items[:warmup]:
        for fn in fns:
            fn(it)
    out: list[list[float]] = [[] for _ in fns]
    for it in items:
        for times, fn in zip(out, fns, strict=True):
            t0 = time.perf_counter()
            fn(it)
            times.append(time.perf_counter() - t0)
    return out


def ms(seconds: float) -> float:
    return round(seconds * 1000.0, 3)


def bench_env() -> dict[str, str]:
    """Environment for child processes: offline models, no analytics, as the Makefile sets."""
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    return env


def load_passage_index(index_dir: Path | str):
    """The index package's PassageIndex loaded from `index_dir` (imported lazily: it may not exist yet)."""
    try:
        from index.store import PassageIndex
    except ImportError:
        from index import PassageIndex

    return PassageIndex.load(index_dir)


def load_engine(index_dir: Path | str):
    """(Engine, its PassageIndex) for `index_dir`; the index is the engine's own when it exposes it."""
    from qa.engine import Engine

    engine = Engine.from_index(index_dir)
    for attr in ("index", "passage_index", "_index"):
        candidate = getattr(engine, attr, None)
        if candidate is not None and hasattr(candidate, "encode") and hasattr(candidate, "dense_search"):
            return engine, candidate
    return engine, load_passage_index(index_dir)
