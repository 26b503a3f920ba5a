"""`python -m benchmarks.baseline.serve --index DIR --port P [--processes N]`: the server as `resolution-qa
serve` runs it, for an index built by any encoder the bench knows (the NumPy baseline too), with its
questions optionally encoded in N worker processes (benchmarks.baseline.processes). Bench use only."""

from __future__ import annotations

import argparse
import os


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.baseline.serve")
    parser.add_argument("--index", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--processes", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

    import uvicorn

    from benchmarks.baseline import register
    from qa.engine import Engine
    from ui.server import create_app

    register()
    engine = Engine.from_index(args.index)
    embedder = engine._index._embedder  # noqa: SLF001 - the bench swaps its encoder for a process pool
    engine.ask("warm-up")  # loads the encoder and checks it against the index's probe vectors
    pool = None
    if args.processes > 0:
        from benchmarks.baseline.processes import EncoderProcesses

        pool = EncoderProcesses(embedder.location, embedder.name, embedder.encoder, embedder.dim, args.processes)
        embedder._backend = pool  # noqa: SLF001
    try:
        uvicorn.run(create_app(engine, port=args.port), host="127.0.0.1", port=args.port, log_level="warning")
    finally:
        if pool is not None:
            pool.close()


if __name__ == "__main__":
    main()
