import click


@click.command()
def serve() -> None:
    """Serve the chat, the REST API and the embeddable widget."""
    raise click.ClickException("not implemented yet")
