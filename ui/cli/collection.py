"""Reading a collection for `index build` / `index add`: every file parsed on its own, so one bad
file never costs the rest; what cannot be indexed is kept with its reason.

Skipped, each with a reason:
- a file that cannot be read or parsed (`qa.errors.ParseError`: empty, binary, not UTF-8, not a
  resolution's text...; or any other error of the reader, named with its type);
- the losing file of two that give the same symbol. DUPLICATE RULE: the more complete parse wins,
  i.e. the one with more citable clauses (more of the resolution can be cited); on a tie, the one
  with fewer parser warnings; on a tie again, the one already in the index, else the first in path
  order. The loser is reported, listed as skipped, and names the winner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Collection", "Skipped", "Duplicate", "read_collection", "resolve_duplicates_with_index"]


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class Duplicate:
    symbol: str
    kept: str  # source path of the file indexed
    dropped: str  # source path of the file left out
    why: str


@dataclass(frozen=True)
class _Parsed:
    path: str
    info: object  # index.passage.DocumentInfo
    passages: list
    clauses: int
    warnings: tuple[str, ...]

    def rank(self) -> tuple:
        """Smaller is better: more clauses, then fewer warnings, then path order."""
        return (-self.clauses, len(self.warnings), self.path)


@dataclass
class Collection:
    files: list[Path]
    documents: list = field(default_factory=list)  # (DocumentInfo, passages), in file order
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    warned_files: int = 0


def _reason(exc: BaseException, path: str) -> str:
    """The error's message without the path it starts with (the skip line names the file)."""
    from qa.errors import ParseError

    text = " ".join(str(exc).split())
    if isinstance(exc, ParseError):
        for prefix in (f"{exc.path}:{exc.line}: " if exc.line is not None else None, f"{exc.path}: "):
            if prefix and text.startswith(prefix):
                return text[len(prefix):]
        return text
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or exc})"
    return f"the parser failed on it ({type(exc).__name__}: {text or 'no message'}); please report this file"


def _parse(path: Path) -> _Parsed:
    from qa.parsing import load_resolution
    from qa.passages import document_info, passages_for

    resolution = load_resolution(path)
    return _Parsed(str(path), document_info(resolution), passages_for(resolution), len(resolution.clauses),
                   tuple(resolution.warnings))


def _why(kept: _Parsed, dropped: _Parsed) -> str:
    if kept.clauses != dropped.clauses:
        return f"its parse is more complete ({kept.clauses} clauses against {dropped.clauses})"
    if len(kept.warnings) != len(dropped.warnings):
        return (f"both give {kept.clauses} clauses and its parse has fewer warnings "
                f"({len(kept.warnings)} against {len(dropped.warnings)})")
    return f"both parse equally ({kept.clauses} clauses) and it comes first in path order"


def read_collection(files: Iterable[Path], progress: Callable[[int], object]) -> Collection:
    """Parse every file (resolved paths), then settle duplicate symbols (see the module docstring)."""
    files = [Path(f).resolve() for f in files]
    out = Collection(files=files)
    parsed: dict[str, _Parsed] = {}
    bar = progress(len(files))
    try:
        for file in files:
            try:
                got = _parse(file)
            except (KeyboardInterrupt, MemoryError):
                raise
            except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, skips that file only
                out.skipped.append(Skipped(str(file), _reason(exc, str(file))))
            else:
                out.warnings.extend(got.warnings)
                out.warned_files += bool(got.warnings)
                key = got.info.key
                other = parsed.get(key)
                if other is None:
                    parsed[key] = got
                else:
                    kept, dropped = sorted((other, got), key=_Parsed.rank)
                    parsed[key] = kept
                    _record_duplicate(out, key, kept.path, dropped.path, _why(kept, dropped))
            bar.update(1)
    finally:
        bar.close()
    order = {str(f): i for i, f in enumerate(files)}
    out.documents = [(p.info, p.passages) for p in sorted(parsed.values(), key=lambda p: order[p.path])]
    return out


def _record_duplicate(out: Collection, symbol: str, kept: str, dropped: str, why: str) -> None:
    # A third file of the same symbol may beat an earlier winner: that one then becomes a loser too.
    out.duplicates.append(Duplicate(symbol, kept, dropped, why))
    out.skipped.append(Skipped(dropped, f"gives the symbol {symbol}, as {kept} does, which is indexed: {why}"))


def resolve_duplicates_with_index(collection: Collection, indexed: list[dict]) -> None:
    """For `index add`: a file giving a symbol the index already holds from ANOTHER source file,
    with other bytes, is a duplicate too (the same file with new content is an update; the same
    bytes elsewhere change nothing). The rule is the same, on the clause count the manifest
    records; on a tie the indexed one stays."""
    by_key = {d.get("key"): d for d in indexed}
    kept_docs = []
    for info, passages in collection.documents:
        old = by_key.get(info.key)
        old_source = (old or {}).get("source")
        if (old is None or old_source == info.source or old.get("sha256") == info.sha256 or not old_source
                or not Path(old_source).is_file()):  # new, an update of its file, the same bytes, or its old file gone
            kept_docs.append((info, passages))
            continue
        old_clauses = int(((old.get("meta") or {}).get("clauses")) or 0)
        new_clauses = int((info.meta or {}).get("clauses") or 0)
        if new_clauses > old_clauses:
            why = f"its parse is more complete ({new_clauses} clauses against {old_clauses})"
            _record_duplicate(collection, info.key, info.source, old_source, why)
            kept_docs.append((info, passages))
        else:
            why = (f"its parse is more complete ({old_clauses} clauses against {new_clauses})"
                   if old_clauses > new_clauses else f"both parse equally ({new_clauses} clauses) and it is indexed already")
            _record_duplicate(collection, info.key, old_source, info.source, why)
    collection.documents = kept_docs
