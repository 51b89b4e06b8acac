from chat.markdown import render_markdown


def test_it_renders_markdown():
    html = render_markdown("**LDL** is *high*\n\n- diet\n- exercise")
    assert "<strong>LDL</strong>" in html
    assert "<li>diet</li>" in html


def test_no_raw_html_or_script_from_the_model_reaches_the_page():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_dropped():
    html = render_markdown("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert 'href="javascript' not in html
    assert 'href="https://example.org"' in html
    assert "noopener" in html
