"""`resolution-qa ask` and `resolution-qa eval`.

Heavy modules (the engine's index, faiss, bm25s, the model) load inside the commands, so
`--help` and start-up stay fast.
"""

from __future__ import annotations

import json
import sys

import click

_MAX_K = 50


def _load_engine(index_dir: str | None):
    from qa.engine import Engine
    from qa.errors import ResolutionQAError

    try:
        return Engine.from_index(index_dir)
    except ResolutionQAError as exc:
        raise click.ClickException(str(exc)) from None
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise click.ClickException(
            f"no index at {exc.filename or index_dir}; build one with: resolution-qa index build PATH"
        ) from None
    except Exception as exc:  # the index package's own errors carry a user-facing message
        if type(exc).__module__.startswith("index."):
            raise click.ClickException(str(exc)) from None
        raise


def _printable(text: str) -> str:
    from qa.engine import clean_question

    return clean_question(text)


def _render(answer, tty: bool) -> str:
    """A readable answer: the best clause with its label and highlighted span, then the others."""
    bold = (lambda s: click.style(s, bold=True)) if tty else (lambda s: s)
    lines = [f"Q: {_printable(answer.question)}"]
    if not answer.answered:
        lines.append(answer.message)
    for i, c in enumerate(answer.citations):
        start, end = c.highlight
        if i == 0:
            if tty:
                body = c.text[:start] + click.style(c.text[start:end], bold=True, underline=True) + c.text[end:]
            else:
                body = c.text[:start] + "»" + c.text[start:end] + "«" + c.text[end:]
            lines.append("")
            lines.append(bold(c.label))
            lines.append(f"  {body}")
            for f in c.footnotes:
                lines.append(f"  [{f.label}] {f.text}")
            if c.cited_by:
                lines.append("  cited by: " + "; ".join(r.label for r in c.cited_by))
            if len(answer.citations) > 1:
                lines.append("")
                lines.append("Also:")
        else:
            snippet = c.text if len(c.text) <= 160 else c.text[:157] + "..."
            lines.append(f"  {c.score:7.3f}  {c.label}: {snippet}")
    return "\n".join(lines)


@click.command()
@click.argument("question", required=False)
@click.option("--k", "k", type=int, default=5, show_default=True, help=f"Passages to return (1-{_MAX_K}).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the Answer shape).")
@click.option("--index", "index_dir", type=click.Path(), default=None, help="Index folder (default: qa.settings).")
@click.option("--doc", default=None, help="Limit to one resolution, by symbol (e.g. A/RES/64/12).")
def ask(question: str | None, k: int, as_json: bool, index_dir: str | None, doc: str | None) -> None:
    """Answer QUESTION (or each line of standard input) with the resolution's clauses."""
    from qa.errors import BadQuestion

    if not 1 <= k <= _MAX_K:
        raise click.BadParameter(f"must be from 1 to {_MAX_K}", param_hint="--k")
    engine = _load_engine(index_dir)
    tty = sys.stdout.isatty()

    def answer_one(q: str) -> bool:
        try:
            answer = engine.ask(q, k=k, doc=doc)
        except BadQuestion as exc:
            if as_json:
                click.echo(json.dumps({"question": _printable(q), "error": str(exc)}, ensure_ascii=False))
            else:
                click.echo(f"error: {exc}", err=True)
            return False
        if as_json:
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            click.echo(_render(answer, tty))
            click.echo("")
        sys.stdout.flush()
        return True

    if question is not None:
        if not answer_one(question):
            sys.exit(2)
        return
    # Bytes, decoded line by line: a pipe of invalid UTF-8 must give answers (with U+FFFD), not a traceback.
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if line.strip():
            answer_one(line)


@click.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the metrics and misses as JSON.")
@click.option("--index", "index_dir", type=click.Path(), default=None, help="Index folder (default: qa.settings).")
@click.option("--k", "k", type=int, default=5, show_default=True, help=f"Passages ranked per question (1-{_MAX_K}).")
def evaluate(file: str, as_json: bool, index_dir: str | None, k: int) -> None:
    """Measure Recall@k, MRR and abstention on FILE (JSONL of {"q", "gold", "doc"})."""
    from qa.errors import ResolutionQAError
    from qa.evaluation import load_questions, score_results

    if not 1 <= k <= _MAX_K:
        raise click.BadParameter(f"must be from 1 to {_MAX_K}", param_hint="--k")
    try:
        questions = load_questions(file)
    except ResolutionQAError as exc:
        raise click.ClickException(str(exc)) from None
    engine = _load_engine(index_dir)
    results = []
    by_doc: dict = {}
    for i, item in enumerate(questions):
        by_doc.setdefault(item.get("doc"), []).append(i)
    answers: list = [None] * len(questions)
    try:
        for doc, idx in by_doc.items():
            for i, a in zip(idx, engine.ask_batch([questions[i]["q"] for i in idx], k=k, doc=doc), strict=True):
                answers[i] = a
    except ResolutionQAError as exc:
        raise click.ClickException(str(exc)) from None
    for item, a in zip(questions, answers, strict=True):
        results.append({"q": item["q"], "gold": item["gold"], "answered": a.answered,
                        "ranked": [(c.doc, c.unit) for c in a.citations]})
    metrics = score_results(results)
    if as_json:
        click.echo(json.dumps(metrics, ensure_ascii=False, indent=2))
        return
    click.echo(f"questions: {len(results)} ({metrics['answerable']} answerable, {metrics['unanswerable']} not)")
    for key in ("recall@1", "recall@3", "recall@5", "mrr", "abstention_precision", "abstention_recall"):
        click.echo(f"  {key:22s} {metrics[key]:.3f}")
    click.echo(f"  wrongly abstained      {metrics['wrongly_abstained']}")
    click.echo(f"  wrongly answered       {metrics['wrongly_answered']}")
    if metrics["misses"]:
        click.echo("misses:")
        for m in metrics["misses"]:
            gold = ", ".join(m["gold"]) or "(not answerable)"
            state = "answered" if m["answered"] else "abstained"
            click.echo(f"  {_printable(m['q'])!r}: gold {gold}; rank {m['rank']}; {state}; first {m['first']}")
