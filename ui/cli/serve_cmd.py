"""`resolution-qa serve`: the chat, the JSON API and the embeddable widget, offline, on loopback by default."""

from __future__ import annotations

import os

import click


@click.command()
@click.option("--index", "index_dir", type=click.Path(), default=None,
              help="Index folder (default: $RESOLUTION_QA_INDEX or the per-user data folder).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; keep loopback behind a reverse proxy.")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option("--root-path", default="", metavar="PATH",
              help="Public sub-path when a proxy serves the app under one, e.g. /qa.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="A site allowed to embed the chat and call the API (CORS and frame-ancestors); repeatable.")
@click.option("--concurrency", default=16, show_default=True, type=click.IntRange(1, 256),
              help="Questions answered at once; concurrent ones are batched into one model call.")
def serve(index_dir: str | None, host: str, port: int, root_path: str, allow_origins: tuple[str, ...],
          concurrency: int) -> None:
    """Serve the chat, the REST API and the embeddable widget."""
    # Before gradio is imported: no telemetry, no hub look-ups.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    root_path = root_path.rstrip("/")
    if root_path and not root_path.startswith("/"):
        raise click.BadParameter("must start with /, e.g. /qa", param_hint="--root-path")

    from ui.server import normalize_origins

    try:
        origins = normalize_origins(allow_origins)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--allow-origin") from None

    engine = _load_engine(index_dir)

    import uvicorn

    from ui.server import create_app

    app = create_app(engine, allow_origins=origins, concurrency=concurrency, host=host, port=port)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    click.echo(f"resolution-qa: {engine.passage_count} passages from {len(engine.documents)} resolution(s)")
    click.echo(f"  chat   http://{shown}:{port}{root_path}/")
    click.echo(f"  embed  http://{shown}:{port}{root_path}/embed   widget http://{shown}:{port}{root_path}/widget.js")
    click.echo(f"  API    http://{shown}:{port}{root_path}/api/ask?q=...")
    uvicorn.run(app, host=host, port=port, root_path=root_path, log_level="warning", proxy_headers=True,
                forwarded_allow_ips="127.0.0.1")


def _load_engine(index_dir: str | None):
    """The engine, or a one-line message saying how to build the index (never a traceback)."""
    from qa.errors import ResolutionQAError

    where = index_dir or "the default index folder"
    try:
        from qa.engine import Engine

        return Engine.from_index(index_dir)
    except ImportError as error:
        raise click.ClickException(f"the answering engine is not available ({error}); reinstall resolution-qa") from None
    except (ResolutionQAError, Exception) as error:  # noqa: BLE001 - a CLI boundary: one line, never a traceback
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise click.ClickException(
            f"cannot load the index from {where} ({detail}). "
            f"Build it with: resolution-qa index build PATH... {'--out ' + index_dir if index_dir else ''}".rstrip()
        ) from None
