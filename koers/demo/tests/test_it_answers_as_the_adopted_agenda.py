"""The demo's answers and trace are read in the response report of the adopted agenda: they name
the implementation agenda, never "the concept agenda" the council has since adopted."""

from ..texts import texts


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
