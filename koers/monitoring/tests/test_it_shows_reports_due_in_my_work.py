""" "Mijn werk" tells a contributor what their organisation has still to report in the latest
round, and the office and a family's coordinator who has not reported."""

from koers.accounts.work import my_work

from .helpers import report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def _lines(user):
    user.__dict__.pop("_koers_work_roles", None)
    return [
        (item.text, item.count, item.url)
        for section in my_work(user)
        for item in section.items
        if "/monitoring/" in item.url or item.url.endswith("/voortgang")
    ]


def test_it_lists_reports_due_until_they_are_made(monitored):
    world = monitored.world
    period = monitored.round.period
    assert _lines(world.contributor) == [
        (
            "Voortgang rapporteren over uitwerkingen zonder rapportage",
            1,
            f"/programmas/digitaal-2017/organisaties/{world.organisation.code}/voortgang",
        )
    ]
    assert _lines(world.office) == [
        (
            "Organisaties die nog niet over alles rapporteerden",
            2,
            f"/programmas/digitaal-2017/monitoring/rondes/{period}",
        )
    ]
    assert _lines(world.coordinator) == [
        (
            "Organisaties van uw familie die nog niet over alles rapporteerden",
            2,
            f"/programmas/digitaal-2017/monitoring/rondes/{period}/{world.family.slug}",
        )
    ]
    report(monitored.commitment, monitored.round, percent=40)
    assert _lines(world.contributor) == []
    assert [count for _text, count, _url in _lines(world.office)] == [1]
    assert [count for _text, count, _url in _lines(world.coordinator)] == [1]
    assert _lines(world.reviewer) == []
