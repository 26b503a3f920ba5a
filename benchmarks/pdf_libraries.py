"""Compare PDF text libraries on the collection's PDFs: how clean a text each gives the parser.

    python -m benchmarks.pdf_libraries [FOLDER]     # default ../shared/corpus/collection/pdf

Needs pypdf, pdfplumber and pdfminer.six (`pip install pypdf pdfplumber`; pdfplumber brings
pdfminer.six). Each library's own default text extraction is measured, page by page, on the PDFs
with a text layer; the numbers are what the choice in README "Formats read" rests on:
- symbol intact: the PDF's symbol (S/RES/2768 (2025), A/ES-11/L.7) on one line of page 1;
- furniture in clauses: clauses of the parse holding a job number, a barcode or the document's
  own symbol (a running head): page furniture the parser could not drop;
- lone numbers: lines holding only a paragraph number "4." (the number cut from its paragraph);
- double spaces: lines with runs of spaces inside the text (justification turned into spaces);
- ligatures: characters U+FB00-FB06 ("ﬁ") left in the text;
- preambular, operative (not counting sub-paragraphs) and footnote units the parser finds in the
  text as it comes, and files it refuses (compare with the last row, this project's reader);
- time per page (best of two runs; noisy on a shared machine: compare the ratios).
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from qa.errors import ParseError
from qa.model import ClauseKind
from qa.parsing.parser import parse_text

FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{5,}\*")  # job number, barcode
LONE_NUMBER = re.compile(r"^\s*\d{1,3}\.\s*$")
DOUBLE_SPACE = re.compile(r"\S {2,}\S")
LIGATURE = re.compile("[\ufb00-\ufb06]")


def pages_pypdf(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def pages_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pages_pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(path).split("\f")


def pages_reader(path: Path) -> list[str]:
    """This project's PDF reader (pypdf with the layout read from positions): one text, not pages."""
    from qa.parsing.readers.pdf import pdf_to_text

    return [pdf_to_text(path.read_bytes(), path.name).text]


LIBRARIES: dict[str, Callable[[Path], list[str]]] = {
    "pypdf": pages_pypdf, "pdfplumber": pages_pdfplumber, "pdfminer.six": pages_pdfminer,
    "qa reader (pypdf + layout)": pages_reader,
}


def symbol_of(path: Path) -> str:
    if m := re.match(r"S_RES_(\d+)_(\d{4})", path.stem):
        return f"S/RES/{m.group(1)} ({m.group(2)})"
    return path.stem.replace("_", "/")


def _page_count(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(path).pages)


def measure(name: str, pdfs: list[Path]) -> dict:
    extract = LIBRARIES[name]
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        texts = {p: extract(p) for p in pdfs}
        best = min(best, time.perf_counter() - start)
    pages = sum(_page_count(p) for p in pdfs)
    row = {"library": name, "ms_per_page": 1000 * best / pages, "symbol_intact": 0, "furniture_in_clauses": 0,
           "lone_numbers": 0, "double_spaces": 0, "ligatures": 0, "preambular": 0, "operative": 0, "footnotes": 0,
           "refused": 0}
    for path, page_texts in texts.items():
        row["symbol_intact"] += any(symbol_of(path) in ln for ln in page_texts[0].splitlines()[:12])
        lines = [ln for t in page_texts for ln in t.splitlines()]
        for ln in lines:
            row["lone_numbers"] += bool(LONE_NUMBER.match(ln))
            row["double_spaces"] += bool(DOUBLE_SPACE.search(ln.strip()))
            row["ligatures"] += len(LIGATURE.findall(ln))
        try:
            res = parse_text("\n".join(page_texts), source=path.name)
            top = [c for c in res.clauses if not c.parent]
            row["preambular"] += sum(c.kind == ClauseKind.PREAMBULAR for c in top)
            row["operative"] += sum(c.kind == ClauseKind.OPERATIVE for c in top)
            row["footnotes"] += sum(c.kind == ClauseKind.FOOTNOTE for c in top)
            own = symbol_of(path)
            row["furniture_in_clauses"] += sum(bool(FURNITURE.search(c.text) or own in c.text)
                                               for c in res.clauses if c.kind != ClauseKind.META)
        except ParseError:
            row["refused"] += 1
    return row


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)  # pdfminer and pypdf log every odd font
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "../shared/corpus/collection/pdf"
    pdfs = sorted(p for p in folder.glob("*.pdf") if pages_pypdf(p) and "".join(pages_pypdf(p)).strip())
    print(f"{len(pdfs)} PDFs with a text layer in {folder}")
    columns = ["library", "ms_per_page", "symbol_intact", "furniture_in_clauses", "lone_numbers", "double_spaces",
               "ligatures", "preambular", "operative", "footnotes", "refused"]
    print(" | ".join(columns))
    for name in LIBRARIES:
        row = measure(name, pdfs)
        print(" | ".join(f"{row[c]:.0f}" if isinstance(row[c], float) else str(row[c]) for c in columns))


if __name__ == "__main__":
    main(sys.argv[1:])
