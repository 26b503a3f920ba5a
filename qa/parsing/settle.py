"""Decisions the walk over a body can take only once it has read the whole of it."""

from __future__ import annotations

from qa.parsing.blocks import Body
from qa.parsing.numbering import DAMAGED_PREFIX


def settle_preamble(body: Body) -> None:
    """Preambular openings after an unnumbered operative paragraph: if numbered operative
    paragraphs follow, the preamble runs on to them and an unnumbered "Recalls ..." in it is a
    preambular paragraph (its verb a slip of drafting or OCR); if none follows, the resolution
    alternates, as old Security Council texts do ("Noting the complaint ...:" then "(a) Decides",
    "Noting with concern ..., considers that ..."), and each such paragraph is an operative
    paragraph of its own, unnumbered like the others."""
    blocks = body.blocks
    if not any(b.tentative for b in blocks):
        return
    first = next((i for i, b in enumerate(blocks)
                  if b.kind == "operative" and b.number is not None and b.annex is None), None)
    if first is not None:
        last_pp = max(i for i, b in enumerate(blocks[:first]) if b.kind == "preambular")
        for b in blocks[:last_pp]:
            if b.kind == "operative" and b.number is None and b.letter is None:
                b.kind = "preambular"
                body.warnings.append(f"line {b.line}: a paragraph opening with a verb stands in the preamble "
                                     "(preambular paragraphs follow it); it is read as a preambular paragraph")
        for b in blocks:
            b.tentative = False
        return
    for b in blocks:  # the old alternating style: "Noting ..., considers that ..." is operative
        if b.tentative:
            b.kind = "operative"
            b.tentative = False


def number_lost_paragraphs(body: Body, text: str) -> None:
    """An unnumbered operative paragraph between paragraphs k and k+2 is paragraph k+1, its number
    lost or damaged past reading (OCR: "8. Requests" for 5); what is left of the number leaves its
    text. Elsewhere in a numbered sequence it stays unnumbered, with a warning."""
    ops = [b for b in body.blocks if b.kind == "operative" and b.annex is None and b.letter is None]
    numbered = [i for i, b in enumerate(ops) if b.number is not None]
    if not numbered:
        return
    for i, b in enumerate(ops):
        if b.number is not None:
            continue
        prev = max((k for k in numbered if k < i), default=None)
        nxt = min((k for k in numbered if k > i), default=None)
        if prev is not None and nxt is not None and nxt - prev == 2 and ops[prev].part == ops[nxt].part \
                and ops[nxt].number == ops[prev].number + 2:  # type: ignore[operator]
            b.number = ops[prev].number + 1  # type: ignore[operator]
            start, end = b.segments[0]
            if m := DAMAGED_PREFIX.match(text[start:end]):
                b.segments[0] = (start + m.end(), end)
            body.warnings.append(f"line {b.line}: a paragraph between operative paragraphs {ops[prev].number} "
                                 f"and {ops[nxt].number} has no number (lost in the text); it is read as "
                                 f"paragraph {b.number}")
        else:
            body.warnings.append(f"line {b.line}: a paragraph opening like an operative paragraph has no "
                                 "number among numbered ones; it is kept as an unnumbered operative paragraph")
