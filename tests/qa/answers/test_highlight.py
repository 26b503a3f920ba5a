from qa.answers.highlight import best_segment
from qa.text import content_terms, segments

TEXT = ("Welcomes the work carried out as part of the follow-up mechanisms of the Sixth International "
        "Conference; takes note of the outcomes of the four meetings of the Advisory Board. Decides to "
        "include the item in the provisional agenda of its sixty-sixth session.")


def test_segments_cover_text_in_order():
    spans = segments(TEXT)
    assert len(spans) == 3
    assert spans[0][0] == 0 and spans[-1][1] == len(TEXT)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_segments_of_empty_text():
    assert segments("") == []


def test_best_segment_is_the_matching_phrase():
    start, end = best_segment(content_terms("How often did the Advisory Board meet?"), TEXT)
    assert 0 <= start < end <= len(TEXT)
    assert "Advisory Board" in TEXT[start:end]
    assert "provisional agenda" not in TEXT[start:end]


def test_content_terms_keep_symbols_whole_and_drop_stopwords():
    terms = content_terms("What is A/52/334 and resolution 62/7?")
    assert "a/52/334" in terms and "62/7" in terms
    assert "what" not in terms and "is" not in terms
