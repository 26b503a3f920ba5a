"""Encoders side by side (issue 15): torch (sentence-transformers), the NumPy baseline, ONNX Runtime fp32
(fused) and int8, on the same questions and passages, interleaved so that a slow spell of the shared
cores hits every encoder alike: compare ratios within one run.

Per encoder:
- question_p50_ms: one question per call, as `resolution-qa ask` encodes (each encoder's default threads);
- batch16_qps: batches of 16 questions on one thread, as a server batch worker computes them;
- passages_per_s: bare batched encode (32 a batch) of a fixed sample of the collection's passages on
  every core, as a build encodes: the limit a build can reach;
- build_passages_per_s: `PassageIndex.build` of the six-resolution corpus with that encoder (whole:
  parsing excluded, BM25, FAISS and writing included);
- cosine_to_torch: min / mean over every question of the eval sets and every corpus passage;
- eval: `resolution-qa eval` on every question set against that encoder's corpus index (questions on
  documents outside the corpus are left out and counted). The torch index is queried by torch here
  (the library queries it with onnx-fp32, whose vectors are torch's).
HTTP per serving configuration is benchmarks.encoder_http.
"""

from __future__ import annotations

import json
import os
import time

import numpy as np

from benchmarks._common import BUNDLED_RESOLUTION, REPO_ROOT, ms, pct, shared_dir

ORDER = ("torch", "numpy", "onnx-fp32", "onnx-int8")
EVAL_KEYS = ("recall@1", "recall@3", "mrr", "wrongly_answered", "wrongly_abstained")


def question_sets() -> list:
    sets = [shared_dir() / "eval" / "dev_questions.jsonl", *sorted((REPO_ROOT / "tests/qa/questions").glob("*.jsonl"))]
    return [p for p in sets if p.is_file()]


