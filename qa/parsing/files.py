"""Reading resolution files: which files a path names, and each file's text.

`find_resolution_files(paths)` expands folders recursively to the files of the formats read
(`READ_SUFFIXES`), in a stable order. `load_resolution(path)` reads one file, has its format's
reader (qa.parsing.readers) turn it into the text the parser reads, refuses what is not a
resolution with a message saying what to do, parses it (qa.parsing.parser), and marks a draft
resolution as such (qa.parsing.readers.drafts). `resolution_text(path)` is the text the clause
spans of a parsed file point into.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from pathlib import Path

from qa.errors import ParseError
from qa.model import Resolution
from qa.parsing.parser import parse_text
from qa.parsing.readers import SourceFormat, read_source
from qa.parsing.readers.drafts import find_draft

__all__ = ["find_resolution_files", "load_resolution", "resolution_text", "READ_SUFFIXES"]

READ_SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm")


def _readable(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return path.suffix.lower() in READ_SUFFIXES and not hidden and path.is_file()


def find_resolution_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders expanded recursively to their .txt, .md, .pdf and .html files (hidden
    files and folders left out), sorted by path. A missing path is an error."""
    found: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found.extend(sorted(f for f in path.rglob("*") if _readable(f, path)))
        elif path.is_file():
            found.append(path)
        else:
            raise ParseError(str(path), "no such file or folder; give the path of a resolution file "
                             "(.txt, .md, .pdf, .html) or a folder of them")
    return found


def load_resolution(path: str | Path) -> Resolution:
    """Read a resolution file (text in UTF-8, markdown, HTML or PDF) and parse it."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ParseError(name, "is a folder, not a file; give the path of a resolution file "
                         "(.txt, .md, .pdf, .html)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(name, "no such file; check the path") from None
    except OSError as exc:
        raise ParseError(name, f"cannot be read ({exc.strerror or exc}); check the path and its permissions") from None
    if not data.strip():
        raise ParseError(name, "the file is empty; a resolution's text was expected")
    source = read_source(path, data)
    resolution = parse_text(source.text, source=name)
    resolution.warnings[:0] = [f"{name}: {w}" for w in source.warnings]
    resolution = _mark_draft(resolution, source.text, name)
    if source.format != SourceFormat.TEXT:
        resolution.metadata.setdefault("source_format", str(source.format))
    resolution.source_path = name
    resolution.sha256 = hashlib.sha256(data).hexdigest()
    return resolution


def resolution_text(path: str | Path) -> str:
    """The text a parsed file's clause spans point into: the file's own text for plain text, the
    reader's output for markdown, HTML and PDF (whose spans cannot point into the file's bytes)."""
    path = Path(path)
    return read_source(path, path.read_bytes()).text


def _mark_draft(resolution: Resolution, text: str, name: str) -> Resolution:
    """A draft keeps its paragraphs, is cited by the draft's own symbol, and says it is a draft."""
    draft = find_draft(text)
    if draft is None:
        if resolution.metadata.get("status") == "draft resolution":  # the parser read the symbol as a draft's
            resolution.warnings.append(
                f"{name}: this is a draft resolution ({resolution.symbol}), not an adopted resolution: its "
                "paragraphs are proposals, and it has no adoption record")
        return resolution
    if draft.symbol and resolution.symbol != draft.symbol:
        resolution = _with_symbol(resolution, draft.symbol)
    resolution.metadata["status"] = "draft resolution"
    if draft.sponsors:
        resolution.metadata["sponsors"] = list(draft.sponsors)
    resolution.warnings.append(
        f"{name}: this is a draft resolution ({draft.reason}), not an adopted resolution: its text may differ "
        f"from the one adopted, and it is cited as the draft {resolution.symbol}; give the adopted "
        "resolution's text where there is one")
    return resolution


def _with_symbol(resolution: Resolution, symbol: str) -> Resolution:
    """The same parse cited by another symbol (the parser could not read a draft's from the text)."""
    old = resolution.symbol
    clauses = [dataclasses.replace(c, label=symbol + c.label[len(old):] if c.label.startswith(old) else c.label)
               for c in resolution.clauses]
    metadata = dict(resolution.metadata, symbol=symbol)
    warnings = [w for w in resolution.warnings if "does not state its symbol" not in w]
    return dataclasses.replace(resolution, symbol=symbol, clauses=clauses, metadata=metadata, warnings=warnings)
