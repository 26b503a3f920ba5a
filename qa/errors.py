"""Errors a user can act on. The CLI, the REST routes and the chat print their message, never a traceback."""

from __future__ import annotations


class ResolutionQAError(Exception):
    """Base class: the message says what is wrong and what to do."""


class ParseError(ResolutionQAError):
    """A file could not be parsed as a resolution."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line


class BadQuestion(ResolutionQAError):
    """A question or a request parameter that cannot be answered as given (empty, too long, bad k, unknown doc)."""
