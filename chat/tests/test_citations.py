from chat.citations import link_citations, source_anchor


def link(html: str, numbers=frozenset({1, 2})) -> str:
    return link_citations(html, message_id=7, numbers=set(numbers))


def test_a_given_number_becomes_a_link_to_its_source():
    assert link("<p>High [2].</p>") == (
        '<p>High <a class="citation" href="#source-7-2" aria-label="Source 2">[2]</a>.</p>'
    )
    assert source_anchor(message_id=7, n=2) == "source-7-2"


def test_numbers_not_given_and_text_in_code_or_links_stay_as_they_are():
    html = '<p>[3] <code>a[1]</code> <pre>[2]</pre> <a href="https://x">[1]</a></p>'
    assert link(html) == html


def test_without_sources_nothing_changes():
    assert link("<p>[1]</p>", numbers=()) == "<p>[1]</p>"
