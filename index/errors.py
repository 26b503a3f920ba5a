"""Errors of the passage index: one line each, naming the file and what to do."""

from __future__ import annotations

REBUILD_HINT = "run `resolution-qa index build` to make a new index"


def _one_line(text: str) -> str:
    # Library messages (transformers, faiss) span lines; the CLI prints exactly one.
    return " ".join(str(text).split())


class IndexLoadError(Exception):
    """The index folder cannot be used as it is."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(_one_line(f"{path}: {problem}; {REBUILD_HINT}"))
        self.path = str(path)


class IndexBuildError(Exception):
    """A build, add or remove failed; the previous index is left as it was."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))
