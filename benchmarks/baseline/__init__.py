"""What served questions before ONNX Runtime (issue 15): the NumPy encoder and its worker processes.

Kept only so that one `make bench` run still compares them with the library's encoders; nothing
outside benchmarks/ imports them. `register()` makes the NumPy encoder available by the name
"numpy" to index.embedding (to build, load and serve an index with it inside a benchmark process).
"""

from __future__ import annotations

NUMPY = "numpy"


class _NumpyEncoder:
    def __init__(self, location: str, name: str) -> None:
        from benchmarks.baseline.numpy_bert import load_numpy_bert

        self.model = load_numpy_bert(location)
        if self.model is None:
            raise ValueError(f"the NumPy baseline does not run model {name!r}")
        self.dim = self.model.dim

    def encode(self, texts: list[str], batch_size: int = 32, threads: int = 1):
        return self.model.encode(list(texts), batch_size=batch_size)


def register() -> None:
    from index.embedding import ENCODERS

    ENCODERS.setdefault(NUMPY, _NumpyEncoder)
