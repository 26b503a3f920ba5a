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


_FILTER_HELP = {
    "doc": "Limit to a resolution, by symbol (e.g. A/RES/64/12); repeat for several.",
    "body": "Limit to one body: GA, SC or HRC (or the full name).",
    "years": "Limit to resolutions adopted in these years: 1990-1999, or one year.",
}


def _filters(doc: tuple[str, ...], body: str | None, years: str | None) -> dict:
    return {"doc": (doc[0] if len(doc) == 1 else list(doc)) if doc else None, "body": body, "years": years}


@click.command()
@click.argument("question", required=False)
@click.option("--k", "k", type=int, default=5, show_default=True, help=f"Passages to return (1-{_MAX_K}).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the Answer shape).")
@click.option("--index", "index_dir", type=click.Path(), default=None, help="Index folder (default: qa.settings).")
@click.option("--doc", multiple=True, help=_FILTER_HELP["doc"])
@click.option("--body", default=None, help=_FILTER_HELP["body"])
@click.option("--years", default=None, help=_FILTER_HELP["years"])
def ask(question: str | None, k: int, as_json: bool, index_dir: str | None, doc: tuple[str, ...],
        body: str | None, years: str | None) -> None:
    """Answer QUESTION (or each line of standard input) with the resolutions' clauses."""
    from qa.errors import BadQuestion

    if not 1 <= k <= _MAX_K:
        raise click.BadParameter(f"must be from 1 to {_MAX_K}", param_hint="--k")
    engine = _load_engine(index_dir)
    filters = _filters(doc, body, years)
    try:  # a bad filter is the same error for every question: said once, before any answer
        engine.ask_batch([], k=k, **filters)
    except BadQuestion as exc:  # bad input, as an unknown option value is: exit code 2
        if as_json:
            click.echo(json.dumps({"error": str(exc)}, ensure_ascii=False))
        else:
            click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    tty = sys.stdout.isatty()

    def answer_one(q: str) -> bool:
        try:
            answer = engine.ask(q, k=k, **filters)
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


_METRICS = (("recall@1", "clause R@1"), ("recall@3", "clause R@3"), ("recall@5", "clause R@5"), ("mrr", "MRR"),
            ("mrr@10", "MRR@10"), ("doc_recall@1", "document R@1"), ("doc_recall@5", "document R@5"),
            ("abstention_precision", "abstention precision"), ("abstention_recall", "abstention recall"))


@click.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the metrics and misses as JSON.")
@click.option("--index", "index_dir", type=click.Path(), default=None, help="Index folder (default: qa.settings).")
@click.option("--k", "k", type=int, default=10, show_default=True,
              help=f"Passages ranked per question (1-{_MAX_K}); MRR@10 needs 10.")
@click.option("--baseline", type=click.Choice(["bm25", "dense", "rrf"], case_sensitive=False), default=None,
              help="Score a plain anchor on the same index instead of the engine (no abstention).")
def evaluate(file: str, as_json: bool, index_dir: str | None, k: int, baseline: str | None) -> None:
    """Measure FILE: JSONL of {"q", "gold", "doc"} (clause gold) or {"q", "doc", "snippets"}
    (document and verbatim snippets; "doc": null when out of scope). Reports clause R@1/3/5, MRR,
    MRR@10, document R@1/5, out-of-scope questions abstained and answerable ones abstained."""
    from qa.errors import ResolutionQAError
    from qa.evaluation import load_questions, score_results

    if not 1 <= k <= _MAX_K:
        raise click.BadParameter(f"must be from 1 to {_MAX_K}", param_hint="--k")
    try:
        questions = load_questions(file)
    except ResolutionQAError as exc:
        raise click.ClickException(str(exc)) from None
    engine = _load_engine(index_dir)
    by_doc: dict = {}
    for i, item in enumerate(questions):
        by_doc.setdefault(item.get("doc"), []).append(i)
    answers: list = [None] * len(questions)
    try:
        for doc, idx in by_doc.items():
            texts = [questions[i]["q"] for i in idx]
            batch = (engine.ask_baseline(texts, baseline, k=k, doc=doc) if baseline
                     else engine.ask_batch(texts, k=k, doc=doc))
            for i, a in zip(idx, batch, strict=True):
                answers[i] = a
    except ResolutionQAError as exc:
        raise click.ClickException(str(exc)) from None
    results = [{**item, "answered": a.answered, "cited": [(c.doc, c.unit, c.text) for c in a.citations]}
               for item, a in zip(questions, answers, strict=True)]
    metrics = score_results(results)
    if baseline:
        metrics["baseline"] = baseline.lower()
    if as_json:
        click.echo(json.dumps(metrics, ensure_ascii=False, indent=2))
        return
    name = f"baseline {baseline.lower()}" if baseline else "engine"
    click.echo(f"{name}; questions: {len(results)} ({metrics['answerable']} answerable, "
               f"{metrics['unanswerable']} out of scope)")
    for key, label in _METRICS:
        if key in metrics:
            click.echo(f"  {label:24s} {metrics[key]:.3f}")
    click.echo(f"  {'out of scope abstained':24s} {metrics['oos_abstained']} / {metrics['unanswerable']}")
    click.echo(f"  {'answerable abstained':24s} {metrics['wrongly_abstained']} / {metrics['answerable']}")
    if metrics["misses"]:
        click.echo("misses:")
        for m in metrics["misses"]:
            gold = ", ".join(m["gold"]) or "(not answerable)"
            state = "answered" if m["answered"] else "abstained"
            click.echo(f"  {_printable(m['q'])!r}: gold {gold}; rank {m['rank']}; {state}; first {m['first']}")
