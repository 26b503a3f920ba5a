"""Footnotes as the layouts print them: a note's second line in capitals in a hard-wrapped document
body, and yearbook markers whose footnote texts are not printed with the resolution (the
yearbook's numbering runs through the volume)."""

from __future__ import annotations

from pathlib import Path

from qa.model import ClauseKind, Resolution
from qa.parsing import load_resolution, parse_text

COLLECTION = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "collection"


def ops(res: Resolution) -> list:
    return [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]


# A Security Council document body of 1994: hard-wrapped at 80 columns, "1/" notes after the last
# paragraph, the third over two lines, its second line opening with a capital.
DOCUMENT_BODY_NOTES = """RESOLUTION 2001 (1994)

Adopted by the Security Council at its 3400th meeting,
on 30 January 1994

The Security Council,

Recalling its resolution 1999 (1994),

Having studied the report of the Secretary-General of 20 January 1994, 1/

1. Decides to extend the present mandate of the Force for a further period of
six months;

2. Re-emphasizes the terms of reference of the Force as stated in the report of
19 March 1978, 2/ and calls upon all parties concerned to cooperate fully;

3. Requests the Secretary-General to report to the Security Council
thereon.

1/ S/1994/62.
2/ Official Records of the Security Council, Thirty-third Year,
Supplement for January, February and March 1978, document S/12611.
"""


def test_a_notes_second_line_in_capitals_stays_in_the_note() -> None:
    res = parse_text(DOCUMENT_BODY_NOTES, source="upload.txt")
    assert ops(res)[-1].text == "Requests the Secretary-General to report to the Security Council thereon."
    assert res.clause("fn2").text == ("Official Records of the Security Council, Thirty-third Year, Supplement for "
                                      "January, February and March 1978, document S/12611.")
    assert res.clause("fn2").cited_by == ("op2",)


def test_s_res_895_its_last_paragraph_ends_where_the_notes_begin() -> None:
    res = load_resolution(COLLECTION / "security-council/S_RES_895_1994.txt")
    assert ops(res)[-1].text.endswith("to report to the Security Council thereon.")
    assert res.clause("fn3").text.endswith("Supplement for January, February and March 1978, document S/12611.")


# A yearbook text of 1990: its markers cite notes by the volume's numbering (105, 106, 107 here, 37
# printed with an earlier resolution) and no note is printed with it. The numbers of the text stay.
YEARBOOK_WITHOUT_NOTES = """Resolution 2002 (1990)
of 29 October 1990

The Security Council,

Having considered the report 37 of the Secretary-General of 13 May 1990,

Recalling the Geneva Convention relative to the Protection of Civilian Persons in Time of War,
of 12 August 1949, 105 the Vienna Convention on Diplomatic Relations of 18 April 1961, 106 the
Vienna Convention on Consular Relations of 24 April 1963 107 and international law,

Recalling also its resolutions 425 (1978), 426 (1978) and 427 (1978),

1. Demands that the authorities comply with the Convention of 12 August 1949, 105 and with
their obligations under Article 25 of the Charter;

2. Decides to extend the mandate of the Force for a further 6 months, as set out in
paragraphs 4, 5 and 6 of the report of the Secretary-General, 38 and to keep 30 per cent of it
in reserve;

3. Requests the Secretary-General to report to the Council within 90 days.

Adopted at the 2951st meeting by
13 votes to none, with 2 abstentions (Cuba and Yemen).
"""


def test_yearbook_markers_without_printed_notes_are_removed_and_the_texts_numbers_stay() -> None:
    res = parse_text(YEARBOOK_WITHOUT_NOTES, source="upload.txt")
    assert res.clause("pp1").text == "Having considered the report of the Secretary-General of 13 May 1990,"
    assert res.clause("pp2").text.endswith("of 12 August 1949, the Vienna Convention on Diplomatic Relations of "
                                           "18 April 1961, the Vienna Convention on Consular Relations of 24 April "
                                           "1963 and international law,")
    assert res.clause("pp3").text == "Recalling also its resolutions 425 (1978), 426 (1978) and 427 (1978),"
    assert res.clause("op1").text == ("Demands that the authorities comply with the Convention of 12 August 1949, "
                                      "and with their obligations under Article 25 of the Charter;")
    assert res.clause("op2").text == ("Decides to extend the mandate of the Force for a further 6 months, as set out "
                                      "in paragraphs 4, 5 and 6 of the report of the Secretary-General, and to keep "
                                      "30 per cent of it in reserve;")
    assert res.clause("op3").text.endswith("within 90 days.")
    assert not res.of_kind(ClauseKind.FOOTNOTE)
    assert sum("has no footnote text" in w for w in res.warnings) == 6  # each marker said, none invented


