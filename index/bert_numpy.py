"""A NumPy forward pass for BERT-family sentence-transformers models (mean pooling), for query time.

Why: importing sentence-transformers (and with it torch and transformers) takes 3-6 s on a
2-core machine, which alone breaks the CLI's cold-start budget, while a question is a dozen
tokens that NumPy encodes in a few milliseconds. Indexes are still built with
sentence-transformers; this module only reproduces its `encode` for models whose folder shows
the plain recipe (BertModel + mean pooling [+ Normalize]), and `load_numpy_bert` returns None for
any other model, which then goes through sentence-transformers as usual. A test checks that both
give the same vectors.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

_POOLING = "sentence_transformers.models.Pooling"
_TRANSFORMER = "sentence_transformers.models.Transformer"
_NORMALIZE = "sentence_transformers.models.Normalize"


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 refined (max abs error 1.2e-7): exact GELU without SciPy.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * a)
    y = 1.0 - t * np.exp(
        -a * a
        - 1.26551223
        + t
        * (
            1.00002368
            + t
            * (
                0.37409196
                + t
                * (
                    0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))
                )
            )
        )
    )
    return sign * y


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


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
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        b, n = ids.shape
        p = self._p
        x = p("embeddings.word_embeddings.weight")[ids]
        x = x + p("embeddings.position_embeddings.weight")[np.arange(n)][None]
        x = x + p("embeddings.token_type_embeddings.weight")[types]
        x = _layer_norm(x, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), self.eps)
        h = self.heads
        d = x.shape[-1] // h
        neg = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for i in range(self.layers):
            pre = f"encoder.layer.{i}."

            def lin(name: str, inp: np.ndarray, pre: str = pre) -> np.ndarray:
                return inp @ p(pre + name + ".weight").T + p(pre + name + ".bias")

            q = lin("attention.self.query", x).reshape(b, n, h, d).transpose(0, 2, 1, 3)
            k = lin("attention.self.key", x).reshape(b, n, h, d).transpose(0, 2, 3, 1)
            v = lin("attention.self.value", x).reshape(b, n, h, d).transpose(0, 2, 1, 3)
            scores = (q @ k) / np.float32(np.sqrt(d)) + neg
            scores = scores - scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, n, h * d)
            x = _layer_norm(
                x + lin("attention.output.dense", ctx),
                p(pre + "attention.output.LayerNorm.weight"),
                p(pre + "attention.output.LayerNorm.bias"),
                self.eps,
            )
            inter = _gelu(lin("intermediate.dense", x))
            x = _layer_norm(
                x + lin("output.dense", inter),
                p(pre + "output.LayerNorm.weight"),
                p(pre + "output.LayerNorm.bias"),
                self.eps,
            )
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


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
    return NumpyBert(folder, config, weights, tokenizer, max_len)
