import click


@click.group()
def index() -> None:
    """Build and manage the passage index."""
