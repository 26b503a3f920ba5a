"""Corpus scale: warm `Engine.ask` p50/p95, load time and memory at 1, ~950 and ~20,000 resolutions.

The three indexes:
- one: the bundled resolution (the default index);
- collection: `resolution-qa index build ../shared/corpus` (recursively; what does not parse is
  skipped), run once and cached; its summary gives the end-to-end build rate in passages/s;
- clone: the collection's documents copied under new symbols up to CLONE_RESOLUTIONS, with the
  collection's own vectors (`PassageIndex.build_from_vectors`, the store's writing code: nothing
  is embedded twice), also cached.
The cache ($RESOLUTION_QA_BENCH_CACHE, else ~/.cache/resolution-qa/bench) is keyed by the corpus
files and the source of the parser, the passages and the on-disk format, so a change to any of them
builds anew. Each index is measured in a fresh process (`python -m benchmarks.corpus_scale measure
DIR`), so load time and RSS are its own; the one-resolution index is measured before and after the
others, and the ratio uses their mean (the machine is shared: timings drift).
The quick mode clones the bundled index instead (10x and 50x, from its vectors): seconds long.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks._common import REPO_ROOT, bench_env, dev_questions, ms, pct, shared_dir

CLONE_RESOLUTIONS = 20_000
PASSES = 3  # timed passes over the questions, after one warm-up pass
CACHE_VERSION = "1"
CLONE_VERSION = "2"  # 2: recall counts any copy of a repeated vector (index.dense.measure_recall)
# what the cached indexes depend on, besides the corpus files and the format constants (_digest)
SOURCES = ["qa/parsing", "qa/passages.py", "qa/model.py", "ui/cli/collection.py"]
# asked in the measuring process too: the per-question costs that grow with the documents
NAMED_PARAGRAPH = "What does operative paragraph 3 say?"
PLACE_NOWHERE = "What does the resolution say about Atlantis and Lemuria?"


def cache_dir() -> Path:
    env = os.environ.get("RESOLUTION_QA_BENCH_CACHE")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "resolution-qa"
    return base / "bench" if not env else base


def _digest(paths: list[Path], extra: str) -> str:
    from index import dense, disk_format, sparse

    formats = (disk_format.FORMAT_VERSION, sparse.TOKENIZER, dense.APPROXIMATE_FROM, dense.HNSW_M,
               dense.HNSW_EF_CONSTRUCTION, dense.HNSW_EF_SEARCH)
    h = hashlib.sha256(f"{CACHE_VERSION}|{extra}|{formats}".encode())
    for src in SOURCES:
        for f in sorted((REPO_ROOT / src).rglob("*.py")) if (REPO_ROOT / src).is_dir() else [REPO_ROOT / src]:
            h.update(f.read_bytes())
    for f in paths:
        h.update(str(f).encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("resolution-qa")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from ui.cli import main; main()"]


def build_collection(corpus: Path, log) -> tuple[Path, dict]:
    """The CLI's build of the whole corpus, cached; (index folder, the build's JSON summary)."""
    from qa.parsing import find_resolution_files

    files = find_resolution_files([corpus])
    folder = cache_dir() / f"collection-{_digest(files, str(corpus))}"
    summary_file = folder.with_suffix(".json")
    if (folder / "manifest.json").is_file() and summary_file.is_file():
        log(f"  collection: cached {folder}")
        return folder, json.loads(summary_file.read_text())
    log(f"  collection: resolution-qa index build {corpus} (every file, recursively) ...")
    proc = subprocess.run([*_cli(), "index", "build", str(corpus), "--out", str(folder), "--json", "--quiet"],
                          capture_output=True, text=True, env=bench_env())
    if proc.returncode not in (0, 3):  # 3: built, with skips
        raise RuntimeError(f"the collection build failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    summary = json.loads(proc.stdout)
    summary_file.write_text(json.dumps(summary, indent=2))
    return folder, summary


def clone_index(source: Path, out: Path, resolutions: int, log) -> Path:
    """source's documents under new symbols ("SYMBOL ~c2") up to `resolutions` documents, with
    source's own vectors: the store writes the folder, nothing is embedded."""
    import numpy as np

    from index.store import PassageIndex

    if (out / "manifest.json").is_file():
        log(f"  clone: cached {out}")
        return out
    base = PassageIndex.load(source)
    docs, parts, copy = [], [], 0
    while len(docs) < resolutions:
        for info in base.documents:
            if len(docs) >= resolutions:
                break
            start, end = base.ranges.range(info.key)
            key = f"{info.key} ~c{copy}" if copy else info.key
            passages = [dataclasses.replace(p, id=f"{key}#{p.id.split('#', 1)[-1]}", doc=key)
                        for p in base.passages[start:end]]
            docs.append((dataclasses.replace(info, key=key), passages))
            parts.append(base.vectors[start:end])
        copy += 1
    vectors = np.concatenate(parts)
    log(f"  clone: writing {len(docs)} documents, {len(vectors)} passages from stored vectors ...")
    t0 = time.perf_counter()
    PassageIndex.build_from_vectors(out, docs, vectors, model=base.model_name)
    log(f"  clone: written in {time.perf_counter() - t0:.0f} s")
    return out


