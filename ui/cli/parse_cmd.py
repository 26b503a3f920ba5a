"""`resolution-qa parse FILE [--json]`: show exactly what will be indexed from a resolution file."""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the parse as JSON.")
def parse(file: str, as_json: bool) -> None:
    """Show exactly what will be indexed from FILE."""
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
