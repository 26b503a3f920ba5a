"""`resolution-qa index build|add|remove|info|ensure-default`: the passage index on disk."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from qa.settings import DEFAULT_MODEL

INDEX_HELP = "Index folder (default: $RESOLUTION_QA_INDEX or ~/.local/share/resolution-qa/index)."


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


def _documents(paths: tuple[str, ...]):
    """Parse every resolution under paths into (DocumentInfo, passages), reporting warnings."""
    from qa.parsing import find_resolution_files, load_resolution
    from qa.passages import document_info, passages_for

    files = find_resolution_files(paths)
    if not files:
        raise click.ClickException(f"no resolution files (*.txt) found in: {', '.join(paths)}")
    docs = []
    for file in files:
        resolution = load_resolution(Path(file).resolve())
        for warning in resolution.warnings:
            click.echo(f"warning: {warning}", err=True)
        docs.append((document_info(resolution), passages_for(resolution)))
    return docs


def _progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@click.group()
def index() -> None:
    """Build and manage the passage index."""


@index.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "--index", "out", help=INDEX_HELP)
@click.option(
    "--model",
    default=None,
    help=f"sentence-transformers model name or local folder (default: {DEFAULT_MODEL}, bundled, offline).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_user_errors
def build(paths: tuple[str, ...], out: str | None, model: str | None, quiet: bool) -> None:
    """Build a new index from resolution files or folders (PATH...), replacing the old one atomically."""
    from index.store import PassageIndex

    target = _index_path(out)
    docs = _documents(paths)
    built = PassageIndex.build(target, docs, model=model, progress=_progress(quiet))
    click.echo(
        f"Indexed {len(built.documents)} resolution(s), {len(built.passages)} passages, "
        f"model {built.model_name}, in {target}"
    )


@index.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--index", "index_dir", help=INDEX_HELP)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_user_errors
def add(paths: tuple[str, ...], index_dir: str | None, quiet: bool) -> None:
    """Add resolutions to an index; only new or changed ones are embedded."""
    from index.store import PassageIndex

    target = _index_path(index_dir)
    _, result = PassageIndex.add(target, _documents(paths), progress=_progress(quiet))
    for key in result.added:
        click.echo(f"added {key}")
    for key in result.replaced:
        click.echo(f"replaced {key} (its text changed)")
    for key in result.unchanged:
        click.echo(f"unchanged {key} (already indexed with the same content)")


@index.command()
@click.argument("symbol")
@click.option("--index", "index_dir", help=INDEX_HELP)
@_user_errors
def remove(symbol: str, index_dir: str | None) -> None:
    """Remove the resolution SYMBOL from an index."""
    from index.store import PassageIndex

    updated, _ = PassageIndex.remove(_index_path(index_dir), symbol)
    click.echo(f"removed {symbol}; {len(updated.documents)} resolution(s) remain")


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
    click.echo(f"built:     {manifest.get('built_at')}")
    for doc in manifest["documents"]:
        title = doc.get("meta", {}).get("title", "")
        click.echo(f"  {doc['key']}  {doc['passages']} passages  sha256 {doc['sha256'][:12]}…  {title}")


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
    docs = _documents(tuple(sources) or (str(bundled_resolution()),))
    built = PassageIndex.build(target, docs, model=model, progress=sys.stderr.isatty())
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
