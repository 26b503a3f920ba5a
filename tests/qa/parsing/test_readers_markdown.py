"""Markdown input (qa.parsing.readers.markdown): markup goes, words and numbers stay, `[^n]`
footnotes become what the parser reads, and a converter's fake footnotes lose nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.errors import ParseError
from qa.model import ClauseKind
from qa.parsing import load_resolution
from qa.parsing.readers.markdown import looks_like_markdown, markdown_to_text

COLLECTION = Path(__file__).resolve().parents[3] / "../shared/corpus/collection"

# A/RES/64/12 (data/A_RES_64_12.txt) as a site's converter renders it in markdown: a heading,
# emphasis on the verbs, escaped list numbers, an entity, a link, [^n] footnotes.
MARKDOWN = """\
---
symbol: A/RES/64/12
title: "Support by the United Nations system of the efforts of Governments"
---

# Resolution adopted by the General Assembly on 9 November 2009

## 64/12\\. Support by the United Nations system of the efforts of Governments to promote and consolidate new or restored democracies

The General Assembly,

*Recalling also* the United Nations Millennium Declaration adopted by Heads of State and Government on 8 September 2000,[^1] in particular paragraphs 6 and 24 thereof, and the 2005 World Summit Outcome,[^2]

*Recalling further* the declarations of the conferences adopted in Manila in 1988,[^3] Ulaanbaatar in 2003[^4] and Doha in 2006, *Mindful* of the role of the Young Professionals Network of P[^5] academics,

