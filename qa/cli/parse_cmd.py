import click


@click.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the parse as JSON.")
def parse(file: str, as_json: bool) -> None:
    """Show exactly what will be indexed from FILE."""
    raise click.ClickException("not implemented yet")
