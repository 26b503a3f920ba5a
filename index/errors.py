"""Errors of the passage index: one line each, naming the file and what to do."""

from __future__ import annotations

REBUILD_HINT = "run `resolution-qa index build` to make a new index"


class IndexLoadError(Exception):
    """The index folder cannot be used as it is."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}; {REBUILD_HINT}")
        self.path = str(path)


class IndexBuildError(Exception):
    """A build, add or remove failed; the previous index is left as it was."""
