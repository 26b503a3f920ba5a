"""HTML input (qa.parsing.readers.html): a resolution as the HTML blocks sites publish (title in
<b>, verbs in <i>, paragraphs in <p>, no symbol or masthead) parses like its text export."""

from __future__ import annotations

from pathlib import Path

from qa.model import ClauseKind
from qa.parsing import load_resolution
from qa.parsing.readers.html import html_to_text, looks_like_html

# From A/RES/64/12 (data/A_RES_64_12.txt), as a web page carries it.
HTML = """\
<div class="resolution">
<p><b>Support by the United Nations system of the efforts of Governments to promote and consolidate
new or restored democracies</b></p>
<p>The General Assembly,</p>
<p><i>Recalling also</i> the United Nations Millennium Declaration adopted by Heads of State and Government
on 8&nbsp;September 2000,<sup>1</sup> in particular paragraphs 6 and 24 thereof, and the 2005 World Summit
Outcome,<sup>2</sup></p>
<p><i>Noting</i> the role of the International Institute for Democracy &amp; Electoral Assistance in support
of the New or Restored Democracies Movement,</p>
<p>1.&nbsp;&nbsp;<i>Takes note with appreciation</i> of the report of the Secretary-General;<sup>3</sup></p>
<p>2.&nbsp;&nbsp;<i>Invites</i> Member States to continue to commemorate the International Day of Democracy
in an appropriate manner;</p>
<p>3.&nbsp;&nbsp;<i>Decides</i> to include in the provisional agenda of its sixty-sixth session the item entitled
&ldquo;Support by the United Nations system of the efforts of Governments to promote and consolidate new or
restored democracies&rdquo;.</p>
<script>trackVisit();</script>
<hr>
<p><sup>1</sup> See resolution 55/2.</p>
<p><sup>2</sup> See resolution 60/1.</p>
<p><sup>3</sup> A/64/372.</p>
</div>
"""

TITLE = ("Support by the United Nations system of the efforts of Governments to promote and consolidate new or "
         "restored democracies")


def parse(tmp_path: Path, html: str, name: str = "A_RES_64_12.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return load_resolution(path)


def test_html_block_parses_like_the_text(tmp_path: Path) -> None:
    res = parse(tmp_path, HTML)
    assert res.title == TITLE  # the bold block above "The General Assembly,"
    assert res.metadata["source_format"] == "html"
    pps = res.of_kind(ClauseKind.PREAMBULAR)
    ops = res.of_kind(ClauseKind.OPERATIVE)
    assert len(pps) == 2 and [c.number for c in ops] == ["1", "2", "3"]
    assert pps[0].text == ("Recalling also the United Nations Millennium Declaration adopted by Heads of State and "
                           "Government on 8 September 2000, in particular paragraphs 6 and 24 thereof, and the 2005 "
                           "World Summit Outcome,")
    assert pps[1].text.startswith("Noting the role of the International Institute for Democracy & Electoral")
    assert ops[0].text == "Takes note with appreciation of the report of the Secretary-General;"
    assert ops[2].text.endswith("the item entitled “Support by the United Nations system of the efforts of "
                                "Governments to promote and consolidate new or restored democracies”.")
    for c in res.clauses:
        assert "<" not in c.text and "&" not in c.text.replace("& Electoral", "") and "trackVisit" not in c.text


def test_sup_markers_link_the_footnotes_after_the_rule(tmp_path: Path) -> None:
    res = parse(tmp_path, HTML)
    assert [c.text for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["See resolution 55/2.", "See resolution 60/1.",
                                                                  "A/64/372."]
    assert res.clause("pp1").footnotes == ("fn1", "fn2")
    assert res.clause("op1").footnotes == ("fn3",)


def test_symbol_comes_from_the_file_name_with_a_warning(tmp_path: Path) -> None:
    res = parse(tmp_path, HTML)
    assert res.symbol == "A/RES/64/12"
    assert any("file name" in w for w in res.warnings)


def test_ordered_lists_print_their_numbers_and_letters(tmp_path: Path) -> None:
    html = """<p><b>Building a peaceful world</b></p><p>The General Assembly,</p>
    <p><i>Recalling</i> its resolution 78/10,</p>
    <ol start="1"><li><i>Urges</i> Member States to observe the Olympic Truce;</li>
    <li><i>Requests</i> the Secretary-General:<ol type="a"><li>to promote the Truce;</li>
    <li>to report on it;</li></ol></li><li value="5"><i>Decides</i> to remain seized of the matter.</li></ol>"""
    text = html_to_text(html)
    assert "\n\n1. Urges Member States" in text and "\n\n(a) to promote the Truce;" in text
    assert "\n\n5. Decides to remain seized" in text
    res = parse(tmp_path, html, "A_RES_80_8.html")
    ops = res.of_kind(ClauseKind.OPERATIVE)
    assert [c.id for c in ops] == ["op1", "op2", "op2(a)", "op2(b)", "op5"]
    assert res.clause("op2(b)").text == "to report on it;"


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    res = parse(tmp_path, HTML, "A_RES_64_12.txt")
    assert res.metadata["source_format"] == "html" and len(res.of_kind(ClauseKind.OPERATIVE)) == 3


def test_html_is_told_from_plain_text() -> None:
    assert looks_like_html(HTML)
    data = Path(__file__).resolve().parents[3] / "data" / "A_RES_64_12.txt"
    assert not looks_like_html(data.read_text(encoding="utf-8"))
