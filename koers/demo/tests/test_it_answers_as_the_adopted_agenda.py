"""The demo's answers and trace are read in the response report of the adopted agenda: they name
the implementation agenda, never "the concept agenda" the council has since adopted. The adopted version's own title and
introduction read as adopted, and the office's texts use the glossary's words."""

import re

from ..texts import DATA, markdown, texts


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_no_answer_calls_the_agenda_a_concept():
    answers = list(_strings(texts("response")))
    assert len(answers) > 40
    assert [a for a in answers if "conceptagenda" in a.lower()] == []


def test_no_change_in_the_trace_calls_the_agenda_a_concept():
    agenda = texts("agenda")
    summaries = [
        item["summary"]
        for key, items in agenda.items()
        if key.startswith(("changed_", "added_", "removed_"))
        for item in items
        if "summary" in item
    ]
    assert summaries
    assert [s for s in summaries if "conceptagenda" in s.lower()] == []


# What the adopted version itself says: its title and introduction (koers/demo/council.py).
ADOPTED_TEXTS = {
    "title": lambda: texts("council")["adopted_title"],
    "introduction": lambda: markdown("adopted-introduction"),
}
# Words the adopted agenda must not use of itself: the concept it was, the glossary's variant for
# an alinea, and its state in its title (the state is shown beside the title).
NOT_IN_THE_ADOPTED_VERSION = re.compile(r"conceptagenda|\bparagra(af|fen)\b|vastgesteld$", re.I)


def test_the_adopted_version_speaks_of_itself_as_adopted():
    found = {
        name: NOT_IN_THE_ADOPTED_VERSION.findall(text().strip())
        for name, text in ADOPTED_TEXTS.items()
    }
    assert found == {name: [] for name in ADOPTED_TEXTS}
    assert "implementatieagenda" in markdown("adopted-introduction")


def test_the_programmes_own_texts_say_alinea():
    """The office's texts in the demo (introductions, minutes, agendas) use the glossary's word;
    the letters of citizens (contributions.yaml) are theirs to word."""
    written = sorted(DATA.glob("*.md"))
    assert len(written) >= 5
    found = [p.name for p in written if re.search(r"\bparagra(af|fen)\b", p.read_text(), re.I)]
    minutes = [g["minutes"] for g in texts("council")["general_items"]]
    assert found == [] and [m for m in minutes if "paragraaf" in m.lower()] == []


def test_the_council_minutes_name_no_count_of_reactions():
    """The demo can be loaded with fewer contributions: the minutes give no fixed number."""
    minutes = " ".join(g["minutes"] for g in texts("council")["general_items"])
    assert not re.search(r"(honderd|duizend|\d{3,})\w*\s+reacties", minutes, re.I)
