"""`resolution-qa parse`: show exactly what will be indexed from a resolution file, or, with
`--summary`, look over many files and folders before indexing them.

    resolution-qa parse FILE [--json]              every clause of one file, as it will be indexed
    resolution-qa parse PATH... --summary [--json] one line per file, totals, refusals by reason

Exit status with --summary: 0 when every file parsed, 3 (REFUSED_EXIT) when some were refused
(their reasons are printed), 1 when nothing readable was found; 2 is a usage error.
"""

from __future__ import annotations

import json
import os
import re
import time

import click

REFUSED_EXIT = 3
_EXAMPLES = 3
# short forms of the warnings, for the one-line summary (the whole text is in --json)
_SHORT = (
    ("draft resolution", "draft"),
    ("file name", "symbol from file name"),
    ("does not state its symbol", "no symbol"),
    ("no footnote text", "marker without footnote"),
    ("not cited", "footnote not cited"),
    ("no opening line", "no opening line"),
    ("no text layer", "pages without text"),
    ("title", "title inferred"),
)


def _short(warning: str) -> str:
    low = warning.lower()
    for key, short in _SHORT:
        if key in low:
            return short
    return "other"


def summarize_file(path: str) -> dict:
    """One file's summary: its symbol and counts, or the reason it was refused."""
    from qa.errors import ParseError
    from qa.model import ClauseKind
    from qa.parsing import load_resolution

    try:
        res = load_resolution(path)
    except ParseError as exc:
        reason = str(exc)
        for prefix in (f"{path}: ", f"{path}:"):
            if reason.startswith(prefix):
                reason = reason[len(prefix):]
                break
        reason = re.sub(r"^\d+: ", "", reason)  # the line number, kept in "line"
        return {"path": path, "status": "refused", "reason": reason, "line": exc.line}
    counts = {"pp": 0, "op": 0, "sub": 0, "fn": 0, "annex": 0}
    for c in res.clauses:
        if c.kind == ClauseKind.FOOTNOTE:
            counts["fn"] += 1
        elif c.kind == ClauseKind.ANNEX:
            counts["annex"] += 1
        elif c.kind in (ClauseKind.PREAMBULAR, ClauseKind.OPERATIVE):
            key = "sub" if c.parent else ("pp" if c.kind == ClauseKind.PREAMBULAR else "op")
            counts[key] += 1
    return {"path": path, "status": "parsed", "symbol": res.symbol,
            "format": res.metadata.get("source_format", "text"), "counts": counts,
            "no_operative_paragraph": counts["op"] == 0,
            "draft": res.metadata.get("status") == "draft resolution", "warnings": list(res.warnings)}


def _summaries(files: list[str], jobs: int):
    if jobs <= 1 or len(files) < 8:
        yield from (summarize_file(f) for f in files)
        return
    from concurrent.futures import ProcessPoolExecutor

    # PDF text extraction is pure Python (pypdf): the files are shared out over processes
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(summarize_file, files, chunksize=4)


def summary_line(s: dict) -> str:
    """The one line of --summary for a file's summary (summarize_file)."""
    if s["status"] == "refused":
        return f"{s['path']}: refused: {s['reason']}"
    c = s["counts"]
    parts = [f"{s['path']}: {s['symbol']}",
             f"pp {c['pp']} / op {c['op']} / sub {c['sub']} / fn {c['fn']} / annex {c['annex']}"]
    if s["no_operative_paragraph"]:
        parts.append("no operative paragraph")
    if s["warnings"]:
        kinds: dict[str, int] = {}
        for w in s["warnings"]:
            kinds[_short(w)] = kinds.get(_short(w), 0) + 1
        shown = ", ".join(k if n == 1 else f"{k} x{n}" for k, n in kinds.items())
        parts.append(f"{len(s['warnings'])} warning{'s' if len(s['warnings']) > 1 else ''} ({shown})")
    return "  ".join(parts)


