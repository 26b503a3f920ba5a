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


class OnnxEncoder:
    """Normalized float32 vectors from `folder/file`; thread-safe.

    One text per run, on the calling thread (one intra-op thread, no spinning pool). Why one text:
    int8's activations are quantized with one scale per run, so in a batch a text's vector depended
    on its neighbours (cosine down to 0.990 between a question alone and in a batch), and answers on
    what else the server was asked; alone, a vector is a function of its text. It is no slower: without
    padding, one at a time encoded questions as fast as batches of 16 and passages 1.4x faster than
    batches of 32 (CPU time, fp32 and int8). Two batch workers then use two cores, and
    `encode(..., threads=n)` spreads a build's texts over n threads."""

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
        self.tokenizer = Tokenizer.from_file(str(Path(folder) / TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_len)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        width = self.session.get_outputs()[0].shape[-1]  # symbolic when the exporter could not infer it
        self.dim = width if isinstance(width, int) else len(self._one(""))

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1) -> np.ndarray:
        """Each text alone; with threads > 1, chunks of batch_size texts spread over that many threads."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if threads > 1 and len(texts) > batch_size:
            starts = range(0, len(texts), batch_size)
            chunks = self._executor(threads).map(lambda s: [self._one(t) for t in texts[s : s + batch_size]], starts)
            for start, vectors in zip(starts, chunks, strict=True):
                out[start : start + len(vectors)] = vectors
        else:
            for row, text in enumerate(texts):
                out[row] = self._one(text)
        return out

    def _executor(self, threads: int) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None or self._pool._max_workers != threads:  # noqa: SLF001 - its own size
                self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="onnx-encode")
            return self._pool

    def _one(self, text: str) -> np.ndarray:
        e = self.tokenizer.encode(text)
        given = {"input_ids": e.ids, "attention_mask": e.attention_mask, "token_type_ids": e.type_ids}
        vector = self.session.run(None, {n: np.asarray([given[n]], dtype=np.int64) for n in self.inputs})[0][0]
        return vector / max(float(np.linalg.norm(vector)), 1e-12)


def default_threads() -> int:
    """Cores this process may use (a build's parallel batches)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