def measure(index_dir: Path, questions: list[str], passes: int) -> dict:
    """In this (fresh) process: load time, RSS by stage, warm ask percentiles, a few diagnostics.
    BLAS and OpenMP run on one thread, as in the server's batch workers (ui.batching): on shared
    cores a multi-threaded GEMM or FAISS scan waits for a core and the timings measure the wait."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    rss = {"start": _rss_mb()}
    from index.store import PassageIndex
    from qa.engine import Engine

    t0 = time.perf_counter()
    index = PassageIndex.load(index_dir)
    t1 = time.perf_counter()
    rss["index"] = _rss_mb()
    engine = Engine(index)
    t2 = time.perf_counter()
    rss["engine"] = _rss_mb()
    limits = threadpool_limits(limits=1)
    index.encode(["warm the encoder"])
    rss["encoder"] = _rss_mb()
    for q in questions:  # warm-up pass (and lazy per-document facts of the scope check)
        engine.ask(q)
    asks = []
    for _ in range(passes):
        for q in questions:
            s = time.perf_counter()
            engine.ask(q)
            asks.append(time.perf_counter() - s)
    encode = _times(lambda i: index.encode([questions[i % len(questions)]]), range(len(asks)))
    vectors = index.encode(questions)
    n = min(engine.CANDIDATES, engine.passage_count)
    dense = _times(lambda i: index.dense_search(vectors[i : i + 1], n), range(len(questions)))
    bm25 = _times(lambda i: index.bm25_search([questions[i]], n), range(len(questions)))
    some = [d.key for d in index.documents[: max(1, len(index.documents) // 10)]]
    filtered = _times(lambda i: index.bm25_search([questions[i]], n, doc=some), range(len(questions)))
    scope = _times(lambda i: engine._scope.unsupported(questions[i]), range(len(questions)))
    first = index.documents[0].key
    faiss_mb = index.vectors.nbytes / 2**20
    bm25_mb = index.bm25_nbytes / 2**20
    out = {
        "resolutions": len(index.documents),
        "passages": len(index.passages),
        "dense_kind": index.manifest.get("dense", {}).get("kind"),
        "load_index_s": round(t1 - t0, 2),
        "load_engine_s": round(t2 - t1, 2),
        "load_s": round(t2 - t0, 2),
        "rss_mb": round(rss["encoder"], 1),
        "rss_index_mb": round(rss["index"] - rss["start"], 1),
        "rss_engine_mb": round(rss["engine"] - rss["index"], 1),
        "rss_peak_mb": round(_rss_mb("VmHWM"), 1),
        "faiss_vectors_mb": round(faiss_mb, 1),
        "bm25_arrays_mb": round(bm25_mb, 1),
        "ask_p50_ms": ms(pct(asks, 50)),
        "ask_p95_ms": ms(pct(asks, 95)),
        "encode_p50_ms": ms(pct(encode, 50)),
        # what is not the question's encoding: retrieval and the engine's own work
        "ask_minus_encode_p50_ms": ms(pct(asks, 50) - pct(encode, 50)),
        "dense_p50_ms": ms(pct(dense, 50)),
        "bm25_p50_ms": ms(pct(bm25, 50)),
        "bm25_filtered_10pct_p50_ms": ms(pct(filtered, 50)),
        "scope_check_p50_ms": ms(pct(scope, 50)),
        # questions whose engine work grows with the documents (reported to qa/engine.py's owner)
        "ask_named_paragraph_ms": ms(min(_times(lambda _: engine.ask(NAMED_PARAGRAPH), range(3)))),
        "ask_place_nowhere_ms": ms(min(_times(lambda _: engine.ask(PLACE_NOWHERE), range(3)))),
        "ask_one_doc_ms": ms(min(_times(lambda _: engine.ask(questions[0], doc=first), range(3)))),
        "samples": len(asks),
    }
    per = 1024 * (out["rss_index_mb"] + out["rss_engine_mb"]) / max(out["passages"], 1)
    out["kb_per_passage"] = round(per, 2)
    out["index_kb_per_passage"] = round(1024 * out["rss_index_mb"] / max(out["passages"], 1), 2)
    out["engine_kb_per_passage"] = round(1024 * out["rss_engine_mb"] / max(out["passages"], 1), 2)
    limits.restore_original_limits()
    del np
    return out


def _times(fn, items) -> list[float]:
    out = []
    for it in items:
        s = time.perf_counter()
        fn(it)
        out.append(time.perf_counter() - s)
    return out


def _rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _measure_in_process(index_dir: Path, questions: list[str], passes: int, log) -> dict:
    qfile = Path(index_dir).parent / f".questions-{os.getpid()}.json"
    qfile.write_text(json.dumps(questions))
    try:
        proc = subprocess.run([sys.executable, "-m", "benchmarks.corpus_scale", "measure", str(index_dir), str(qfile),
                               str(passes)], capture_output=True, text=True, env=bench_env(), cwd=REPO_ROOT)
    finally:
        qfile.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise RuntimeError(f"measuring {index_dir} failed: {proc.stderr.strip()[-800:]}")
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"  {row['resolutions']} resolutions, {row['passages']} passages: ask p50 {row['ask_p50_ms']} ms "
        f"p95 {row['ask_p95_ms']} ms, load {row['load_s']} s, RSS {row['rss_mb']} MB")
    return row


def run(ctx, log=print) -> dict:
    questions = dev_questions()
    one = ctx.index_dir()
    build_rate = None
    if ctx.quick:
        questions, passes = questions[:8], 1
        collection = clone_index(one, ctx.workdir / "corpus-10x", 10, log)
        clone = clone_index(one, ctx.workdir / "corpus-50x", 50, log)
    else:
        passes = PASSES
        collection, summary = build_collection(shared_dir() / "corpus", log)
        build_rate = round(summary["passages_embedded"] / summary["seconds"], 1)
        clone = clone_index(collection, collection.with_name(f"{collection.name}-clone{CLONE_RESOLUTIONS}-v{CLONE_VERSION}"),
                            CLONE_RESOLUTIONS, log)
    rows = {}
    rows["one"] = _measure_in_process(one, questions, passes, log)
    rows["collection"] = _measure_in_process(collection, questions, passes, log)
    rows["clone"] = _measure_in_process(clone, questions, passes, log)
    again = _measure_in_process(one, questions, passes, log)
    base_p50 = (rows["one"]["ask_p50_ms"] + again["ask_p50_ms"]) / 2
    rows["one"]["ask_p50_ms_after"] = again["ask_p50_ms"]
    rows["one"]["ask_p95_ms_after"] = again["ask_p95_ms"]
    return {
        "corpus": [dict(row, index=name) for name, row in rows.items()],
        # end to end (parse, model load, embed, write) of the collection build; None in quick mode,
        # which builds nothing (the build section measures the embedding rate there)
        "corpus_build_passages_per_s": build_rate,
        "corpus_p50_ratio": round(rows["clone"]["ask_p50_ms"] / base_p50, 3),
    }


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "measure":
        questions = json.loads(Path(argv[2]).read_text())
        print(json.dumps(measure(Path(argv[1]), questions, int(argv[3]))))
        return 0
    print("usage: python -m benchmarks.corpus_scale measure INDEX_DIR QUESTIONS_JSON PASSES", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
