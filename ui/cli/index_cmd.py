"""`resolution-qa index build|add|remove|info|ensure-default`: the passage index on disk.

build and add read files and folders recursively (ui.cli.collection: every file parsed on its own,
what cannot be indexed skipped with its reason, duplicate symbols settled by a stated rule), show
progress (ui.cli.progress) and exit with a code that says whether files were skipped (EXIT_CODES).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from qa.settings import DEFAULT_MODEL
from ui.cli.collection import Collection, read_collection, resolve_duplicates_with_index
from ui.cli.progress import ProgressMode, progress_factory

INDEX_HELP = "Index folder (default: $RESOLUTION_QA_INDEX or ~/.local/share/resolution-qa/index)."
SHOWN_WARNINGS = 20  # parser warnings printed one by one up to this many; beyond, a count (--verbose: all)
EXIT_OK, EXIT_ERROR, EXIT_SKIPPED = 0, 1, 3  # 2: usage error (click)
EXIT_CODES = """\b
Exit codes:
  0  written: every file given is indexed
  3  written, with skips: some files could not be indexed (each printed with its
     reason, and listed under "skipped" in the manifest)
  1  error: nothing was written, the previous index is unchanged (also --strict
     when a file would be skipped)
  2  usage error (an unknown option, no PATH)
"""


def _user_errors(fn: Callable) -> Callable:
    """Parse and index errors become one clean line (exit 1), never a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        from index.errors import IndexBuildError, IndexLoadError
        from qa.errors import ResolutionQAError

        try:
            return fn(*args, **kwargs)
        except (IndexBuildError, IndexLoadError, ResolutionQAError) as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; the previous index is unchanged") from None

    return wrapper


def _index_path(given: str | None) -> Path:
    from qa.settings import default_index_path

    return Path(given).expanduser() if given else default_index_path()


def _read(paths: tuple[str, ...], mode: ProgressMode) -> Collection:
    """Parse every file under paths, each on its own: one that fails is skipped, never the rest."""
    from qa.parsing import find_resolution_files

    files = find_resolution_files(paths)
    if not files:
        raise click.ClickException(f"no resolution files (.txt, .md, .pdf) found in: {', '.join(paths)}")
    return read_collection(files, progress_factory("Reading files", "file", mode))


def _report(collection: Collection, verbose: bool, strict: bool) -> None:
    """Each skipped file with its reason; then refuse (nothing written) when no file could be
    parsed, or when --strict meets a skip."""
    for skipped in collection.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    if verbose or len(collection.warnings) <= SHOWN_WARNINGS:
        for warning in collection.warnings:
            click.echo(f"warning: {warning}", err=True)
    else:
        click.echo(f"{len(collection.warnings)} parser warning(s) in {collection.warned_files} file(s); "
                   "--verbose shows them", err=True)
    files = len(collection.files)
    if strict and collection.skipped:
        raise click.ClickException(
            f"{len(collection.skipped)} of {files} file(s) could not be indexed (--strict); nothing was written"
        )
    if len(collection.skipped) - len(collection.duplicates) == files:  # not one file could be parsed
        raise click.ClickException(f"none of the {files} file(s) could be indexed; nothing was written")


def _skip_summary(collection: Collection) -> str | None:
    if not collection.skipped:
        return None
    duplicates = len(collection.duplicates)
    unreadable = len(collection.skipped) - duplicates
    parts = [f"{unreadable} could not be read or parsed"] * bool(unreadable)
    parts += [f"{duplicates} gave a symbol another file gives"] * bool(duplicates)
    return (f"Skipped {len(collection.skipped)} of {len(collection.files)} file(s): {', '.join(parts)} "
            "(each above with its reason; `resolution-qa index info` lists them)")


def _finish(summary: dict, lines: list[str], as_json: bool) -> None:
    """Print the outcome and exit with its code: 0, or EXIT_SKIPPED when files were left out."""
    code = EXIT_SKIPPED if summary["skipped"] else EXIT_OK
    summary["exit_code"] = code
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for line in lines:
            click.echo(line)
    if code:
        raise SystemExit(code)


