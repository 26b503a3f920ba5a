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

    Each run computes on the calling thread (one intra-op thread, no spinning pool): two batch workers
    then use two cores without two thread pools fighting over them, which is what the server needs;
    `encode(..., threads=n)` runs n batches at once for a build."""

    def __init__(self, folder: Path, file: str, max_len: int, pad_id: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # no warnings on stderr about fused-op shapes
        self.session = ort.InferenceSession(str(Path(folder) / file), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self.tokenizer = Tokenizer.from_file(str(Path(folder) / TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_len)
        self.pad_id = pad_id
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1) -> np.ndarray:
        """Longest first, so each batch pads little; `threads` batches at once."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
        if threads > 1 and len(batches) > 1:
            for rows, vectors in zip(batches, self._executor(threads).map(
                    lambda rows: self._run([texts[i] for i in rows]), batches), strict=True):
                out[rows] = vectors
        else:
            for rows in batches:
                out[rows] = self._run([texts[i] for i in rows])
        return out

    def _executor(self, threads: int) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None or self._pool._max_workers != threads:  # noqa: SLF001 - its own size
                self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="onnx-encode")
            return self._pool

    def _run(self, texts: list[str]) -> np.ndarray:
        # One text at a time: encode_batch hands a few short questions to a thread pool, which costs
        # more than it saves and wakes threads on the core the server's other worker is using.
        encodings = [self.tokenizer.encode(text) for text in texts]
        n = max(len(e.ids) for e in encodings)
        feed = {name: np.zeros((len(texts), n), dtype=np.int64) for name in self.inputs}
        if "input_ids" in feed:
            feed["input_ids"].fill(self.pad_id)
        for row, e in enumerate(encodings):
            width = len(e.ids)
            for name, values in (("input_ids", e.ids), ("attention_mask", e.attention_mask),
                                 ("token_type_ids", e.type_ids)):
                if name in feed:
                    feed[name][row, :width] = values
        vectors = self.session.run(None, feed)[0].astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def default_threads() -> int:
    """Cores this process may use (a build's parallel batches)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
