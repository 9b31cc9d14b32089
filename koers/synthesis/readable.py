"""A theme's quotes and keywords as a reader may see them.

A run stores keywords and quotes per theme from all input it analysed, including input whose
author did not consent to publication; and input that moderation hides after the run stays in
what was stored. So nothing stored is shown as is: quotes are taken at read time from the input
the reader may read (`readable`, a Contribution QuerySet: `Contribution.objects.published()`
for the public, `visible_to(user, programme).visible()` on the synthesis pages), and a stored
keyword is shown only when it occurs in that input. A word that occurs only in hidden or
unpublished text therefore never reaches a reader who may not read that text.

Both read a fixed number of rows per theme (the members closest to the theme, along the index
of a theme's members by similarity), in one query for any number of themes.
"""

import re
from collections import defaultdict

from django.db.models import F, QuerySet

from koers.core.paging import first_rows_of_each
from koers.text.pipeline import quote

QUOTES = 5
# Members read per theme to find its keywords in: the closest ones, where a theme's telling
# words are. A keyword not found among them is left out rather than shown unchecked.
KEYWORD_SAMPLE = 200


def _closest_texts(theme_ids, readable: QuerySet, per_theme: int) -> dict[int, list[str]]:
    """{theme id: texts of its readable members, closest to the theme first}: for each theme
    the first `per_theme` along the index of its members by similarity, in one query."""
    closest = {
        theme_id: readable.filter(theme_assignment__theme_id=theme_id)
        .order_by(
            F("theme_assignment__similarity").desc(nulls_last=True),
            "theme_assignment__contribution_id",
        )
        .values_list("text")[:per_theme]
        for theme_id in dict.fromkeys(theme_ids)
    }
    texts: dict[int, list[str]] = defaultdict(list)
    for theme_id, rows in first_rows_of_each(closest).items():
        texts[theme_id] = [text for (text,) in rows]
    return texts


def readable_quotes(theme, readable: QuerySet, n: int = QUOTES) -> list[str]:
    """Up to `n` distinct quotes (salutation and signature cut) from readable members."""
    found: list[str] = []
    for text in _closest_texts([theme.pk], readable, n * 2)[theme.pk]:
        text = quote(text)
        if text and text not in found:
            found.append(text)
        if len(found) == n:
            break
    return found


def readable_texts(themes, readable: QuerySet) -> dict[int, list[str]]:
    """{theme id: texts of its closest readable members}, in one query, for the two below."""
    return _closest_texts([t.pk for t in themes], readable, KEYWORD_SAMPLE)


def readable_summaries(themes, texts: dict[int, list[str]]) -> dict[int, str]:
    """{theme id: the sentences of its stored summary that a readable member wrote}. A summary
    is taken from all input a run saw; a sentence from hidden or unpublished input is left out."""
    out = {}
    for theme in themes:
        found = [re.sub(r"\s+", " ", t) for t in texts.get(theme.pk, ())]
        out[theme.pk] = " ".join(
            s for s in (theme.summary or "").split("\n") if s and any(s in t for t in found)
        )
    return out


def readable_keywords(
    themes, readable: QuerySet, texts: dict[int, list[str]] | None = None
) -> dict[int, list[str]]:
    """{theme id: its stored keywords that occur in its readable members}, in stored order."""
    themes = list(themes)
    if texts is None:
        texts = readable_texts(themes, readable)
    out = {}
    for theme in themes:
        joined = "\n".join(texts.get(theme.pk, ())).lower()
        out[theme.pk] = [
            word
            for word in theme.keywords
            if joined and re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", joined)
        ]
    return out