def _summary(target: Path, written, collection: Collection, embedded: int, started: float) -> dict:
    return {
        "index": str(target),
        "build_id": written.build_id,
        "built_at": written.built_at,
        "documents": len(written.documents),
        "passages": len(written.passages),
        "model": written.model_name,
        "files": len(collection.files),
        "indexed_files": len(collection.documents),
        "passages_embedded": embedded,
        "skipped": [s.to_dict() for s in collection.skipped],
        "duplicates": [vars(d) for d in collection.duplicates],
        "parser_warnings": len(collection.warnings),
        "seconds": round(time.perf_counter() - started, 2),
    }


@click.group()
def index() -> None:
    """Build and manage the passage index."""


_paths = click.argument("paths", nargs=-1, required=True, type=click.Path())
_strict = click.option("--strict", is_flag=True,
                       help="Any file that cannot be indexed (unreadable, not a resolution, a duplicate symbol) "
                            "is an error: nothing is written, exit 1.")
_json = click.option("--json", "as_json", is_flag=True, help="Print a summary object (JSON) on stdout.")
_quiet = click.option("--quiet", "-q", is_flag=True, help="No progress (bar on a terminal, lines when piped).")
_verbose = click.option("--verbose", "-v", is_flag=True, help="Show every parser warning, however many.")


@index.command(epilog=EXIT_CODES)
@_paths
@click.option("--out", "--index", "out", help=INDEX_HELP)
@click.option(
    "--model",
    default=None,
    help=f"sentence-transformers model name or local folder (default: {DEFAULT_MODEL}, bundled, offline).",
)
@_strict
@_json
@_quiet
@_verbose
@_user_errors
def build(paths: tuple[str, ...], out: str | None, model: str | None, strict: bool, as_json: bool, quiet: bool,
          verbose: bool) -> None:
    """Build a new index from resolution files or folders (PATH..., read recursively: .txt, .md, .pdf),
    replacing the old one atomically. A file that cannot be indexed is skipped with its reason."""
    from index.store import PassageIndex

    started = time.perf_counter()
    target = _index_path(out)
    if target.exists() and not target.is_dir():  # said before any file is read
        raise click.ClickException(f"{target}: exists and is not an index folder; choose another --out")
    mode = ProgressMode.for_stream(sys.stderr, quiet)
    collection = _read(paths, mode)
    _report(collection, verbose, strict)
    built = PassageIndex.build(target, collection.documents, model=model,
                               progress=progress_factory("Embedding passages", "passage", mode),
                               skipped=[s.to_dict() for s in collection.skipped])
    summary = _summary(target, built, collection, len(built.passages), started)
    lines = [f"Indexed {len(built.documents)} resolution(s), {len(built.passages)} passages, "
             f"model {built.model_name}, in {target}"]
    _finish(summary, lines + [x for x in [_skip_summary(collection)] if x], as_json)


@index.command(epilog=EXIT_CODES)
@_paths
@click.option("--index", "index_dir", help=INDEX_HELP)
@_strict
@_json
@_quiet
@_verbose
@_user_errors
def add(paths: tuple[str, ...], index_dir: str | None, strict: bool, as_json: bool, quiet: bool,
        verbose: bool) -> None:
    """Add resolution files or folders to an index; only new or changed ones are embedded.
    A file already indexed with new content replaces its old version."""
    from index.atomic import recover_interrupted_swap
    from index.disk_format import read_manifest
    from index.errors import IndexLoadError
    from index.store import PassageIndex

    started = time.perf_counter()
    target = _index_path(index_dir)
    recover_interrupted_swap(target)
    if not target.is_dir():
        raise IndexLoadError(target, "no index folder here")
    indexed = read_manifest(target)["documents"]  # a bad index fails before any file is parsed
    mode = ProgressMode.for_stream(sys.stderr, quiet)
    collection = _read(paths, mode)
    resolve_duplicates_with_index(collection, indexed)
    _report(collection, verbose, strict)
    updated, result = PassageIndex.add(target, collection.documents,
                                       progress=progress_factory("Embedding passages", "passage", mode),
                                       skipped=[s.to_dict() for s in collection.skipped])
    summary = _summary(target, updated, collection, result.embedded, started)
    summary.update(added=result.added, replaced=result.replaced, unchanged=result.unchanged)
    lines = [f"added {key}" for key in result.added]
    lines += [f"replaced {key} (its text changed)" for key in result.replaced]
    lines += [f"unchanged {key} (already indexed with the same content)" for key in result.unchanged]
    lines.append(f"{len(result.added)} added, {len(result.replaced)} replaced, {len(result.unchanged)} unchanged; "
                 f"{result.embedded} passages embedded; the index holds {len(updated.documents)} resolution(s), "
                 f"{len(updated.passages)} passages")
    _finish(summary, lines + [x for x in [_skip_summary(collection)] if x], as_json)


