"""The parser on the real corpus: counts, exact texts, footnote links, metadata, spans."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from qa.model import ClauseKind, Resolution
from qa.parsing import find_resolution_files, load_resolution

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT = REPO / "data" / "A_RES_64_12.txt"


@pytest.fixture(scope="module")
def res64() -> Resolution:
    return load_resolution(DEFAULT)


def corpus(name: str) -> Resolution:
    return load_resolution(CORPUS / name)


def top_level(res: Resolution, kind: ClauseKind) -> list:
    return [c for c in res.of_kind(kind) if c.parent is None]


def assert_spans_hold_words(res: Resolution) -> None:
    source = (Path(res.source_path)).read_bytes().decode("utf-8-sig")
    for c in res.clauses:
        start, end = c.span
        assert 0 <= start < end <= len(source), c.id
        chunk = re.sub(r"\s+", " ", source[start:end])
        words = re.findall(r"[A-Za-z]{4,}", c.text)
        checked = words[:3] if c.kind == ClauseKind.META else words[:3] + words[-3:]  # meta span: the header
        for word in checked:
            assert word in chunk, (c.id, word)


# -- A/RES/64/12 (ODS plain-text export) ------------------------------------------------------------
def test_64_12_counts(res64: Resolution) -> None:
    kinds = Counter(c.kind for c in res64.clauses)
    assert kinds[ClauseKind.PREAMBULAR] == 12
    assert kinds[ClauseKind.OPERATIVE] == 13
    assert kinds[ClauseKind.FOOTNOTE] == 9
    assert kinds[ClauseKind.META] == 1
    assert [c.id for c in res64.of_kind(ClauseKind.OPERATIVE)] == [f"op{i}" for i in range(1, 14)]


def test_64_12_exact_texts(res64: Resolution) -> None:
    assert res64.clause("pp2").text == (
        "Recalling also the United Nations Millennium Declaration adopted by Heads of State and Government "
        "on 8 September 2000, in particular paragraphs 6 and 24 thereof, and the 2005 World Summit Outcome,"
    )
    assert res64.clause("pp3").text == (
        "Recalling further the declarations and plans of action of the six international conferences of new "
        "or restored democracies adopted in Manila in 1988, Managua in 1994, Bucharest in 1997, Cotonou in "
        "2000, Ulaanbaatar in 2003 and Doha in 2006,"
    )
    assert res64.clause("op1").text == "Takes note with appreciation of the report of the Secretary-General;"
    op3 = res64.clause("op3").text
    assert op3.startswith("Invites Member States, the relevant organizations of the United Nations system,")
    assert "set out in the Doha Declaration, and to inform the Secretary-General of the actions taken;" in op3
    assert op3.endswith("of the actions taken;")
    assert res64.clause("fn8").text == "A/61/581, annex."
    assert res64.clause("fn9").text == "A/64/372."


def test_64_12_footnote_links(res64: Resolution) -> None:
    assert res64.clause("pp2").footnotes == ("fn1", "fn2")
    assert res64.clause("pp3").footnotes == ("fn3", "fn4", "fn5", "fn6", "fn7", "fn8")
    assert res64.clause("op1").footnotes == ("fn9",)
    assert res64.clause("op3").footnotes == ("fn8",)
    assert res64.clause("fn8").cited_by == ("pp3", "op3")
    assert res64.clause("fn1").cited_by == ("pp2",)
    assert res64.clause("fn9").cited_by == ("op1",)
    assert res64.clause("pp1").footnotes == ()  # "62/7" and the dates are not markers


def test_64_12_metadata(res64: Resolution) -> None:
    md = res64.metadata
    assert res64.symbol == "A/RES/64/12"
    assert res64.title.startswith("Support by the United Nations system of the efforts of Governments")
    assert res64.title.endswith("new or restored democracies")
    assert md["symbol"] == "A/RES/64/12"
    assert md["session"] == 64
    assert md["agenda_item"] == "11"
    assert md["adopted"] == "2009-11-09"
    assert md["plenary_meeting"] == 41
    assert md["drafts"] == ["A/64/L.12", "A/64/L.12/Add.1"]
    assert md["committee"] == "without reference to a Main Committee"
    assert md["distributed"] == "2009-12-22"
    assert md["ods_job"] == "N0946255E"
    assert md["body"] == "General Assembly"
    assert res64.warnings == []


def test_64_12_meta_and_labels(res64: Resolution) -> None:
    meta = res64.clause("meta")
    assert meta.kind == ClauseKind.META
    assert meta.label == "A/RES/64/12, title and adoption record"
    assert meta.text == (
        "Support by the United Nations system of the efforts of Governments to promote and consolidate new or "
        "restored democracies. Resolution adopted by the General Assembly on 9 November 2009 [without reference "
        "to a Main Committee (A/64/L.12 and Add.1)] 41st plenary meeting 9 November 2009"
    )
    assert res64.clause("op7").label == "A/RES/64/12, operative paragraph 7"
    assert res64.clause("pp3").label == "A/RES/64/12, preambular paragraph 3"
    assert res64.clause("fn8").label == "A/RES/64/12, footnote 8"


def test_64_12_plenary_date_is_not_footnote_9(res64: Resolution) -> None:
    assert res64.clause("fn9").text == "A/64/372."
    assert not any("November 2009" in c.text for c in res64.of_kind(ClauseKind.FOOTNOTE))


def test_64_12_spans_and_no_boilerplate(res64: Resolution) -> None:
    assert_spans_hold_words(res64)
    for c in res64.clauses:
        assert "<<ODS" not in c.text and "[DU1]" not in c.text and "Distr." not in c.text
        assert "*0946255*" not in c.text


# -- A/RES/80/3 (PDF extraction, annex) -------------------------------------------------------------
def test_80_3_structure() -> None:
    res = corpus("A_RES_80_3.txt")
    assert res.symbol == "A/RES/80/3"
    assert res.title == "Awaza Political Declaration"
    assert len(res.of_kind(ClauseKind.PREAMBULAR)) == 1
    assert [c.id for c in res.of_kind(ClauseKind.OPERATIVE)] == ["op1", "op2"]
    annex_top = [c.id for c in top_level(res, ClauseKind.ANNEX)]
    assert annex_top == [f"annex.{i}" for i in range(1, 26)]  # numbering restarts at 1
    assert [c.id for c in res.of_kind(ClauseKind.ANNEX) if c.parent == "annex.13"] == [
        "annex.13(a)", "annex.13(b)", "annex.13(c)", "annex.13(d)", "annex.13(e)"]
    assert len(res.of_kind(ClauseKind.FOOTNOTE)) == 16
    md = res.metadata
    assert (md["adopted"], md["plenary_meeting"], md["drafts"], md["distributed"]) == (
        "2025-10-14", 18, ["A/80/L.4"], "2025-10-15")


def test_80_3_texts_headings_footnotes() -> None:
    res = corpus("A_RES_80_3.txt")
    sub = res.clause("annex.13(a)")
    assert sub.text == "Structural transformation and science, technology and innovation;"
    assert sub.label == "A/RES/80/3, annex, paragraph 13 (a)"
    assert sub.heading.startswith("II. Implementation of the Awaza Programme of Action")
    assert res.clause("annex.3").heading == "I. Global context and shared commitments"
    assert res.clause("annex.17").heading == "Partnerships and support mechanisms"
    assert res.clause("annex.13(e)").text == "Means of implementation."
    a2 = res.clause("annex.2").text
    assert "adopted by the General Assembly on 24 December 2024, which builds" in a2
    assert "Developing Countries and the Vienna Programme" in a2
    assert "for the Decade 2014–2024 and provides a renewed and action-oriented framework" in a2
    assert res.clause("annex.2").footnotes == ("fn1", "fn2", "fn3")
    a8 = res.clause("annex.8")
    assert "the Sevilla Commitment, which renews" in a8.text
    assert a8.text.endswith("the Pact for the Future.")
    assert a8.footnotes == ("fn12", "fn13", "fn14", "fn15", "fn16")
    assert res.clause("fn16").text == "Resolution 79/1."
    assert res.clause("fn16").cited_by == ("annex.8",)
    # paragraph 7 runs across a page break and its footnote block
    a7 = res.clause("annex.7")
    assert "the Convention on Biological Diversity and the Kunming-Montreal" in a7.text
    assert a7.footnotes == ("fn5", "fn6", "fn7", "fn8", "fn9", "fn10", "fn11")
    assert_spans_hold_words(res)


# -- A/RES/80/7 (PDF extraction, paragraph across a page break) -------------------------------------
def test_80_7_page_break_paragraph_joined() -> None:
    res = corpus("A_RES_80_7.txt")
    assert len(res.of_kind(ClauseKind.PREAMBULAR)) == 4
    assert len(res.of_kind(ClauseKind.OPERATIVE)) == 5
    assert len(res.of_kind(ClauseKind.FOOTNOTE)) == 3
    op2 = res.clause("op2")
    assert "“Implementation of the NPT safeguards agreement between the Agency and the Democratic" in op2.text
    assert op2.text.endswith("all as reflected in the official records of the General Conference;")
    assert op2.footnotes == ("fn2", "fn3")
    assert res.clause("pp1").text == "Having received the report of the International Atomic Energy Agency for 2024,"
    assert res.clause("pp1").footnotes == ("fn1",)
    assert res.clause("fn1").text == "See A/80/348."
    source = (CORPUS / "A_RES_80_7.txt").read_text(encoding="utf-8")
    assert source[op2.span[0] : op2.span[1]].startswith("Takes note of resolutions")
    assert source[op2.span[0] : op2.span[1]].endswith("General Conference;")
    assert_spans_hold_words(res)


@pytest.mark.parametrize("name", ["A_RES_80_3.txt", "A_RES_80_7.txt"])
def test_no_page_header_text_in_clauses(name: str) -> None:
    res = corpus(name)
    for c in res.clauses:
        assert not re.search(r"\b\d/\d\b|25-1\d{4}|A/RES/80/\d\s", c.text), (c.id, c.text)
        if c.kind != ClauseKind.META:
            assert res.title not in c.text or c.id.startswith("annex") or "Awaza" in res.title, c.id
    if name == "A_RES_80_7.txt":
        assert not any("Report of the International Atomic Energy Agency" in c.text
                       for c in res.clauses if c.kind != ClauseKind.META)


# -- A/RES/65/141 (one paragraph per line, stray markers) -------------------------------------------
def test_65_141() -> None:
    res = corpus("A_RES_65_141.txt")
    assert res.symbol == "A/RES/65/141"
    assert any("symbol" in w and "file name" in w and "A_RES_65_141.txt" in w for w in res.warnings)
    assert len(res.of_kind(ClauseKind.PREAMBULAR)) == 24
    assert len(res.of_kind(ClauseKind.OPERATIVE)) == 24
    assert res.of_kind(ClauseKind.FOOTNOTE) == []
    assert "outcomes of the Geneva and Tunis phases" in res.clause("op10").text
    assert res.clause("op24").text == ('Decides to include in the provisional agenda of its sixty-sixth session the '
                                       'item entitled "Information and communications technologies for development".')
    md = res.metadata
    assert (md["committee"], md["report"], md["plenary_meeting"], md["adopted"]) == (
        "Second Committee", "A/65/433", 69, "2010-12-20")
    # the text has no title line: the title is the agenda item op24 keeps, said in a warning and in
    # metadata, and not quoted in the meta unit (whose text is the document's own header and footer)
    assert res.title == md["title"] == "Information and communications technologies for development"
    assert md["title_source"] == "agenda item named in operative paragraph 24"
    assert any("no title line" in w and "operative paragraph 24" in w for w in res.warnings)
    assert res.clause("meta").text == ("Resolution adopted by the General Assembly on 20 December 2010 "
                                       "[on the report of the Second Committee (A/65/433)] 69th plenary meeting")
    assert "agenda_item" not in md  # the text does not state it
    # the file has no footnote texts at all: markers 2 and 4 (and 4 cited again in op17) are dropped, with warnings
    assert res.clause("op17").text.count("Tunis Agenda for the Information Society, while at the same time") == 1
    unmatched = sorted((w.split("marker ")[1].split(" in ")[0], w.split("paragraph ")[1].split(" has")[0])
                       for w in res.warnings if "has no footnote text" in w)
    assert unmatched == [("2", "10"), ("4", "10"), ("4", "17")]
    assert_spans_hold_words(res)


# -- S/RES/1565 (2004) -------------------------------------------------------------------------------
def test_s_res_1565() -> None:
    res = corpus("S_RES_1565_2004.txt")
    assert res.symbol == "S/RES/1565 (2004)"
    assert res.metadata["body"] == "Security Council"
    assert res.metadata["meeting"] == 5048
    assert res.metadata["adopted"] == "2004-10-01"
    pps = res.of_kind(ClauseKind.PREAMBULAR)
    assert len(pps) == 9
    assert pps[-1].text == "Acting under Chapter VII of the Charter of the United Nations,"
    assert len(top_level(res, ClauseKind.OPERATIVE)) == 28
    subs = [c.id for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent]
    assert subs == [f"op4({x})" for x in "abcdefgh"] + [f"op5({x})" for x in "abcdefg"] + [
        f"op7({x})" for x in "abc"]
    assert res.clause("op4").text == "Decides that MONUC will have the following mandate:"
    assert res.clause("op4(b)").parent == "op4"
    assert res.clause("op7(c)").text == "The electoral process;"
    op10 = res.clause("op10").text
    assert "- by sharing military information" in op10 and op10.endswith("reintegration and resettlement;")
    assert res.warnings == []
    assert_spans_hold_words(res)


# -- A/HRC/RES/25/6 ----------------------------------------------------------------------------------
def test_hrc_25_6() -> None:
    res = corpus("A_HRC_RES_25_6.txt")
    assert res.symbol == "A/HRC/RES/25/6"
    assert res.title == "Rights of the child: access to justice for children"
    assert res.metadata["body"] == "Human Rights Council"
    assert len(res.of_kind(ClauseKind.PREAMBULAR)) == 24
    assert len(top_level(res, ClauseKind.OPERATIVE)) == 25
    subs = [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent]
    assert len(subs) == 41
    assert res.clause("op13(s)").parent == "op13"
    assert res.clause("op5(b)").text == "To take into account the specific needs of girls;"
    assert res.clause("op8(i)").label == "A/HRC/RES/25/6, operative paragraph 8 (i)"
    assert any("file name" in w for w in res.warnings)
    # the adoption footer glued to the last paragraph goes to the adoption record, not into op25
    assert res.clause("op25").text.endswith("in accordance with Human Rights Council resolution 7/13 of 27 March 2008.")
    assert not any("54th meeting" in c.text for c in res.clauses if c.kind != ClauseKind.META)
    assert res.metadata["meeting"] == 54
    assert "plenary_meeting" not in res.metadata and "adopted" not in res.metadata  # the text gives no date
    assert res.clause("meta").text == ("Rights of the child: access to justice for children. "
                                       "Resolution adopted by the Human Rights Council 54th meeting")
    assert_spans_hold_words(res)


def test_find_resolution_files(tmp_path: Path) -> None:
    files = find_resolution_files([CORPUS])
    assert files == sorted(f for f in CORPUS.rglob("*") if f.suffix in (".txt", ".md", ".pdf"))
    assert set(CORPUS.glob("*.txt")) <= set(files)
    assert any(f.suffix == ".pdf" for f in files) and any(f.parent != CORPUS for f in files)
    assert find_resolution_files([DEFAULT]) == [DEFAULT]
