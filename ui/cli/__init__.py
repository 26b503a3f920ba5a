"""The `resolution-qa` command line. Each sub-command lives in its own module and imports
its heavy dependencies inside the command, so `--help` and start-up stay fast."""

from __future__ import annotations

import click

from ui.cli.ask_cmd import ask, evaluate
from ui.cli.index_cmd import index
from ui.cli.parse_cmd import parse
from ui.cli.serve_cmd import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resolution-qa")
def main() -> None:
    """Answer questions about UN resolutions with their own clauses, cited exactly."""


main.add_command(parse)
main.add_command(index)
main.add_command(ask)
main.add_command(evaluate, name="eval")
main.add_command(serve)
