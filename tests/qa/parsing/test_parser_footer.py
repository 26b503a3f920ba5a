"""The adoption footer after the last paragraph (meeting, date, how it was adopted), in resolutions
written for these tests: on lines of its own, glued to the last paragraph, or in a hard-wrapped text.
It belongs to the adoption record (metadata and the `meta` unit), never to a paragraph."""

from qa.model import ClauseKind, Resolution
from qa.parsing import parse_text

# Human Rights Council, one paragraph per line; the footer on its own lines, a recorded vote listed
# over several lines, then the footnote texts.
HRC_RECORDED_VOTE = """Resolution adopted by the Human Rights Council on 26 March 2031
46/3 Situation of human rights in the fictional region
The Human Rights Council,
Guided by the Charter of the United Nations,
Recalling its resolution 43/1 of 22 June 2030,1
1. Takes note of the report of the High Commissioner;2
2. Decides to hold an interactive dialogue at its 30th meeting;
3. Decides to remain seized of the matter.
47th meeting
26 March 2031
[Adopted by a recorded vote of 31 to 9, with 7 abstentions. The voting was as follows:
In favour:
Argentina, Brazil, Chile, Fiji, Mexico
Against:
China, Cuba
Abstaining:
India, Japan]
1 A/HRC/RES/43/1.
2 A/HRC/46/20.
"""

# One paragraph per line, the whole footer glued to the last paragraph; an earlier paragraph that
# ends with "at its 12th meeting." is not a footer.
GLUED_WITHOUT_A_VOTE = """Resolution adopted by the Human Rights Council
Access to safe drinking water
The Human Rights Council,
Reaffirming the right to safe drinking water,
1. Requests the Special Rapporteur to report to the Council at its 12th meeting.
2. Decides to continue its consideration of this question under the same agenda item. 12th meeting 3 July 2031 [Adopted without a vote.]
"""

# Hard-wrapped text (PDF extraction): a line that is only "5th meeting." continues a sentence; the
# footer after the last paragraph, with an adoption note in words and no brackets.
WRAPPED_FOOTER = """United Nations
E/RES/2031/4
Economic and Social Council
Distr.: General
20 July 2031
Resolution adopted by the Economic and Social Council on 18 July 2031
2031/4. Coordination of the policies of the funds and programmes
The Economic and Social Council,
Recalling its resolution 2030/2 on the coordination of the policies and
programmes of the United Nations system and its earlier resolutions,
1.
Decides that the coordination segment will consider the matter at its
5th meeting.
2.
Requests the Secretary-General to report on the implementation of the present
resolution to the Council at its next session.

23rd plenary meeting
18 July 2031
Adopted by 40 votes to none, with 5 abstentions.
"""


def op_texts(res: Resolution) -> list[str]:
    return [c.text for c in res.of_kind(ClauseKind.OPERATIVE)]


