"""Profile of the warm ask path (pyinstrument, ~30 asks): where the time goes besides the model's own
forward pass. Writes the call tree to profile.txt beside the JSON results and returns the time per
ask by category (innermost matching frame wins), plus the serialisation cost of the answers.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from benchmarks._common import REPO_ROOT, dev_questions, load_engine

# (category, substrings of "file_path:function"), first match wins for a frame; a frame that matches
# nothing inherits its caller's category, so a NumPy matmul inside the encoder counts as model.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tokenization", ("tokenizers", "tokeniz", "Tokeniz")),
    ("bm25", ("bm25s", "Stemmer", "bm25")),
    ("faiss", ("faiss",)),
    ("json", ("/json/", ":to_dict", ":dumps")),
    ("highlight", ("highlight",)),
    ("fusion", ("fus", "rrf", "reciprocal")),
    ("model", ("onnxruntime", "onnx_session", "/torch/", "/transformers/", "sentence_transformers", ":encode")),
    ("engine (other)", ("/qa/",)),
    ("index (other)", ("/index/",)),
)


def category(frame, inherited: str) -> str:
    key = f"{frame.file_path or ''}:{frame.function or ''}"
    for name, needles in RULES:
        if any(n in key for n in needles):
            return name
    return inherited


def by_category(root) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    stack = [(root, "other")]
    while stack:
        frame, inherited = stack.pop()
        cat = category(frame, inherited)
        child_time = sum(c.time for c in frame.children)
        totals[cat] += max(frame.time - child_time, 0.0)
        stack.extend((c, cat) for c in frame.children)
    return dict(totals)


def run(ctx, log=print) -> dict:
    from pyinstrument import Profiler

    questions = dev_questions()
    n = 10 if ctx.quick else 30
    items = [questions[i % len(questions)] for i in range(n)]
    engine, _ = load_engine(ctx.index_dir())
    for q in items[:3]:
        engine.ask(q, k=5)  # warm: lazy loads are not the warm path

    profiler = Profiler(interval=0.0005)
    profiler.start()
    answers = [engine.ask(q, k=5) for q in items]
    profiler.stop()
    session = profiler.last_session
    t0 = time.perf_counter()
    for a in answers:
        json.dumps(a.to_dict())
    serialise_ms = (time.perf_counter() - t0) * 1000 / n

    cats = by_category(session.root_frame())
    per_ask = {k: round(v * 1000 / n, 3) for k, v in sorted(cats.items(), key=lambda kv: -kv[1])}
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    path = Path(ctx.results_dir) / ("profile_quick.txt" if ctx.quick else "profile.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    header = [f"Warm Engine.ask profile over {n} asks (pyinstrument, 0.5 ms interval).",
              "Milliseconds per ask by category (innermost matching frame wins):"]
    header += [f"  {k:16s} {v:8.3f}" for k, v in per_ask.items()]
    header += [f"  answer.to_dict + json.dumps (timed apart): {serialise_ms:.3f} ms", "", ""]
    path.write_text("\n".join(header) + text, encoding="utf-8")
    log("\n".join(header[:12]))
    shown = path.resolve().relative_to(REPO_ROOT) if path.resolve().is_relative_to(REPO_ROOT) else path
    return {"profile": {"path": str(shown), "asks": n, "ms_per_ask_by_category": per_ask,
                        "serialise_ms_per_answer": round(serialise_ms, 3),
                        "profiled_s": round(session.duration, 3)}}
