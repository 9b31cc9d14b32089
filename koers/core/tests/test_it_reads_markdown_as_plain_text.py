"""Markdown as a reader sees it: a plain line, and a passage copied from the page found back in
the Markdown that shows it."""

from koers.core.markdown import excerpt, find_visible, plain_text

SOURCE = "Op **taalniveau B1**, zie [tekst](https://example.org).\n\n- een\n- *twee*"


def test_it_strips_markup_to_a_line_or_to_lines():
    assert plain_text(SOURCE) == "Op taalniveau B1, zie tekst. een twee"
    assert plain_text(SOURCE, lines=True) == "Op taalniveau B1, zie tekst.\neen\ntwee"
    assert excerpt(SOURCE, 20) == "Op taalniveau B1 …"
    assert plain_text("a &amp; b <script>x</script>") == "a & b"


def test_it_finds_a_copied_passage_with_the_markup_around_it():
    start, end = find_visible(SOURCE, "taalniveau B1, zie\ntekst")
    assert SOURCE[start:end] == "**taalniveau B1**, zie [tekst](https://example.org)"
    start, end = find_visible(SOURCE, "een twee")
    assert SOURCE[start:end] == "een\n- *twee*"
    assert find_visible(SOURCE, "taalniveau B2") is None
    assert find_visible(SOURCE, "  ") is None