def test_outside_a_yearbook_a_spaced_number_without_a_note_is_text() -> None:
    # the same sentence in a GA text, whose notes are printed: "1949, 105 the" is not read as a marker
    text = ("Resolution adopted by the General Assembly on 3 March 2030\n\n85/1. Conventions\n\n"
            "The General Assembly,\n\nRecalling the Convention of 12 August 1949, 105 the Vienna Convention "
            "and others,\n\n1. Decides to remain seized of the matter.\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("pp1").text == "Recalling the Convention of 12 August 1949, 105 the Vienna Convention and others,"


def test_numbered_items_of_an_old_text_are_no_markers() -> None:
    text = ("12 (1946). Resolution of 10 December 1946\n\nThe Security Council\n\nResolves that:\n\n"
            "1. The representatives of Greece are invited to participate in the discussion without vote;\n\n"
            "2. The representatives of Albania are invited;\n\nAdopted at the 82nd meeting.\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("op1").text.endswith("without vote;")  # no marker 2 taken from the next number
    assert res.clause("op2").text == "The representatives of Albania are invited;"
    assert not res.of_kind(ClauseKind.FOOTNOTE)


def test_s_res_674_its_first_operative_paragraph_without_the_yearbooks_markers() -> None:
    res = load_resolution(COLLECTION / "security-council/S_RES_674_1990.txt")
    assert ops(res)[0].text.endswith("of 12 August 1949, the Vienna Convention on Diplomatic Relations of 18 April "
                                     "1961, the Vienna Convention on Consular Relations of 24 April 1963 and "
                                     "international law;")


def test_a_note_of_the_volumes_run_printed_between_paragraphs_is_no_paragraph() -> None:
    # a yearbook page foot: note 18 (its marker on a heading elsewhere) between two preambular
    # paragraphs; this text's own notes 16 and 17 after the footer
    text = ("Resolution 2003 (1972)\nof 4 February 1972\n\nThe Security Council,\n\n"
            "Taking note of the statement of the President of the\nIslamic Republic of Mauritania, 16 in his "
            "capacity as\ncurrent Chairman of the Organization,\n\n"
            "18 Resolutions or decisions on this question were also adopted\nby the Council in 1968, 1969 and 1971.\n\n"
            "Taking note of the statement of the President of the\nCouncil for Namibia, 17\n\n"
            "Decides to remain seized of the question.\n\nAdopted unanimously at the 1639th meeting.\n\n"
            "16 See Official Records of the Security Council, 1627th meeting.\n17 Ibid., 1628th meeting.\n")
    res = parse_text(text, source="upload.txt")
    assert [c.text.split()[0] for c in res.of_kind(ClauseKind.PREAMBULAR)] == ["Taking", "Taking"]
    assert [c.id for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["fn18", "fn16", "fn17"]
    assert res.clause("pp1").footnotes == ("fn16",) and res.clause("pp2").footnotes == ("fn17",)


def test_after_the_footer_a_yearbook_may_skip_notes_printed_elsewhere() -> None:
    # notes 95-97 and 100-102 after the footer (98 and 99 belong to a resolution printed before)
    text = ("Resolution 2004 (1979)\nof 4 December 1979\n\nThe Security Council,\n\n"
            "Having considered the letter of the Secretary-General, 95\n\n"
            "Taking note of the letters of 13 November 1979 100 relating to the grievances,\n\n"
            "Urgently calls upon the Government to release the personnel. 96\n\n"
            "Adopted unanimously at the 2172nd meeting.\n\n"
            "95 Ibid., document S/13646.\n96 Ibid., Thirty-fourth Year, 2172nd meeting.\n"
            "100 Official Records of the Security Council, Thirty-fourth\nYear, document S/13671.\n")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["fn95", "fn96", "fn100"]
    assert res.clause("fn100").text == "Official Records of the Security Council, Thirty-fourth Year, document S/13671."
    assert res.clause("pp2").footnotes == ("fn100",)


def test_markers_after_a_document_symbol() -> None:
    text = ("Resolution 2005 (1971)\nof 23 November 1971\n\nThe Security Council,\n\n"
            "Having considered the complaint contained in documents S/10182 11 and S/10251,\n\n"
            "Recalling the report of the Committee contained in document S/11052/Rev.1 12 dated 27 October 1971,\n\n"
            "Decides to send a special mission.\n\nAdopted unanimously at the 1599th meeting.\n\n"
            "11 Ibid., Supplement for April, May and June 1971.\n12 Ibid., document S/11052/Rev.1.\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("pp1").text == "Having considered the complaint contained in documents S/10182 and S/10251,"
    assert res.clause("pp2").text == ("Recalling the report of the Committee contained in document S/11052/Rev.1 "
                                      "dated 27 October 1971,")
    assert (res.clause("pp1").footnotes, res.clause("pp2").footnotes) == (("fn11",), ("fn12",))


def test_a_note_cited_again_in_a_list_of_documents() -> None:
    text = ("Resolution 2006 (1968)\nof 16 August 1968\n\nThe Security Council,\n\n"
            "Having noted the contents of the letters of the representatives of Jordan and Israel in documents\n"
            "S/8616, 32 S/8617, 32 S/8721 33 and S/8724, 33\n\n"
            "Deplores the loss of life.\n\nAdopted unanimously at the\n1440th meeting.\n\n\n"
            "32 Ibid., Supplement for April, May and June 1968.\n33 Ibid., Supplement for July, August and "
            "September 1968.\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("pp1").text.endswith("in documents S/8616, S/8617, S/8721 and S/8724,")
    assert res.clause("pp1").footnotes == ("fn32", "fn33")


def test_markers_after_each_date_of_a_list() -> None:
    text = ("Resolution 2007 (1993)\nof 9 August 1993\n\nThe Security Council,\n\n"
            "Taking note of the letters of 20 127 and 23 July 128 1993 from the Chairman-in-Office,\n\n"
            "Decides to remain seized of the matter.\n\nAdopted unanimously at the 3262nd meeting.\n\n"
            "127 Official Records of the Security Council, Forty-eighth Year, document S/26121.\n"
            "128 Ibid., document S/26148.\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("pp1").text == "Taking note of the letters of 20 and 23 July 1993 from the Chairman-in-Office,"
    assert res.clause("pp1").footnotes == ("fn127", "fn128")


DOCUMENT_BODY = """RESOLUTION 1780 (2032)

Adopted by the Security Council at its 9119th meeting,
on 6 October 2032

The Security Council,

Recalling the Geneva Conventions of 12 August 1949, 1/ and that persons who commit breaches
are individually responsible,

Taking note of the report of the Secretary-General dated 3 December 2032 2/ and of the
letter of the parties, 3/

1. Approves the report of the Secretary-General dated 3 December 2032 2/ and the
recommendations contained therein;

2. Decides to remain actively seized of the matter.

1/s United Nations Treaty Series, vol. 75, Nos. 970-973.
"""


def test_a_slash_note_with_a_stray_glyph_is_the_note_its_marker_cites() -> None:
    # OCR glued a letter to the note's "1/": the body shows marker 1/, so the line is note 1, not
    # words of the last paragraph
    res = parse_text(DOCUMENT_BODY, source="upload.txt")
    assert res.clause("op2").text == "Decides to remain actively seized of the matter."
    assert [c.id for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["fn1"]
    assert res.clause("fn1").text == "United Nations Treaty Series, vol. 75, Nos. 970-973."
    assert res.clause("pp1").footnotes == ("fn1",)


def test_a_slash_marker_cited_again_leaves_the_text() -> None:
    # "2/" after "2/" and "3/": the same note referred to a second time, not a number of the text
    res = parse_text(DOCUMENT_BODY, source="upload.txt")
    assert res.clause("op1").text == ("Approves the report of the Secretary-General dated 3 December 2032 and the "
                                      "recommendations contained therein;")


def test_a_slash_line_whose_marker_the_body_does_not_show_is_no_note() -> None:
    text = DOCUMENT_BODY.replace("1949, 1/ and", "1949, and")
    res = parse_text(text, source="upload.txt")
    assert not res.of_kind(ClauseKind.FOOTNOTE)


def test_a_yearbook_marker_between_two_sentences_is_the_next_note() -> None:
    text = ("39 (2048). Resolution of 20 January 2048\n\nThe Security Council,\n\nConsidering the situation,\n\n"
            "Decides that a Commission is established, the third member to be designated by the two so\n"
            "selected. 3 Each representative shall be entitled to select his alternates.\n\n"
            "Adopted at the 230th meeting.\n\n3 By its resolution 47 (2048), the Council enlarged the Commission.\n")
    res = parse_text(text, source="upload.txt")
    op = ops(res)[0]
    assert op.text.endswith("by the two so selected. Each representative shall be entitled to select his alternates.")
    assert op.footnotes == ("fn3",)


def test_a_number_after_a_reference_word_and_its_full_stop_stays() -> None:
    text = ("39 (2048). Resolution of 20 January 2048\n\nThe Security Council,\n\nConsidering the situation,\n\n"
            "Decides to publish the list in the Treaty Series, vol. 3 The Hague edition, as received.\n\n"
            "Adopted at the 230th meeting.\n\n3 By its resolution 47 (2048), the Council enlarged the Commission.\n")
    res = parse_text(text, source="upload.txt")
    assert "vol. 3 The Hague" in ops(res)[0].text
