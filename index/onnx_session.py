"""Encode texts with an exported model (index.onnx_export) in ONNX Runtime, with the model's own tokenizer.

No torch: the query path (the CLI's cold start) imports only onnxruntime, tokenizers and numpy.
ONNX Runtime releases the interpreter lock while it runs, so threads encode in parallel: the server's
batch workers each run their batch on one core, and a build spreads its batches over the cores.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

TOKENIZER = "tokenizer.json"
# Tokens per packed run: texts are packed up to this many. Attention in a pack spans all its tokens
# (the mask only zeroes the other texts' weights), so its waste grows with the pack; at 128 tokens
# (~8 questions) it is ~5 % of the dense layers' work, and the per-run cost is already shared.
PACK_TOKENS = 128


class OnnxEncoder:
    """Normalized float32 vectors from `folder/file`; thread-safe. Runs on the calling thread (one
    intra-op thread, no spinning pool): two batch workers then use two cores, and
    `encode(..., threads=n)` spreads a build's texts over n threads.

    A packed graph (index.onnx_export._pack; fp32 only) takes the texts of a call packed into one row
    of tokens, up to PACK_TOKENS, with no padding: measured on the eval questions, 6.0 ms of CPU per
    question in packs of 4-16 against 7.9 one at a time (a run costs ~2.5 ms whatever its length).
    Its vectors equal one-at-a-time ones to ~2e-7 (the GEMM kernels sum in another order).
    Any other graph (int8) runs one text per run: int8 quantizes activations with one scale per run,
    so in a batch a text's vector moved with its neighbours (cosine down to 0.990), and an answer
    with what else the server was asked; alone, a vector is a function of its text."""

    def __init__(self, folder: Path, file: str, max_len: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # no warnings on stderr about fused-op shapes
        self.session = ort.InferenceSession(str(Path(folder) / file), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.packed = {"position_ids", "token_mask"} <= set(self.inputs)
        self.tokenizer = Tokenizer.from_file(str(Path(folder) / TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_len)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        width = self.session.get_outputs()[0].shape[-1]  # symbolic when the exporter could not infer it
        self.dim = width if isinstance(width, int) else len(self._one(""))

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1) -> np.ndarray:
        """Packed (see the class) or each text alone; with threads > 1, chunks of batch_size texts spread
        over that many threads."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if threads > 1 and len(texts) > batch_size:
            starts = range(0, len(texts), batch_size)
            chunks = self._executor(threads).map(lambda s: self._chunk(texts[s : s + batch_size]), starts)
            for start, vectors in zip(starts, chunks, strict=True):
                out[start : start + len(vectors)] = vectors
        elif texts:
            out[:] = self._chunk(texts)
        return out

    def _chunk(self, texts: list[str]) -> np.ndarray:
        if not self.packed:
            return np.vstack([self._one(t) for t in texts])
        # tokenizer.encode, not encode_batch: that hands a few short texts to a thread pool, which
        # costs more CPU than it saves and wakes threads on the core the other batch worker uses.
        encodings = [self.tokenizer.encode(t) for t in texts]
        out, pack, tokens = [], [], 0
        for e in encodings:  # in the given order: with no padding, order does not change the cost
            if pack and tokens + len(e.ids) > PACK_TOKENS:
                out.append(self.run_packed(pack))
                pack, tokens = [], 0
            pack.append(e)
            tokens += len(e.ids)
        out.append(self.run_packed(pack))
        return np.vstack(out)

    def run_packed(self, encodings: list) -> np.ndarray:
        """Normalized vectors of tokenized texts in one run of the packed graph."""
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        text_of = np.repeat(np.arange(len(encodings)), lengths)  # each token's text
        starts = np.cumsum(lengths) - lengths
        given = {
            "input_ids": np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=text_of.size)[None],
            "token_type_ids": np.fromiter((i for e in encodings for i in e.type_ids), dtype=np.int64,
                                          count=text_of.size)[None],
            "position_ids": (np.arange(text_of.size) - starts[text_of])[None],
            "token_mask": (text_of[:, None] == text_of[None, :]).astype(np.int32)[None],
            "attention_mask": (np.arange(len(encodings))[:, None] == text_of[None, :]).astype(np.int64),
        }
        vectors = self.session.run(None, {n: given[n] for n in self.inputs})[0]
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    def _executor(self, threads: int) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None or self._pool._max_workers != threads:  # noqa: SLF001 - its own size
                self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="onnx-encode")
            return self._pool

    def _one(self, text: str) -> np.ndarray:
        e = self.tokenizer.encode(text)
        if self.packed:
            return self.run_packed([e])[0]
        given = {"input_ids": e.ids, "attention_mask": e.attention_mask, "token_type_ids": e.type_ids}
        vector = self.session.run(None, {n: np.asarray([given[n]], dtype=np.int64) for n in self.inputs})[0][0]
        return vector / max(float(np.linalg.norm(vector)), 1e-12)


def default_threads() -> int:
    """Cores this process may use (a build's parallel batches)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
