import click


@click.command()
@click.argument("question", required=False)
def ask(question: str | None) -> None:
    """Answer QUESTION (or each line of standard input) with the resolution's clauses."""
    raise click.ClickException("not implemented yet")


@click.command()
@click.argument("file", type=click.Path())
def evaluate(file: str) -> None:
    """Measure Recall@k, MRR and abstention on FILE (JSONL of {"q", "gold"})."""
    raise click.ClickException("not implemented yet")
