"""Reading resolution files: which files a path names, and each file's text.

`find_resolution_files(paths)` expands folders recursively to the files of the formats read
(`READ_SUFFIXES`), in a stable order. `load_resolution(path)` reads one file, refuses what is not
a resolution's text with a message saying what to do, and parses it (qa.parsing.parser).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from qa.errors import ParseError
from qa.model import Resolution
from qa.parsing.parser import parse_text

__all__ = ["find_resolution_files", "load_resolution", "READ_SUFFIXES"]

READ_SUFFIXES = (".txt", ".md", ".pdf")


def _readable(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return path.suffix.lower() in READ_SUFFIXES and not hidden and path.is_file()


def find_resolution_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders expanded recursively to their .txt, .md and .pdf files (hidden files
    and folders left out), sorted by path. A missing path is an error."""
    found: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found.extend(sorted(f for f in path.rglob("*") if _readable(f, path)))
        elif path.is_file():
            found.append(path)
        else:
            raise ParseError(str(path), "no such file or folder; give the path of a resolution file "
                             "(.txt, .md, .pdf) or a folder of them")
    return found


def load_resolution(path: str | Path) -> Resolution:
    """Read a resolution file (UTF-8, a BOM is accepted) and parse it."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ParseError(name, "is a folder, not a file; give the path of a resolution .txt file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(name, "no such file; check the path") from None
    except OSError as exc:
        raise ParseError(name, f"cannot be read ({exc.strerror or exc}); check the path and its permissions") from None
    if not data.strip():
        raise ParseError(name, "the file is empty; a resolution's text was expected")
    if b"\x00" in data[:8192]:
        raise ParseError(name, "this is a binary file, not text; export the resolution as plain text (.txt, UTF-8)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(
            name,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at byte offset {exc.start} cannot be decoded; "
            "re-save the file as UTF-8",
            line=line,
        ) from None
    resolution = parse_text(text, source=name)
    resolution.source_path = name
    resolution.sha256 = hashlib.sha256(data).hexdigest()
    return resolution
