"""Warm latency: `Engine.ask` p50/p95 over the dev questions, against the floor on that path (the bare
query encode) and the two retrieval anchors (BM25 alone, dense search alone on a ready vector)."""

from __future__ import annotations

import numpy as np

from benchmarks._common import dev_questions, load_engine, ms, pct, time_each, time_interleaved


def run(ctx, log=print) -> dict:
    questions = dev_questions()
    if ctx.quick:
        questions = questions[:10]
    passes = 1 if ctx.quick else 3
    engine, index = load_engine(ctx.index_dir())
    items = questions * passes

    # interleaved: ask_over_encode is a ratio of the two, and timed one pass after the other it
    # swung with the load between the passes (1.31-1.46 at load average 2-5)
    ask, encode = time_interleaved([lambda q: engine.ask(q, k=5), lambda q: index.encode([q])], items, warmup=3)
    # The anchors retrieve as many candidates as the engine does, so they are its own retrieval cost.
    n = min(int(getattr(engine, "CANDIDATES", 10)), int(getattr(engine, "passage_count", 10)))
    vectors = {q: np.asarray(index.encode([q]), dtype=np.float32) for q in questions}
    dense = time_each(lambda q: index.dense_search(vectors[q], n, doc=None), items, warmup=3)
    bm25 = time_each(lambda q: index.bm25_search([q], n, doc=None), items, warmup=3)

    # Same paths with BLAS limited to one thread: on 2 shared cores a 2-thread GEMM waits for a core
    # that another process (or the server's event loop) holds, which shows as p95 spikes.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        encode_1 = time_each(lambda q: index.encode([q]), items, warmup=3)
        ask_1 = time_each(lambda q: engine.ask(q, k=5), items, warmup=3)

    out = {
        "ask_p50_ms": ms(pct(ask, 50)),
        "ask_p95_ms": ms(pct(ask, 95)),
        "encode_p50_ms": ms(pct(encode, 50)),
        "encode_p95_ms": ms(pct(encode, 95)),
        "blas_1_thread": {"ask_p50_ms": ms(pct(ask_1, 50)), "ask_p95_ms": ms(pct(ask_1, 95)),
                          "encode_p50_ms": ms(pct(encode_1, 50)), "encode_p95_ms": ms(pct(encode_1, 95))},
        "bm25_p50_ms": ms(pct(bm25, 50)),
        "dense_p50_ms": ms(pct(dense, 50)),
        "latency_samples": len(items),
        "retrieval_candidates": n,
    }
    out["ask_over_encode"] = round(out["ask_p50_ms"] / out["encode_p50_ms"], 3)
    log(f"  {out}")
    return out