1\\. **Takes note with appreciation** of the [report of the Secretary-General](https://undocs.org/A/64/372);[^6]

2\\. *Welcomes* the decision of the Government of the Bolivarian Republic of Venezuela to host the Seventh International Conference of New or Restored Democracies in 2010 &amp; after;

3. *Decides* to include in the provisional agenda of its sixty-sixth session the item entitled &ldquo;Support by the United Nations system&rdquo;.

41st plenary meeting 9 November 2009

---

[^1]: See resolution 55/2.

[^2]: See resolution 60/1.

[^3]: A/43/538, annex.

[^4]: A/58/387, annexes I and
    II.

[^5]: A/61/581, annex.
[^2013]: (S/INF/68).

[^6]: A/64/372.
"""


def parse(tmp_path: Path, text: str, name: str = "A_RES_64_12.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_resolution(path)


def test_markup_removed_words_and_numbers_kept(tmp_path: Path) -> None:
    res = parse(tmp_path, MARKDOWN)
    assert res.symbol == "A/RES/64/12"
    ops = [c for c in res.clauses if c.kind == ClauseKind.OPERATIVE]
    assert [c.number for c in ops] == ["1", "2", "3"]  # "1\\." and "3." keep their printed numbers
    assert ops[0].text == "Takes note with appreciation of the report of the Secretary-General;"
    assert ops[1].text.endswith("New or Restored Democracies in 2010 & after;")
    assert ops[2].text.endswith("the item entitled “Support by the United Nations system”.")
    for c in res.clauses:
        assert not any(mark in c.text for mark in ("*", "[^", "](", "&amp;", "#", "\\")), c.id


def test_footnote_definitions_become_footnotes_cited_where_marked(tmp_path: Path) -> None:
    res = parse(tmp_path, MARKDOWN)
    fns = {c.id: c for c in res.of_kind(ClauseKind.FOOTNOTE)}
    assert list(fns) == ["fn1", "fn2", "fn3", "fn4", "fn5", "fn6"]
    assert fns["fn4"].text == "A/58/387, annexes I and II."  # an indented continuation line
    assert res.clause("pp1").footnotes == ("fn1", "fn2")
    assert res.clause("pp1").text.endswith("in particular paragraphs 6 and 24 thereof, and the 2005 World Summit Outcome,")
    assert res.clause("op1").footnotes == ("fn6",)


def test_fake_footnotes_lose_no_text(tmp_path: Path) -> None:
    res = parse(tmp_path, MARKDOWN)
    # "P[^5]": the converter took the 5 of "P5" for a marker; the text reads P5 again
    assert "Young Professionals Network of P5 academics" in res.clause("pp2").text
    # "[^2013]: (S/INF/68).": a wrapped line of footnote 5 that began with a number
    assert res.clause("fn5").text == "A/61/581, annex. 2013 (S/INF/68)."
    assert "fn2013" not in {c.id for c in res.clauses}


def test_a_paragraph_taken_for_a_footnote_is_put_back(tmp_path: Path) -> None:
    text = MARKDOWN.replace(
        "3. *Decides*",
        "[^3]: Requests the Secretary-General to submit a report to the General Assembly at its sixty-sixth session;"
        "\n\n4. *Decides*",
    )
    res = parse(tmp_path, text)
    ops = [c for c in res.clauses if c.kind == ClauseKind.OPERATIVE]
    assert [c.number for c in ops] == ["1", "2", "3", "4"]
    assert ops[2].text == "Requests the Secretary-General to submit a report to the General Assembly at its sixty-sixth session;"
    assert res.clause("fn3").text == "A/43/538, annex."


def test_real_markdown_twin_footnotes(tmp_path: Path) -> None:
    res = load_resolution(COLLECTION / "markdown/A_RES_80_18.md")
    fns = res.of_kind(ClauseKind.FOOTNOTE)
    assert len(fns) == 7
    assert res.clause("fn2").text == ("The Committee on Disarmament was redesignated the Conference on Disarmament "
                                      "as from 7 February 1984.")  # "[^7]: February 1984." is its last line
    res = load_resolution(COLLECTION / "markdown/A_RES_80_6.md")
    assert res.clause("fn9").text == ("S/PRST/2013/2; see Resolutions and Decisions of the Security Council, "
                                      "1 August 2012–31 July 2013 (S/INF/68).")
    assert len(res.of_kind(ClauseKind.FOOTNOTE)) == 10


def test_markdown_in_a_txt_file_is_read_as_markdown() -> None:
    res = load_resolution(COLLECTION / "general-assembly/A_RES_80_48.txt")
    assert res.metadata["source_format"] == "markdown"
    assert len(res.of_kind(ClauseKind.FOOTNOTE)) == 13
    assert "Young Professionals Network of P5 academics" in res.clause("op12").text
    assert res.clause("fn13").text == "See resolution 50/245 and A/50/1027."


def test_front_matter_passed_through() -> None:
    text = markdown_to_text(MARKDOWN, "x.md")
    assert text.startswith('---\nsymbol: A/RES/64/12\ntitle: "Support by the United Nations system')


def test_sources_md_is_refused_with_a_true_reason() -> None:
    path = COLLECTION / "SOURCES.md"
    with pytest.raises(ParseError) as err:
        load_resolution(path)
    message = str(err.value)
    assert message.startswith(f"{path}: this markdown file is not a resolution")
    assert "4 headings" in message and "table" in message and "\n" not in message


def test_markdown_is_told_from_plain_text() -> None:
    assert looks_like_markdown(MARKDOWN)
    assert looks_like_markdown((COLLECTION / "general-assembly/A_RES_80_31.txt").read_text(encoding="utf-8"))
    assert not looks_like_markdown((COLLECTION / "general-assembly/A_RES_80_11.txt").read_text(encoding="utf-8"))
    assert not looks_like_markdown((COLLECTION / "security-council/S_RES_363_1974.txt").read_text(encoding="utf-8"))


def test_spans_point_into_the_readers_text(tmp_path: Path) -> None:
    from qa.parsing.files import resolution_text

    path = tmp_path / "A_RES_64_12.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    res = load_resolution(path)
    text = resolution_text(path)
    op1 = res.clause("op1")
    assert text[op1.span[0]:op1.span[1]] == "Takes note with appreciation of the report of the Secretary-General;6"


def test_html_blocks_inside_markdown_keep_their_words() -> None:
    text = markdown_to_text("<p><b>A title</b></p>\n\nThe General Assembly,\n\n<div><p>1. <i>Decides</i> to act"
                            "<sup>1</sup>;</p></div>\n\n[^1]: A/1/1.\n", "x.md")
    assert text == "A title\n\nThe General Assembly,\n\n1. Decides to act1;\n\n__________________\n\n1 A/1/1.\n"
