"""Scale: FAISS flat vs HNSW vs IVF on synthetic sentence-embedding-like vectors, and BM25 at 100k texts.

The vectors imitate what all-MiniLM-L6-v2 gives for a large corpus: 384-d, unit length, grouped in a
few thousand clusters (passages on the same subject) that are themselves grouped in topics, with
anisotropic spread (most variance in a few directions, as real embeddings have a low intrinsic
dimension). Queries are fresh draws from the same mixture, never corpus vectors, so the nearest
neighbour is not trivially the query itself. Recall@10 is against exact inner-product search.
"""

from __future__ import annotations

import gc
import math
import time

import numpy as np

from benchmarks._common import ms, pct

DIM = 384
K = 10
TARGET_RECALL = 0.95
EF_LADDER = (16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
NPROBE_LADDER = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)


class Mixture:
    """A fixed two-level Gaussian mixture on the unit sphere; `sample` draws from it reproducibly.

    64 well-separated topics; within each, clusters whose centres lie close together (jitter 0.4),
    so neighbouring clusters overlap as subjects do, rather than forming islands that would make
    IVF trivially exact. Noise = anisotropic part (power-law spectrum, effective dimension ~26) plus
    an isotropic part, giving nearest-neighbour cosines of ~0.6 and random-pair cosines of ~0.
    """

    def __init__(self, n_clusters: int, seed: int = 0, n_topics: int = 64) -> None:
        rng = np.random.default_rng(seed)
        topics = _unit(rng.standard_normal((n_topics, DIM)))
        parent = rng.integers(0, n_topics, n_clusters)
        self.centers = _unit(topics[parent] + 0.4 * _unit(rng.standard_normal((n_clusters, DIM))))
        # Uneven cluster sizes (some subjects are common) and uneven spread.
        w = rng.lognormal(0.0, 1.0, n_clusters)
        self.weights = w / w.sum()
        self.spread = rng.uniform(0.8, 1.2, n_clusters).astype(np.float32)
        self.isotropic = np.float32(0.6 / np.sqrt(DIM))
        # Anisotropic noise: a random rotation of a power-law spectrum, unit expected norm.
        q, _ = np.linalg.qr(rng.standard_normal((DIM, DIM)))
        spectrum = (np.arange(1, DIM + 1) ** -0.5).astype(np.float32)
        spectrum /= np.sqrt((spectrum**2).sum())
        self.noise_basis = (spectrum[:, None] * q.T).astype(np.float32)

    def sample(self, n: int, seed: int, chunk: int = 100_000) -> np.ndarray:
        rng = np.random.default_rng(seed)
        out = np.empty((n, DIM), dtype=np.float32)
        for start in range(0, n, chunk):
            m = min(chunk, n - start)
            c = rng.choice(len(self.weights), size=m, p=self.weights)
            noise = rng.standard_normal((m, DIM), dtype=np.float32) @ self.noise_basis
            x = self.centers[c] + self.spread[c, None] * noise
            x += self.isotropic * rng.standard_normal((m, DIM), dtype=np.float32)
            out[start : start + m] = _unit(x)
        return out


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _index_bytes(index) -> int:
    """Serialized size without materialising a copy (1M vectors are 1.5 GB)."""
    import faiss

    total = 0

    def count(chunk: bytes) -> None:
        nonlocal total
        total += len(chunk)

    faiss.write_index(index, faiss.PyCallbackIOWriter(count))
    return total


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[f >= 0].tolist()) & set(t.tolist())) for f, t in zip(found, truth, strict=True))
    return hits / truth.size


def _single_query_ms(index, queries: np.ndarray) -> float:
    for q in queries[:3]:
        index.search(q[None, :], K)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        index.search(q[None, :], K)
        times.append(time.perf_counter() - t0)
    return ms(pct(times, 50))


def _tune(index, param: str, ladder, queries, truth) -> tuple[int, float, list[dict]]:
    """Set `param` to the smallest ladder value whose recall@10 reaches the target (else the last)."""
    import faiss

    space = faiss.ParameterSpace()
    sweep = []
    for value in ladder:
        space.set_index_parameter(index, param, value)
        _, found = index.search(queries, K)
        r = _recall(found, truth)
        sweep.append({"value": value, "recall_at_10": round(r, 4)})
        if r >= TARGET_RECALL:
            return value, r, sweep
    return ladder[-1], r, sweep


def _row(n: int, kind: str, build_s: float, index, p50: float, recall: float, **params) -> dict:
    row = {
        "passages": n,
        "index": kind,
        "build_s": round(build_s, 3),
        "mem_mb": round(_index_bytes(index) / 2**20, 1),
        "p50_ms": p50,
        "recall_at_10": round(recall, 4),
    }
    row.update(params)
    return row