def test_footer_on_its_own_lines_with_a_recorded_vote() -> None:
    res = parse_text(HRC_RECORDED_VOTE, source="A_HRC_RES_46_3.txt")
    assert res.symbol == "A/HRC/RES/46/3"  # from the numbered title line, not the file name
    assert not any("file name" in w for w in res.warnings)
    assert res.title == "Situation of human rights in the fictional region"
    assert op_texts(res)[-1] == "Decides to remain seized of the matter."
    assert op_texts(res)[1] == "Decides to hold an interactive dialogue at its 30th meeting;"
    md = res.metadata
    assert (md["meeting"], md["adopted"], md["session"]) == (47, "2031-03-26", 46)
    assert "plenary_meeting" not in md
    assert (md["vote"], md["votes_in_favour"], md["votes_against"], md["abstentions"]) == ("recorded vote", 31, 9, 7)
    assert md["vote_text"].startswith("Adopted by a recorded vote of 31 to 9, with 7 abstentions.")
    assert md["vote_text"].endswith("Abstaining: India, Japan")
    meta = res.clause("meta").text
    assert meta.endswith("47th meeting 26 March 2031 [Adopted by a recorded vote of 31 to 9, with 7 abstentions. "
                         "The voting was as follows: In favour: Argentina, Brazil, Chile, Fiji, Mexico Against: "
                         "China, Cuba Abstaining: India, Japan]")
    # the footnote texts after the footer are still read, and the vote list is no footnote
    assert [c.text for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["A/HRC/RES/43/1.", "A/HRC/46/20."]
    assert res.clause("op1").footnotes == ("fn2",)
    assert not any("favour" in c.text for c in res.clauses if c.kind != ClauseKind.META)


def test_footer_glued_to_the_last_paragraph_adopted_without_a_vote() -> None:
    res = parse_text(GLUED_WITHOUT_A_VOTE, source="A_HRC_RES_47_9.txt")
    assert op_texts(res) == [
        "Requests the Special Rapporteur to report to the Council at its 12th meeting.",
        "Decides to continue its consideration of this question under the same agenda item.",
    ]
    md = res.metadata
    assert (md["meeting"], md["adopted"], md["vote"], md["vote_text"]) == (
        12, "2031-07-03", "without a vote", "Adopted without a vote.")
    assert "votes_in_favour" not in md
    assert res.clause("meta").text == ("Access to safe drinking water. Resolution adopted by the Human Rights Council "
                                       "12th meeting 3 July 2031 [Adopted without a vote.]")
    op2 = res.clause("op2")
    assert GLUED_WITHOUT_A_VOTE[op2.span[0] : op2.span[1]].endswith("under the same agenda item.")


def test_footer_in_a_hard_wrapped_text() -> None:
    res = parse_text(WRAPPED_FOOTER, source="upload.txt")
    assert res.symbol == "E/RES/2031/4"
    assert op_texts(res) == [
        "Decides that the coordination segment will consider the matter at its 5th meeting.",
        "Requests the Secretary-General to report on the implementation of the present resolution to the "
        "Council at its next session.",
    ]
    md = res.metadata
    assert (md["plenary_meeting"], md["meeting"], md["adopted"]) == (23, 23, "2031-07-18")
    assert (md["vote"], md["votes_in_favour"], md["votes_against"], md["abstentions"]) == ("vote", 40, 0, 5)
    assert res.clause("meta").text.endswith("23rd plenary meeting 18 July 2031 Adopted by 40 votes to none, "
                                            "with 5 abstentions.")


def test_meeting_words_ending_a_sentence_are_no_footer() -> None:
    text = GLUED_WITHOUT_A_VOTE.replace("under the same agenda item. 12th", "under the same agenda item at the 12th")
    res = parse_text(text, source="A_HRC_RES_47_9.txt")
    assert res.clause("op2").text.endswith("at the 12th meeting 3 July 2031 [Adopted without a vote.]")
    assert "meeting" not in res.metadata and "vote" not in res.metadata


ANNEX_AFTER_THE_FOOTER = """Resolution adopted by the General Assembly on 1 June 2031
[without reference to a Main Committee (A/105/L.3)]
105/2. Preparatory committee for the conference
The General Assembly,
Recalling its resolution 104/9,
1. Decides to establish a preparatory committee for the conference;
2. Adopts the programme of work annexed to the present resolution.
30th plenary meeting
1 June 2031
Annex
Programme of work
1. The Committee will hold its organizational session on 3 June 2031.
5th meeting
Adopted by consensus.
2. The Committee will elect its officers at the opening meeting.
3. The Committee will adopt its report at its final meeting.
"""


def test_meeting_and_adoption_lines_inside_an_annex_belong_to_it() -> None:
    res = parse_text(ANNEX_AFTER_THE_FOOTER, source="A_RES_105_2.txt")
    assert [c.id for c in res.of_kind(ClauseKind.ANNEX)] == ["annex.1", "annex.2", "annex.3"]
    assert res.clause("annex.3").text == "The Committee will adopt its report at its final meeting."
    md = res.metadata
    assert (md["plenary_meeting"], md["adopted"], md["drafts"]) == (30, "2031-06-01", ["A/105/L.3"])
    assert "vote" not in md
    assert res.clause("meta").text.endswith("30th plenary meeting 1 June 2031")


def test_a_yearbook_footer_broken_over_lines_reads_as_one_sentence() -> None:
    text = ("328 (1973). Resolution of 10 March 1973\n\nThe Security Council,\n\nHaving heard the statement,\n\n"
            "Decides to remain seized of the question.\n\nAdopted at the 1694th meet-\n"
            "ing by 13 votes to none, with 2 abstentions (United King-\ndom of Great Britain and Northern\n"
            "Ireland, United States of America).\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("meta").text.endswith("Adopted at the 1694th meeting by 13 votes to none, with 2 abstentions "
                                            "(United Kingdom of Great Britain and Northern Ireland, United States "
                                            "of America).")
    assert (res.metadata["meeting"], res.metadata["votes_in_favour"], res.metadata["abstentions"]) == (1694, 13, 2)


def test_a_year_ocr_damaged_in_the_date_line_is_the_headings_year() -> None:
    # "£964" is no number: the heading's "(1966)" is the year the resolution was adopted in, and a
    # reading of the glyphs ("1964") would put the resolution in another year
    text = ("Resolution 226 (1966)\nof 14 October £964\n\nThe Security Council,\n\nHaving heard the statements,\n\n"
            "1. Urges the Government to refrain;\n\n2. Requests the Secretary-General to report.\n\n"
            "Adopted unanimously at the\n1306th meeting.\n")
    res = parse_text(text, source="upload.txt")
    assert res.metadata["adopted"] == "1966-10-14"
    clean = parse_text(text.replace("£964", "1966"), source="upload.txt")
    assert clean.metadata["adopted"] == "1966-10-14"


def test_a_council_vote_beyond_the_councils_members_is_read_by_its_lookalike_digit() -> None:
    # 15 members from 1966: "73 votes" is OCR's 13 (13 + 2 abstentions = 15), said in a warning
    text = ("Resolution 498 (1981)\nof 18 December 1981\n\nThe Security Council,\n\nRecalling its resolutions,\n\n"
            "1. Decides to extend the mandate;\n\nAdopted at the 2329th meeting by 73 votes to none, with 2\n"
            "abstentions (German Democratic Republic, Union of Soviet Socialist Republics).\n")
    res = parse_text(text, source="upload.txt")
    assert (res.metadata["votes_in_favour"], res.metadata["votes_against"], res.metadata["abstentions"]) == (13, 0, 2)
    assert any("73 votes in favour" in w and "read as 13" in w for w in res.warnings)
    # 11 members before 1966: no reading fits 95 votes, so no count is given rather than a wrong one
    old = parse_text(text.replace("498 (1981)", "98 (1952)").replace("1981", "1952").replace("73 votes", "95 votes"),
                     source="upload.txt")
    assert "votes_in_favour" not in old.metadata
    assert any("left out" in w for w in old.warnings)
