"""Combining the dense and BM25 rankings of clauses into one.

Two methods, chosen by `FusionMethod` (an unknown name is a clear error):

- RRF, reciprocal rank fusion: sum of 1 / (k + rank). Needs no calibration, ignores how far
  ahead the leader is.
- ZSCORE, calibrated score fusion: each ranker's scores over the candidate clauses are
  z-normalised (mean 0, standard deviation 1, so a cosine and a BM25 score become comparable)
  and summed with weights. A clause one ranker did not return gets that ranker's lowest score.

Measured on the held-out halves of tests/qa/questions (see qa/engine.py and README), ZSCORE with
the weights in qa.engine beats RRF; RRF stays available for comparison.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from enum import Enum

__all__ = ["FusionMethod", "rrf", "linear_fusion", "zscore_fusion", "fuse"]


class FusionMethod(str, Enum):
    LINEAR = "linear"
    RRF = "rrf"
    ZSCORE = "zscore"

    @classmethod
    def parse(cls, value: str | FusionMethod) -> FusionMethod:
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(m.value for m in cls)
            raise ValueError(f"unknown fusion method {value!r}; use one of: {known}") from None


def rrf(rankings: Sequence[Mapping[Hashable, float]], k: int = 60,
        weights: Sequence[float] | None = None) -> dict[Hashable, float]:
    """Reciprocal rank fusion of score maps (higher score = better)."""
    fused: dict[Hashable, float] = {}
    for i, scores in enumerate(rankings):
        w = weights[i] if weights else 1.0
        for rank, key in enumerate(sorted(scores, key=lambda x: -scores[x]), 1):
            fused[key] = fused.get(key, 0.0) + w / (k + rank)
    return fused


def _zscores(scores: Mapping[Hashable, float], keys: set) -> dict[Hashable, float]:
    if not scores:
        return dict.fromkeys(keys, 0.0)
    values = list(scores.values())
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
    floor = min(values)
    return {key: (scores.get(key, floor) - mean) / sd for key in keys}


def linear_fusion(rankings: Sequence[Mapping[Hashable, float]],
                  weights: Sequence[float] | None = None) -> dict[Hashable, float]:
    """Weighted sum of raw scores already on comparable 0..1 scales (a missing score counts 0)."""
    keys: set = set().union(*[set(r) for r in rankings]) if rankings else set()
    return {key: sum((weights[i] if weights else 1.0) * r.get(key, 0.0) for i, r in enumerate(rankings))
            for key in keys}


def zscore_fusion(rankings: Sequence[Mapping[Hashable, float]],
                  weights: Sequence[float] | None = None) -> dict[Hashable, float]:
    """Weighted sum of z-normalised scores over the union of candidates."""
    keys: set = set().union(*[set(r) for r in rankings]) if rankings else set()
    fused = dict.fromkeys(keys, 0.0)
    for i, scores in enumerate(rankings):
        w = weights[i] if weights else 1.0
        for key, z in _zscores(scores, keys).items():
            fused[key] += w * z
    return fused


def fuse(method: FusionMethod | str, rankings: Sequence[Mapping[Hashable, float]],
         weights: Sequence[float] | None = None) -> dict[Hashable, float]:
    method = FusionMethod.parse(method)
    if method is FusionMethod.RRF:
        return rrf(rankings, weights=weights)
    if method is FusionMethod.LINEAR:
        return linear_fusion(rankings, weights=weights)
    return zscore_fusion(rankings, weights=weights)
