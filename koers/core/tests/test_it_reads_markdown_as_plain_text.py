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


def test_it_finds_a_passage_through_escapes_addresses_tags_and_entities():
    source = "Kosten \\*niet\\* gedekt, zie <https://example.org>.\nA &amp; B <br> klaar."
    start, end = find_visible(source, "Kosten *niet* gedekt")
    assert source[start:end] == "Kosten \\*niet\\* gedekt"
    start, end = find_visible(source, "zie https://example.org")
    assert source[start:end] == "zie <https://example.org>"
    start, end = find_visible(source, "A & B klaar.")
    assert source[start:end] == "A &amp; B <br> klaar."
    assert find_visible("\n\n# \n", "iets") is None
