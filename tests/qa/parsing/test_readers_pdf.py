"""PDF input (qa.parsing.readers.pdf): real UN PDFs of the collection parse into the clauses a reader
sees on the page; a scan, an encrypted and a damaged PDF get one clear line each."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from qa.errors import ParseError
from qa.model import ClauseKind
from qa.parsing import load_resolution
from qa.parsing.readers.pdf import SCAN_MESSAGE, pdf_to_text

PDFS = Path(__file__).resolve().parents[3] / "../shared/corpus/collection/pdf"


@pytest.fixture(scope="module")
def loaded() -> dict:
    cache: dict = {}

    def load(name: str):
        if name not in cache:
            cache[name] = load_resolution(PDFS / name)
        return cache[name]

    return load


def tops(res, kind: ClauseKind) -> list:
    return [c for c in res.clauses if c.kind == kind and not c.parent]


def test_security_council_pdf_symbol_counts_and_texts(loaded) -> None:
    res = loaded("S_RES_2768_2025.pdf")
    assert res.symbol == "S/RES/2768 (2025)"  # read from the masthead, not the file name
    assert not any("file name" in w for w in res.warnings)
    assert len(tops(res, ClauseKind.PREAMBULAR)) == 5
    ops = tops(res, ClauseKind.OPERATIVE)
    assert [c.number for c in ops] == ["1", "2", "3", "4", "5", "6"]
    assert ops[0].text == "Extends the reporting request in paragraph 10 of resolution 2722 (2024) until July 15, 2025;"
    assert ops[-1].text == "Decides to remain actively seized of this matter."
    # op4 ends at the foot of page 1; the running head and job number of page 2 are not in it
    assert ops[3].text.endswith("acquiring arms and related materiel to carry out further attacks;")
    assert ops[3].label == "S/RES/2768 (2025), operative paragraph 4"
    assert res.metadata["meeting"] == 9836 and res.metadata["adopted"] == "2025-01-15"
    assert res.metadata["source_format"] == "pdf"


def test_page_furniture_never_enters_a_clause(loaded) -> None:
    res = loaded("S_RES_2779_2025.pdf")  # 14 pages: running heads, job numbers, "n/14" on each
    for c in res.clauses:
        if c.kind == ClauseKind.META:
            continue
        assert "25-07317" not in c.text and not re.search(r"(?<![\d/])\d{1,2}/14(?![\d/])", c.text), c.id
        assert "S/RES/2779 (2025)" not in c.text, c.id
    ops = tops(res, ClauseKind.OPERATIVE)
    assert ops[0].number == "1" and ops[-1].number == "25"
    assert ops[-1].text == "Decides to remain actively seized of the matter."


def test_paragraph_across_a_page_break_stays_one(loaded) -> None:
    res = loaded("S_RES_2779_2025.pdf")
    pps = tops(res, ClauseKind.PREAMBULAR)
    noting = next(c for c in pps if c.text.startswith("Noting the steps taken in the implementation"))
    # the paragraph's last words stand at the top of page 2
    assert noting.text.endswith("to ensure the effective operation of these institutions so as to meet its "
                                "critical commitments under the Revitalized Agreement,")
    assert not any(c.text.startswith("operation of these institutions") for c in res.clauses)


def test_sub_paragraphs_set_in_their_own_indent(loaded) -> None:
    res = loaded("S_RES_2779_2025.pdf")
    subs = [c for c in res.clauses if c.parent]
    assert any(c.text.startswith("To provide specific protection for women and children") for c in subs)


def test_line_end_hyphens_are_compounds_kept_whole(loaded) -> None:
    texts = " ".join(c.text for c in loaded("S_RES_2771_2025.pdf").clauses)
    assert "Secretary-General" in texts and "Secretary -" not in texts  # "Secretary -" / "General"
    assert "trust-building" in texts and "trust- building" not in texts
    assert "troop- and police-contributing" in texts  # a suspended hyphen keeps its space
    assert "Libyan-led and Libyan-owned" in " ".join(c.text for c in loaded("S_RES_2769_2025.pdf").clauses)


def test_draft_resolution_is_read_and_marked(loaded) -> None:
    res = loaded("A_ES-11_L.7.pdf")
    assert res.symbol == "A/ES-11/L.7"
    assert res.title == ("Principles of the Charter of the United Nations underlying a comprehensive, just and "
                         "lasting peace in Ukraine")
    assert res.metadata["status"] == "draft resolution"
    assert len(res.metadata["sponsors"]) == 57 and res.metadata["sponsors"][-1] == "United States of America"
    warning = next(w for w in res.warnings if "draft resolution" in w)
    assert "not an adopted resolution" in warning and "A/ES-11/L.7" in warning
    assert len(tops(res, ClauseKind.PREAMBULAR)) == 8
    ops = tops(res, ClauseKind.OPERATIVE)
    assert len(ops) == 11 and ops[0].label == "A/ES-11/L.7, operative paragraph 1"
    assert ops[-1].text.startswith("Decides to adjourn the eleventh emergency special session")


def test_draft_footnotes_from_the_page_foot_with_their_markers(loaded) -> None:
    res = loaded("A_ES-11_L.7.pdf")
    fns = res.of_kind(ClauseKind.FOOTNOTE)
    assert [f.text for f in fns] == [
        "See Official Records of the General Assembly, Seventy-seventh Session, Supplement No. 4 (A/77/4), "
        "paras. 189–197.",
        "United Nations, Treaty Series, vol. 75, No. 972.",
        "Ibid., vol. 1125, No. 17512.",
    ]
    assert res.clause("pp6").text == "Recalling the order of the International Court of Justice of 16 March 2022,"
    assert res.clause("pp6").footnotes == ("fn1",)
    assert res.clause("op6").footnotes == ("fn2", "fn3")  # "of 12 August 1949 2 and ... of 1949,3"
    # the sponsors' "*" note is the masthead's, not a footnote of the resolution
    assert not any("list of sponsors" in c.text for c in res.clauses)


def test_reader_text_is_the_layout_the_parser_reads() -> None:
    text = pdf_to_text((PDFS / "A_ES-11_L.7.pdf").read_bytes(), "draft.pdf").text
    assert text.startswith("---\nsymbol: A/ES-11/L.7\n")
    assert "\n\nUnited Nations\n\nA/ES-11/L.7\n\n" in text  # the masthead line split in two
    assert "16 March 2022,1\n" in text and "12 August 19492 and" in text  # raised markers glued
    assert "\n\n__________________\n\n1 See Official Records" in text
    assert "23-02871" not in text and "*2302871*" not in text and "2/3" not in text


def test_scan_gets_one_clear_line() -> None:
    with pytest.raises(ParseError) as err:
        load_resolution(PDFS / "A_RES_2758_XXVI_ru.pdf")
    assert str(err.value) == f"{PDFS / 'A_RES_2758_XXVI_ru.pdf'}: {SCAN_MESSAGE}"
    assert "ocrmypdf" in SCAN_MESSAGE and SCAN_MESSAGE.startswith("no text layer: this PDF is a scan")


def _encrypted(tmp_path: Path, user: str, owner: str) -> Path:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(PDFS / "S_RES_2768_2025.pdf"))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "S_RES_2768_2025.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_encrypted_pdf_with_a_password_is_refused_clearly(tmp_path: Path) -> None:
    path = _encrypted(tmp_path, user="secret", owner="owner")
    with pytest.raises(ParseError, match="encrypted with a password") as err:
        load_resolution(path)
    assert str(err.value).startswith(f"{path}: ") and "\n" not in str(err.value)


def test_pdf_restricted_by_an_owner_password_only_is_read(tmp_path: Path) -> None:
    res = load_resolution(_encrypted(tmp_path, user="", owner="owner"))
    assert res.symbol == "S/RES/2768 (2025)" and len(tops(res, ClauseKind.OPERATIVE)) == 6


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x8f\x00garbage" * 50,
    (PDFS / "S_RES_2768_2025.pdf").read_bytes()[:3000],
])
def test_damaged_pdf_is_refused_clearly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        load_resolution(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "damaged" in message or "no pages" in message or "no text" in message


def test_pdf_name_on_a_text_file_says_it_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "A_RES_1_1.pdf"
    path.write_text("The General Assembly,\n1. Decides to act.\n", encoding="utf-8")
    with pytest.raises(ParseError, match="not a PDF"):
        load_resolution(path)


def test_pages_without_text_are_named_in_a_warning(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(PDFS / "S_RES_2768_2025.pdf"))
    writer.add_blank_page()
    path = tmp_path / "S_RES_2768_2025.pdf"
    with path.open("wb") as out:
        writer.write(out)
    res = load_resolution(path)
    assert len(tops(res, ClauseKind.OPERATIVE)) == 6
    assert any("page(s) 3 of 3 have no text layer" in w and w.startswith(str(path)) for w in res.warnings)