def _totals(summaries: list[dict], seconds: float) -> dict:
    parsed = [s for s in summaries if s["status"] == "parsed"]
    refused = [s for s in summaries if s["status"] == "refused"]
    counts = {k: sum(s["counts"][k] for s in parsed) for k in ("pp", "op", "sub", "fn", "annex")}
    groups: dict[str, dict] = {}
    for s in refused:
        key = re.sub(r"0x[0-9a-f]+|\d+", "#", s["reason"])  # "byte 0xe9 at offset 12" groups with its kind
        group = groups.setdefault(key, {"reason": s["reason"], "count": 0, "examples": []})
        group["count"] += 1
        if len(group["examples"]) < _EXAMPLES:
            group["examples"].append(s["path"])
    return {"files": len(summaries), "parsed": len(parsed), "refused": len(refused),
            "with_operative_paragraphs": sum(not s["no_operative_paragraph"] for s in parsed),
            "no_operative_paragraph": sum(s["no_operative_paragraph"] for s in parsed),
            "drafts": sum(s["draft"] for s in parsed), "with_warnings": sum(bool(s["warnings"]) for s in parsed),
            "counts": counts, "seconds": round(seconds, 2),
            "refusals": sorted(groups.values(), key=lambda g: -g["count"])}


def _print_totals(t: dict) -> None:
    c = t["counts"]
    click.echo("")
    click.echo(f"{t['files']} files: {t['parsed']} parsed, {t['refused']} refused; "
               f"{t['with_operative_paragraphs']} with operative paragraphs, "
               f"{t['no_operative_paragraph']} with no operative paragraph, "
               f"{t['drafts']} draft{'' if t['drafts'] == 1 else 's'}, "
               f"{t['with_warnings']} with warnings; {t['seconds']:.1f} s")
    click.echo(f"clauses: pp {c['pp']} / op {c['op']} / sub {c['sub']} / fn {c['fn']} / annex {c['annex']}")
    if t["refusals"]:
        click.echo("refused, by reason:")
        for g in t["refusals"]:
            click.echo(f"  {g['count']:>4}  {g['reason']}")
            more = t["refused"] and g["count"] - len(g["examples"])
            click.echo(f"        e.g. {', '.join(g['examples'])}" + (f" (and {more} more)" if more > 0 else ""))


def _summary(paths: tuple[str, ...], as_json: bool, jobs: int) -> None:
    from qa.errors import ParseError
    from qa.parsing import find_resolution_files

    try:
        files = [str(f) for f in find_resolution_files(paths)]
    except ParseError as exc:
        raise click.ClickException(str(exc)) from None
    if not files:
        raise click.ClickException(f"no resolution files (.txt, .md, .pdf, .html) in: {', '.join(paths)}")
    start = time.perf_counter()
    summaries = []
    for s in _summaries(files, jobs):
        summaries.append(s)
        click.echo(json.dumps(s, ensure_ascii=False) if as_json else summary_line(s))
    totals = _totals(summaries, time.perf_counter() - start)
    if as_json:
        click.echo(json.dumps({"totals": totals}, ensure_ascii=False))
    else:
        _print_totals(totals)
    if totals["refused"]:
        raise SystemExit(REFUSED_EXIT)


def _show(file: str, as_json: bool) -> None:
    from qa.errors import ParseError
    from qa.parsing import load_resolution

    try:
        resolution = load_resolution(file)
    except ParseError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in resolution.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(resolution.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{resolution.symbol}  {resolution.title}".rstrip())
    for key, value in resolution.metadata.items():
        if key in ("symbol", "title"):
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"  {key}: {shown}")
    click.echo(f"  clauses: {len(resolution.clauses)}")
    for clause in resolution.clauses:
        click.echo("")
        click.echo(f"[{clause.id}] {clause.label}")
        if clause.heading:
            click.echo(f"  heading: {clause.heading}")
        click.echo(f"  {clause.text}")
        if clause.footnotes:
            click.echo(f"  cites: {', '.join(clause.footnotes)}")
        if clause.cited_by:
            click.echo(f"  cited by: {', '.join(clause.cited_by)}")


@click.command(epilog="Exit status with --summary: 0 when every file parsed; 3 when some files were refused "
                      "(each reason is printed); 1 when no readable file was found; 2 on a usage error.")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True,
              help="Print the parse as JSON; with --summary, JSON lines: one object per file, then the totals.")
@click.option("--summary", is_flag=True,
              help="Read files and folders (recursively: .txt, .md, .pdf, .html) and print one line per file "
                   "(symbol, pp / op / sub / fn / annex counts, warnings), then totals and refusals by reason.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="With --summary: processes reading files at once (default: the number of CPUs).")
def parse(paths: tuple[str, ...], as_json: bool, summary: bool, jobs: int | None) -> None:
    """Show exactly what will be indexed from FILE; with --summary, look over PATH... before indexing."""
    if summary:
        _summary(paths, as_json, jobs or os.cpu_count() or 1)
        return
    if len(paths) > 1 or os.path.isdir(paths[0]):
        raise click.UsageError("give one resolution FILE, or add --summary to read several files or folders")
    _show(paths[0], as_json)
