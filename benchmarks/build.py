"""Build: passages embedded per second by `PassageIndex.build`.

Fixed costs (model load, writing files, FAISS/BM25 set-up) would swamp a small corpus, so the rate is
the marginal one: two warm builds of different sizes, (n_big - n_small) / (t_big - t_small). The big
corpus repeats the shared corpus under distinct document keys (the embedding work is the same as for
new text). build_s_whole and whole_passages_per_s give the plain rate of the big build for comparison.
"""

from __future__ import annotations

import dataclasses
import time

from benchmarks._common import BUNDLED_RESOLUTION, shared_dir


def _documents(files):
    from qa.parsing import load_resolution
    from qa.passages import document_info, passages_for

    docs = []
    for f in files:
        resolution = load_resolution(f)
        docs.append((document_info(resolution), passages_for(resolution)))
    return docs


def _copies(docs, times: int):
    """`times` copies of docs, each under its own document key and passage ids."""
    out = []
    for c in range(times):
        for info, passages in docs:
            key = f"{info.key} copy {c}" if c else info.key
            out.append((dataclasses.replace(info, key=key),
                        [dataclasses.replace(p, id=f"copy{c}:{p.id}" if c else p.id, doc=key) for p in passages]))
    return out


def _build(out, docs) -> float:
    from index.store import PassageIndex

    t0 = time.perf_counter()
    PassageIndex.build(out, docs, progress=False)
    return time.perf_counter() - t0


def build_index(out, files) -> float:
    """Parse `files` and build their index at `out`; returns the build seconds."""
    return _build(out, _documents(files))


def run(ctx, log=print) -> dict:
    corpus = shared_dir() / "corpus"
    if ctx.quick or not corpus.is_dir():
        files, big_times = [BUNDLED_RESOLUTION], 3
    else:
        files, big_times = sorted(corpus.glob("*.txt")), 3  # the six resolutions
    t0 = time.perf_counter()
    base = _documents(files)
    parse_s = time.perf_counter() - t0
    small = _copies(base, 1)
    big = _copies(base, big_times)
    n_small = sum(len(p) for _, p in small)
    n_big = sum(len(p) for _, p in big)

    ctx.index_dir()  # the run's shared index: loads the model in this process, so it is not in the rate
    t_small = _build(ctx.workdir / "build-small", small)
    t_big = _build(ctx.workdir / "build-big", big)
    whole = n_big / t_big
    marginal = (n_big - n_small) / (t_big - t_small) if t_big > t_small else whole
    log(f"  build: {n_small} passages {t_small:.2f}s, {n_big} passages {t_big:.2f}s -> {marginal:.1f}/s")
    return {
        "build_passages_per_s": round(marginal, 1),
        "build": {
            "files": len(files),
            "parse_s": round(parse_s, 3),
            "passages_small": n_small,
            "build_s_small": round(t_small, 3),
            "passages_big": n_big,
            "build_s_whole": round(t_big, 3),
            "whole_passages_per_s": round(whole, 1),
        },
    }