@index.command()
@click.argument("symbols", nargs=-1, required=True)
@click.option("--index", "index_dir", help=INDEX_HELP)
@_user_errors
def remove(symbols: tuple[str, ...], index_dir: str | None) -> None:
    """Remove the resolutions SYMBOL... from an index (all of them, or none when one is not there)."""
    from index.store import PassageIndex

    updated, result = PassageIndex.remove(_index_path(index_dir), list(symbols))
    click.echo(f"removed {', '.join(result.removed)}; {len(updated.documents)} resolution(s) remain")


@index.command()
@click.option("--index", "index_dir", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
@_user_errors
def info(index_dir: str | None, as_json: bool) -> None:
    """Show what an index holds (its manifest)."""
    from index.store import PassageIndex

    target = _index_path(index_dir)
    manifest = PassageIndex.load(target).manifest
    if as_json:
        click.echo(json.dumps(manifest, indent=2, ensure_ascii=False))
        return
    dense = manifest.get("dense", {})
    click.echo(f"index:     {target}")
    click.echo(f"model:     {manifest['model']} ({manifest['dim']} dimensions, normalized)")
    click.echo(f"vectors:   {dense.get('kind')} (recall@10 {dense.get('recall_at_10')})")
    click.echo(f"passages:  {manifest['passage_count']}")
    click.echo(f"built:     {manifest.get('built_at')} (build id {manifest.get('build_id', '—')})")
    click.echo(f"documents: {len(manifest['documents'])}")
    for doc in manifest["documents"]:
        title = doc.get("meta", {}).get("title", "")
        click.echo(f"  {doc['key']}  {doc['passages']} passages  sha256 {doc['sha256'][:12]}…  {title}")
    skipped = manifest.get("skipped") or []
    if skipped:
        click.echo(f"skipped:   {len(skipped)} file(s) not indexed")
        for entry in skipped:
            click.echo(f"  {entry['path']}: {entry['reason']}")


@index.command("ensure-default")
@click.option("--index", "index_dir", help=INDEX_HELP)
@_user_errors
def ensure_default(index_dir: str | None) -> None:
    """Build the default index from the bundled resolution, unless a valid index is already there."""
    from index.errors import IndexLoadError
    from index.store import PassageIndex
    from qa.settings import bundled_resolution

    target = _index_path(index_dir)
    sources: list[str] = []
    model = None
    try:
        existing = PassageIndex.load(target)
        click.echo(f"Index ready: {target} ({len(existing.documents)} resolution(s), {len(existing.passages)} passages)")
        return
    except IndexLoadError as exc:
        if target.exists():
            # e.g. made by an older version: rebuild it from the same files, not only the bundled one
            sources, model = _previous_build(target)
            click.echo(f"Rebuilding the index: {exc}", err=True)
    mode = ProgressMode.for_stream(sys.stderr, quiet=False)
    collection = _read(tuple(sources) or (str(bundled_resolution()),), mode)
    _report(collection, verbose=False, strict=False)
    built = PassageIndex.build(target, collection.documents, model=model,
                               progress=progress_factory("Embedding passages", "passage", mode),
                               skipped=[s.to_dict() for s in collection.skipped])
    click.echo(f"Built the index: {target} ({len(built.documents)} resolution(s), {len(built.passages)} passages)")


def _previous_build(folder: Path) -> tuple[list[str], str | None]:
    """The source files (those still on disk) and model named by an index's manifest, if readable."""
    import json

    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        documents = list(manifest.get("documents") or [])
        model = manifest.get("model") if isinstance(manifest.get("model"), str) else None
    except (OSError, ValueError, AttributeError, TypeError):
        return [], None
    sources = []
    for doc in documents:
        source = doc.get("source") if isinstance(doc, dict) else None
        if isinstance(source, str) and Path(source).is_file():
            sources.append(source)
        else:
            key = doc.get("key") if isinstance(doc, dict) else doc
            click.echo(f"warning: the source of {key} ({source}) is gone; it is not in the rebuilt index", err=True)
    return sources, model