def _questions(paths) -> list[str]:
    seen: dict[str, None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(json.loads(line)["q"], None)
    return list(seen) or ["Which country hosts the next conference?"]


def _documents(files):
    from benchmarks.build import _documents as parse

    return parse(files)


def _passage_sample(corpus_texts: list[str], n: int) -> list[str]:
    """n passages drawn (seed 0) from the shared collection, else from the corpus."""
    from qa.parsing import find_resolution_files, load_resolution
    from qa.passages import passages_for

    collection = shared_dir() / "corpus" / "collection"
    pool = list(corpus_texts)
    if collection.is_dir():
        files = find_resolution_files([collection])
        rng = np.random.default_rng(0)
        pool = []
        for i in rng.permutation(len(files))[: max(40, n // 10)]:
            try:
                pool += [p.text for p in passages_for(load_resolution(files[i]))]
            except Exception:  # noqa: BLE001, S112 - a file the parser refuses is not a passage
                continue
    rng = np.random.default_rng(0)
    return [pool[i] for i in rng.choice(len(pool), size=min(n, len(pool)), replace=False)]


def load_encoders(names=ORDER) -> dict:
    from benchmarks.baseline import register
    from index.embedding import ENCODERS, get_embedder

    register()
    embedder = get_embedder()  # the model's location, and the ONNX export made (once) if missing
    return {name: ENCODERS[name](embedder.location, embedder.name) for name in names}


def _limits(threads: int | None):
    """BLAS (numpy) and torch held to `threads` (None: their defaults)."""
    from contextlib import contextmanager

    from threadpoolctl import threadpool_limits

    @contextmanager
    def held():
        import torch

        before = torch.get_num_threads()
        if threads:
            torch.set_num_threads(threads)
        try:
            with threadpool_limits(limits=threads, user_api="blas"):
                yield
        finally:
            torch.set_num_threads(before)

    return held()


def _speed(encoders: dict, questions: list[str], passages: list[str], quick: bool, log) -> dict:
    from index.onnx_session import default_threads

    cores = default_threads()
    single = {n: [] for n in encoders}
    batch = {n: [] for n in encoders}
    bulk = {n: [] for n in encoders}
    for enc in encoders.values():
        enc.encode(questions[:16])  # warm-up: first-call allocations
    with _limits(None):
        for q in questions[: 10 if quick else 60]:
            for name, enc in encoders.items():
                t0 = time.perf_counter()
                enc.encode([q])
                single[name].append(time.perf_counter() - t0)
    with _limits(1):
        for b in range(3 if quick else 24):
            qs = [questions[(b * 16 + i) % len(questions)] for i in range(16)]
            for name, enc in encoders.items():
                t0 = time.perf_counter()
                enc.encode(qs, threads=1)
                batch[name].append(time.perf_counter() - t0)
    chunk = 64 if quick else 256
    with _limits(None):
        for start in range(0, len(passages), chunk):
            part = passages[start : start + chunk]
            for name, enc in encoders.items():
                t0 = time.perf_counter()
                enc.encode(part, batch_size=32, threads=cores)
                bulk[name].append(len(part) / (time.perf_counter() - t0))
    out = {}
    for name in encoders:
        out[name] = {"question_p50_ms": ms(pct(single[name], 50)), "question_p95_ms": ms(pct(single[name], 95)),
                     "batch16_qps": round(16 / pct(batch[name], 50), 1),
                     "passages_per_s": round(float(np.median(bulk[name])), 1)}
        log(f"  {name}: {out[name]}")
    return out


def _cosines(vectors: dict[str, np.ndarray], reference: str = "torch") -> dict:
    ref = vectors[reference]
    out = {}
    for name, v in vectors.items():
        c = (v * ref).sum(1) / np.maximum(np.linalg.norm(v, axis=1) * np.linalg.norm(ref, axis=1), 1e-12)
        out[name] = {"min": round(float(c.min()), 5), "mean": round(float(c.mean()), 5)}
    return out


def _eval(index_dir, sets, workdir) -> dict:
    """`resolution-qa eval --json` on each set, in this process (the encoder is loaded once)."""
    from click.testing import CliRunner

    from index.store import PassageIndex
    from ui.cli import main

    keys = {d.key for d in PassageIndex.load(index_dir).documents}
    out = {}
    for path in sets:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        kept = [i for i in items if i.get("doc") in keys or i.get("doc") is None]
        if not kept:
            out[path.name] = {"questions": 0, "left_out": len(items)}
            continue
        scratch = workdir / f"eval-{path.name}"
        scratch.write_text("".join(json.dumps(i) + "\n" for i in kept), encoding="utf-8")
        result = CliRunner().invoke(main, ["eval", str(scratch), "--index", str(index_dir), "--json"])
        if result.exit_code != 0:
            raise RuntimeError(f"eval {path.name}: {result.output.strip()[-300:]}")
        metrics = json.loads(result.output)
        out[path.name] = {"questions": len(kept), "left_out": len(items) - len(kept),
                          **{k: round(metrics[k], 3) if isinstance(metrics[k], float) else metrics[k] for k in EVAL_KEYS}}
    return out


def build_indexes(ctx, names=ORDER, log=print) -> dict:
    """One index per encoder of the six-resolution corpus (the bundled resolution in quick mode);
    returns {name: (folder, whole-build passages/s)}. Built once per run, shared with encoder_http."""
    cached = getattr(ctx, "_encoder_indexes", None)
    if cached is not None:
        return cached
    from benchmarks.baseline import register
    from index.store import PassageIndex

    register()
    corpus = shared_dir() / "corpus"
    files = [BUNDLED_RESOLUTION] if ctx.quick or not corpus.is_dir() else sorted(corpus.glob("*.txt"))
    docs = _documents(files)
    n = sum(len(p) for _, p in docs)
    built = {}
    for name in names:
        out = ctx.workdir / f"encoder-{name}"
        t0 = time.perf_counter()
        PassageIndex.build(out, docs, progress=False, encoder=name)
        built[name] = (out, round(n / (time.perf_counter() - t0), 1))
        log(f"  build {name}: {n} passages, {built[name][1]}/s")
    ctx._encoder_indexes = built
    return built


def run(ctx, log=print) -> dict:
    import index.embedding as embedding
    from benchmarks.baseline import register
    from index.store import PassageIndex

    register()
    sets = question_sets()
    questions = _questions(sets)
    encoders = load_encoders()
    # Builds first (torch's model loads are then behind us), then speed, interleaved.
    saved = dict(embedding._QUERY_ENCODER)
    embedding._QUERY_ENCODER.clear()  # each index is queried by the encoder that built it, torch too
    try:
        indexes = build_indexes(ctx, log=log)
        loaded = {name: PassageIndex.load(folder) for name, (folder, _) in indexes.items()}
        corpus_texts = [p.text for p in loaded["torch"].passages]
        sample = _passage_sample(corpus_texts, 128 if ctx.quick else 1024)
        speed = _speed(encoders, questions, sample, ctx.quick, log)
        questions_cos = _cosines({n: e.encode(questions) for n, e in encoders.items()})
        passages_cos = _cosines({n: ix._faiss.reconstruct_n(0, ix._faiss.ntotal) for n, ix in loaded.items()})
        evals = {name: _eval(folder, sets if not ctx.quick else sets[:1], ctx.workdir) for name, (folder, _) in indexes.items()}
    finally:
        embedding._QUERY_ENCODER.update(saved)
    result = {}
    for name in encoders:
        result[name] = {**speed[name], "build_passages_per_s": indexes[name][1],
                        "cosine_to_torch": {"questions": questions_cos[name], "passages": passages_cos[name]},
                        "eval": evals[name]}
    log(f"  cosines to torch: questions {questions_cos}, passages {passages_cos}")
    return {"encoders": result, "encoders_meta": {"questions": len(questions), "passages_sampled": len(sample),
                                                   "cores": os.cpu_count(), "chosen": embedding.BUILD_ENCODER}}
