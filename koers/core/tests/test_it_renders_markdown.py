from django.template import Context, Template

from ..markdown import render_markdown


def test_it_renders_markdown():
    html = render_markdown("Alle diensten **digitaal**.\n\n- DigiD\n- eHerkenning")
    assert "<strong>digitaal</strong>" in html
    assert "<li>DigiD</li>" in html


def test_it_removes_script_tags_and_their_content():
    html = render_markdown("Hallo <script>alert('x')</script> wereld")
    assert "<script" not in html
    assert "alert" not in html
    assert "Hallo" in html and "wereld" in html


def test_it_removes_javascript_links_and_event_handlers():
    html = render_markdown(
        '[klik](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">ook</a> '
        '<img src="x" onerror="alert(3)"> <p onclick="alert(4)" style="color:red">tekst</p>'
    )
    assert "javascript" not in html.lower()
    assert "onerror" not in html and "onclick" not in html and "style" not in html
    assert "<img" not in html


def test_it_gives_links_rel_noopener():
    html = render_markdown("[MijnOverheid](https://mijn.overheid.nl)")
    assert '<a href="https://mijn.overheid.nl" rel="noopener">MijnOverheid</a>' in html


def test_it_lowers_top_level_headings_below_the_page_outline():
    html = render_markdown("# Groot\n\n## Middel\n\n### Klein")
    assert "<h1" not in html and "<h2" not in html
    assert html.count("<h3>") == 3


def test_it_is_a_template_filter():
    rendered = Template("{% load koers_markdown %}{{ text|markdown }}").render(
        Context({"text": "*schuin* <b onmouseover=x>vet</b>"})
    )
    assert "<em>schuin</em>" in rendered
    assert "<b>vet</b>" in rendered


def test_it_renders_nothing_for_empty_text():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
