from qa.answers.answer import Answer, Citation, ClauseRef, FootnoteRef
from ui.render import NOT_ADDRESSED, answer_messages, citation_to_copy, escape, highlight, user_message


def citation(text="Welcomes the offer of Qatar to host the conference;", span=(22, 27), **kw) -> Citation:
    defaults = dict(doc="A/RES/64/12", unit="op10", kind="operative", label="A/RES/64/12, operative paragraph 10",
                    text=text, score=0.83, highlight=span)
    defaults.update(kw)
    return Citation(**defaults)


def test_escape_makes_markup_and_markdown_inert():
    out = escape('<img src=x onerror=alert(1)> *bold* _x_ [a](b) `c` $1$ #h')
    assert "<" not in out.replace("<br>", "") and ">" not in out.replace("<br>", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    for char in "*_[]`$":
        assert char not in out
    assert out.endswith("&#35;h")


def test_highlight_marks_exactly_the_span_and_escapes_around_it():
    text = "a <b> Qatar & co"
    out = highlight(text, (6, 11))
    assert out == "a &lt;b&gt; <mark>Qatar</mark> &amp; co"


def test_highlight_out_of_range_or_empty_span_marks_nothing():
    assert "<mark>" not in highlight("abc", (5, 9))
    assert "<mark>" not in highlight("abc", (2, 2))
    assert highlight("abc", (1, 99)) == "a<mark>bc</mark>"


def test_answered_shows_best_clause_bold_label_and_collapsed_sources():
    best = citation()
    other = citation(unit="op3", label="A/RES/64/12, operative paragraph 3", text="Requests the <b>report</b>;",
                     span=(0, 8), score=0.41, footnotes=(FootnoteRef("fn8", "A/RES/64/12, footnote 8", "A/61/581, annex."),))
    messages = answer_messages(Answer("q", True, "", (best, other)))
    assert len(messages) == 2
    first = messages[0]["content"]
    assert "<strong><code>A/RES/64/12, operative paragraph 10</code></strong>" in first
    assert "<mark>Qatar</mark>" in first
    sources = messages[1]
    assert sources["metadata"]["status"] == "done" and sources["metadata"]["title"].startswith("Sources")
    assert "operative paragraph 3" in sources["content"] and "score 0.41" in sources["content"]
    assert "&lt;b&gt;report&lt;/b&gt;" in sources["content"] and "<b>" not in sources["content"]
    assert "A/RES/64/12, footnote 8" in sources["content"] and "A/61/581, annex." in sources["content"]
    assert citation_to_copy(Answer("q", True, "", (best, other))) == best.label


def test_footnote_hit_shows_the_paragraphs_that_cite_it():
    fn = citation(unit="fn8", kind="footnote", label="A/RES/64/12, footnote 8", text="A/61/581, annex.", span=(0, 8),
                  cited_by=(ClauseRef("op3", "A/RES/64/12, operative paragraph 3"),))
    content = answer_messages(Answer("q", True, "", (fn,)))[0]["content"]
    assert "Cited by" in content and "operative paragraph 3" in content


def test_unanswered_says_so_and_lists_closest_passages_not_as_an_answer():
    messages = answer_messages(Answer("q", False, "", (citation(), citation(unit="op3"))))
    assert NOT_ADDRESSED in messages[0]["content"]
    assert "<mark>" not in messages[0]["content"]
    assert messages[1]["metadata"]["title"].startswith("Closest passages")
    assert citation_to_copy(Answer("q", False, "", (citation(),))) == ""


def test_unanswered_without_passages_and_user_text_escaped():
    messages = answer_messages(Answer("q", False, "", ()))
    assert len(messages) == 1 and NOT_ADDRESSED in messages[0]["content"]
    assert user_message("<script>x</script>")["content"] == "&lt;script&gt;x&lt;/script&gt;"


def test_abstention_says_not_addressed_once_and_gives_the_reason():
    message = ("The resolution does not address this: the question names Iran, which the document does "
               "not mention. These are the closest passages.")
    content = answer_messages(Answer("q", False, message, (citation(),)))[0]["content"]
    assert content.count("does not address") == 1
    assert "The question names Iran, which the document does not mention." in content
    plain = answer_messages(Answer("q", False, "The resolution does not address this. These are the closest "
                                                "passages.", (citation(),)))[0]["content"]
    assert plain.count("does not address") == 1 and "closest passages" in plain


def test_text_is_escaped_once_whatever_it_holds():
    # one pass: the "#" of an apostrophe's entity is not escaped again (it showed as "&#x27;")
    assert escape("the Secretary-General's report") == "the Secretary-General&#39;s report"
    assert escape('"Côte d\'Ivoire" & <x> #1') == "&quot;Côte d&#39;Ivoire&quot; &amp; &lt;x&gt; &#35;1"
    assert "&&#35;" not in escape("'\"&<>#*") and "&amp;#" not in escape("'\"&<>#*")
    assert user_message("it's")["content"] == "it&#39;s"


def test_with_links_citations_and_references_open_the_document_view():
    from qa.references import ReferenceResolver
    from ui.links import ChatLinks

    links = ChatLinks("http://h", ReferenceResolver(["S/RES/661 (1990)", "S/RES/662 (1990)"]), {})
    best = citation(doc="S/RES/662 (1990)", unit="pp1", label="S/RES/662 (1990), preambular paragraph 1",
                    text="Recalling its resolutions 660 (1990) and 661 (1990),", span=(0, 9),
                    footnotes=(FootnoteRef("fn1", "S/RES/662 (1990), footnote 1", "S/21470."),))
    content = answer_messages(Answer("q", True, "", (best,)), links)[0]["content"]
    assert '<a class="qa-open" href="http://h/doc/S-RES-662-1990#pp1"' in content
    assert '<a href="http://h/doc/S-RES-661-1990" class="qa-open qa-ref" title="Read S/RES/661 (1990)">661 (1990)</a>' \
        in content
    assert "S-RES-660" not in content  # not indexed: plain text
    assert 'href="http://h/doc/S-RES-662-1990#fn1"' in content  # the footnote too
    assert '<a class="qa-share" href="http://h/?q=q">Link to this answer</a>' in content


def test_a_follow_up_answer_says_where_it_was_asked_and_how_to_undo_it():
    from qa.references import ReferenceResolver
    from ui.links import ChatLinks

    links = ChatLinks("http://h", ReferenceResolver([]), {})
    content = answer_messages(Answer("When was it adopted?", True, "", (citation(),)), links,
                              scope="A/RES/64/12")[0]["content"]
    assert content.startswith('<p class="qa-scope"><small>In A/RES/64/12, the resolution of the previous answer · '
                              '<a class="qa-search-all" href="http://h/?q=When%20was%20it%20adopted%3F">')
    # its own link reproduces it: asked in that resolution
    assert 'class="qa-share" href="http://h/?q=When%20was%20it%20adopted%3F&amp;doc=A%2FRES%2F64%2F12"' in content