def bench_vectors(n: int, n_queries: int, n_timed: int, log=print) -> list[dict]:
    import faiss

    faiss.omp_set_num_threads(2)
    mix = Mixture(n_clusters=max(64, min(4000, n // 250)), seed=1)
    t0 = time.perf_counter()
    xb = mix.sample(n, seed=2)
    xq = mix.sample(n_queries, seed=3)
    log(f"  scale {n}: data {time.perf_counter() - t0:.1f}s")
    timed = xq[:n_timed]
    rows = []

    flat = faiss.IndexFlatIP(DIM)
    t0 = time.perf_counter()
    flat.add(xb)
    build = time.perf_counter() - t0
    sims, truth = flat.search(xq, K)
    flat_timed = timed[: max(20, n_timed // 4)] if n >= 500_000 else timed
    rows.append(_row(n, "flat", build, flat, _single_query_ms(flat, flat_timed), 1.0))
    log(f"  scale {n}: flat {rows[-1]}  (top1 cos {np.median(sims[:, 0]):.2f}, 10th {np.median(sims[:, -1]):.2f})")
    stats = {"top1_cos_median": round(float(np.median(sims[:, 0])), 3),
             "top10_cos_median": round(float(np.median(sims[:, -1])), 3)}
    del flat
    gc.collect()

    hnsw = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 40
    t0 = time.perf_counter()
    hnsw.add(xb)
    build = time.perf_counter() - t0

    ef, r, sweep = _tune(hnsw, "efSearch", EF_LADDER, xq, truth)
    rows.append(_row(n, "hnsw", build, hnsw, _single_query_ms(hnsw, timed), r,
                     M=32, efConstruction=40, efSearch=ef, sweep=sweep))
    log(f"  scale {n}: hnsw {_brief(rows[-1])}")
    del hnsw
    gc.collect()

    nlist = int(4 * math.sqrt(n))
    quantizer = faiss.IndexFlatIP(DIM)
    ivf = faiss.IndexIVFFlat(quantizer, DIM, nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.cp.niter = 10  # k-means converges enough for routing; 25 iterations triple the 1M build
    ivf.cp.max_points_per_centroid = 40
    t0 = time.perf_counter()
    rng = np.random.default_rng(4)
    train = xb[rng.choice(n, size=min(n, 40 * nlist), replace=False)]
    ivf.train(train)
    ivf.add(xb)
    build = time.perf_counter() - t0

    ladder = tuple(p for p in NPROBE_LADDER if p <= nlist)
    nprobe, r, sweep = _tune(ivf, "nprobe", ladder, xq, truth)
    rows.append(_row(n, "ivf_flat", build, ivf, _single_query_ms(ivf, timed), r,
                     nlist=nlist, nprobe=nprobe, sweep=sweep))
    log(f"  scale {n}: ivf {_brief(rows[-1])}")
    for row in rows:
        row.update(stats)
    del ivf, quantizer, xb
    gc.collect()
    return rows


def _brief(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "sweep"}


def bench_bm25(n_docs: int, n_queries: int, log=print) -> dict:
    """bm25s over synthetic texts with a Zipfian vocabulary and clause-like lengths (about 60 words)."""
    import bm25s
    import Stemmer

    rng = np.random.default_rng(5)
    vocab_size = 30_000
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = ["".join(rng.choice(letters, size=rng.integers(3, 11))) for _ in range(vocab_size)]
    p = 1.0 / (np.arange(vocab_size) + 2.7)
    p /= p.sum()
    lengths = np.clip(rng.lognormal(4.0, 0.5, n_docs).astype(int), 5, 400)
    ids = rng.choice(vocab_size, size=int(lengths.sum()), p=p)
    texts, pos = [], 0
    for ln in lengths:
        texts.append(" ".join(words[i] for i in ids[pos : pos + ln]))
        pos += ln
    queries = [" ".join(words[i] for i in rng.choice(vocab_size, size=8, p=p)) for _ in range(n_queries)]

    stemmer = Stemmer.Stemmer("english")
    t0 = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False),
                    show_progress=False)
    build = time.perf_counter() - t0

    def ask(q: str) -> None:
        tokens = bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False)
        retriever.retrieve(tokens, k=K, show_progress=False, n_threads=1)

    for q in queries[:3]:
        ask(q)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        ask(q)
        times.append(time.perf_counter() - t0)
    log(f"  bm25 {n_docs}: build {build:.1f}s p50 {pct(times, 50) * 1000:.2f} ms")
    return {"docs": n_docs, "build_s": round(build, 2), "p50_ms": ms(pct(times, 50)),
            "p95_ms": ms(pct(times, 95))}


def run(ctx, log=print) -> dict:
    quick = ctx.quick
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000]
    rows = []
    for n in sizes:
        rows += bench_vectors(n, n_queries=200 if quick else 1000, n_timed=100 if quick else 300, log=log)
    bm25 = bench_bm25(10_000 if quick else 100_000, n_queries=50 if quick else 300, log=log)
    return {"scale": rows, "bm25_100k_p50_ms": bm25["p50_ms"], "bm25_scale": bm25}
