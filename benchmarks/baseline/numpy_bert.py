"""The hand-written NumPy forward pass for BERT + mean pooling that encoded questions before ONNX
Runtime did (issue 15), kept only as `make bench`'s baseline (benchmarks.encoders); the library
no longer uses it. Same vectors as sentence-transformers (cosine 1.0, measured by the bench).
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

import numpy as np

_POOLING = "sentence_transformers.models.Pooling"
_TRANSFORMER = "sentence_transformers.models.Transformer"
_NORMALIZE = "sentence_transformers.models.Normalize"


# Float32 erf as a rational function on [-4, 4] (Eigen's fast erf; outside, erf is +-1 to float32
# precision): max abs error 4e-7, like the polynomial it replaces, at half the passes over the array
# and no exp. GELU's erf runs on every intermediate activation, a quarter of the encoder's time.
_ERF_P = tuple(np.float32(c) for c in (
    -2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06, -5.69250639462346e-05,
    -7.34990630326855e-04, -2.95459980854025e-03, -1.60960333262415e-02))
_ERF_Q = tuple(np.float32(c) for c in (
    -1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03, -7.37332916720468e-03,
    -1.42647390514189e-02))


def _erf(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, np.float32(-4.0), np.float32(4.0))
    x2 = x * x
    p = x2 * _ERF_P[0]
    for c in _ERF_P[1:-1]:
        p += c
        p *= x2
    p += _ERF_P[-1]
    p *= x
    q = x2 * _ERF_Q[0]
    for c in _ERF_Q[1:-1]:
        q += c
        q *= x2
    q += _ERF_Q[-1]
    p /= q
    return p


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, as BERT uses; overwrites and returns x."""
    e = _erf(x * np.float32(1.0 / np.sqrt(2.0)))
    e += np.float32(1.0)
    e *= np.float32(0.5)
    x *= e
    return x


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the last axis; overwrites and returns x."""
    x -= x.mean(-1, keepdims=True)
    var = np.square(x).mean(-1, keepdims=True)
    var += np.float32(eps)
    x /= np.sqrt(var)
    x *= weight
    x += bias
    return x


class _Layer:
    """One encoder layer's weights, laid out for the forward pass: (in, out) matrices, and query,
    key and value fused into one matrix so a layer starts with one GEMM instead of three."""

    def __init__(self, p, pre: str) -> None:
        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(p(pre + name + ".weight").T)

        def b(name: str) -> np.ndarray:
            return p(pre + name + ".bias")

        names = ("attention.self.query", "attention.self.key", "attention.self.value")
        self.qkv_w = np.ascontiguousarray(np.concatenate([w(n) for n in names], axis=1))
        self.qkv_b = np.concatenate([b(n) for n in names])
        self.out_w, self.out_b = w("attention.output.dense"), b("attention.output.dense")
        self.ln1_w, self.ln1_b = p(pre + "attention.output.LayerNorm.weight"), p(pre + "attention.output.LayerNorm.bias")
        self.up_w, self.up_b = w("intermediate.dense"), b("intermediate.dense")
        self.down_w, self.down_b = w("output.dense"), b("output.dense")
        self.ln2_w, self.ln2_b = p(pre + "output.LayerNorm.weight"), p(pre + "output.LayerNorm.bias")


class NumpyBert:
    """Encodes texts exactly as the sentence-transformers model in `folder` would (float32)."""

    def __init__(self, folder: Path, config: dict, weights: dict[str, np.ndarray], tokenizer, max_len: int) -> None:
        self.folder = folder
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w = weights
        self.tokenizer = tokenizer
        self.max_len = max_len
        self.dim = int(config["hidden_size"])
        self._layers = [_Layer(self._p, f"encoder.layer.{i}.") for i in range(self.layers)]

    def _p(self, name: str) -> np.ndarray:
        # Checkpoints differ on the "bert." prefix.
        return self.w[name] if name in self.w else self.w["bert." + name]

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Sort by length so padding stays small, as sentence-transformers does.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._encode_batch([texts[i] for i in idx])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """The forward pass on the real tokens only: every per-token step (the dense layers, GELU,
        layer norms: nearly all the work) runs on one (tokens, width) matrix without padding, and
        only attention, which mixes tokens within a text, sees the padded (texts, length) layout."""
        # One text at a time: encode_batch hands a few short questions to a thread pool, which costs
        # more CPU than it saves and wakes threads on the core the server's other worker is using.
        encodings = [self.tokenizer.encode(text) for text in texts]
        b, n = len(encodings), max(len(e.ids) for e in encodings)
        ids = np.zeros((b, n), dtype=np.int64)
        mask = np.zeros((b, n), dtype=bool)
        types = np.zeros((b, n), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = e.attention_mask
            types[row, : len(e.ids)] = e.type_ids
        real = np.flatnonzero(mask.ravel())  # positions of real tokens in the padded (b * n) layout
        padded = real.size != b * n
        p = self._p
        x = p("embeddings.word_embeddings.weight")[ids.ravel()[real]]
        x += p("embeddings.position_embeddings.weight")[real % n]
        x += p("embeddings.token_type_embeddings.weight")[types.ravel()[real]]
        x = _layer_norm(x, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), self.eps)
        h = self.heads
        d = self.dim // h
        neg = np.where(mask, np.float32(0.0), np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(d))
        grid = np.zeros((b * n, 3 * self.dim), dtype=np.float32) if padded else None
        for layer in self._layers:
            qkv = x @ layer.qkv_w
            qkv += layer.qkv_b
            if padded:
                grid[real] = qkv
                qkv = grid
            qkv = qkv.reshape(b, n, 3, h, d)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = q @ k
            scores *= scale
            scores += neg
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b * n, self.dim)
            if padded:
                ctx = ctx[real]
            attended = ctx @ layer.out_w
            attended += layer.out_b
            attended += x
            x = _layer_norm(attended, layer.ln1_w, layer.ln1_b, self.eps)
            inter = x @ layer.up_w
            inter += layer.up_b
            out = _gelu(inter) @ layer.down_w
            out += layer.down_b
            out += x
            x = _layer_norm(out, layer.ln2_w, layer.ln2_b, self.eps)
        # Mean pooling over each text's real tokens (they are consecutive rows of x).
        lengths = mask.sum(1)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        pooled = np.add.reduceat(x, starts, axis=0) / np.maximum(lengths, 1)[:, None].astype(np.float32)
        pooled[lengths == 0] = 0.0  # reduceat gives a row, not zero, for an empty segment
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
_ACTIVATIONS_FROM_HEAP_BELOW = 32 << 20  # glibc's largest allowed mmap threshold on 64-bit
_KEEP_FREED_UP_TO = 256 << 20


def keep_activation_memory() -> bool:
    """glibc only: serve blocks up to 32 MB from the heap and keep freed ones for reuse. Returns
    whether the setting was made.

    Why: glibc maps every block over its mmap threshold (128 KB at start) fresh from the kernel and
    unmaps it when freed, so each temporary of a forward pass (a batch's activations are 0.1-10 MB)
    was a new mapping, zero-filled page by page on first touch: at 16 questions, ~500 page faults
    per question, a third of the encode time. Process-wide, so it is done once, when the encoder is
    loaded; MALLOC_MMAP_THRESHOLD_ in the environment (the user's own choice) is left alone."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    if "MALLOC_MMAP_THRESHOLD_" in os.environ or "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # pragma: no cover - a glibc without mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_MMAP_THRESHOLD, _ACTIVATIONS_FROM_HEAP_BELOW)) and bool(
        mallopt(_M_TRIM_THRESHOLD, _KEEP_FREED_UP_TO))


def load_numpy_bert(folder: str | Path) -> NumpyBert | None:
    """The NumPy encoder for a local sentence-transformers folder, or None if its recipe is not plain
    BERT + mean pooling (then use sentence-transformers)."""
    folder = Path(folder)
    try:
        modules = json.loads((folder / "modules.json").read_text())
        types = [m["type"] for m in modules]
        if types not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]):
            return None
        pooling_dir = folder / next(m["path"] for m in modules if m["type"] == _POOLING)
        pooling = json.loads((pooling_dir / "config.json").read_text())
        modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
        if modes != ["pooling_mode_mean_tokens"]:
            return None
        config = json.loads((folder / "config.json").read_text())
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            return None
        if config.get("position_embedding_type", "absolute") != "absolute":
            return None
        st_config_path = folder / "sentence_bert_config.json"
        st_config = json.loads(st_config_path.read_text()) if st_config_path.exists() else {}
        weights_path = folder / "model.safetensors"
        tokenizer_path = folder / "tokenizer.json"
        if not weights_path.exists() or not tokenizer_path.exists():
            return None
    except (OSError, ValueError, KeyError, StopIteration):
        return None

    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights = {k: v.astype(np.float32, copy=False) for k, v in load_file(str(weights_path)).items()}
    max_len = int(st_config.get("max_seq_length") or 256)
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=max_len)
    tokenizer.enable_padding(pad_id=int(config.get("pad_token_id", 0)))
    keep_activation_memory()
    return NumpyBert(folder, config, weights, tokenizer, max_len)
