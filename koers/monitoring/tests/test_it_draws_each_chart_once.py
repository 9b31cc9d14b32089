"""A chart is a pure function of its inputs: the same chart with the same figures in the same
language is drawn once per process, and any change in them draws it anew."""

from django.utils import translation

from koers.monitoring import charts


def _chart(values, title="Voortgang"):
    return charts.line_chart(
        chart_id="verloop",
        title=title,
        description="Lijndiagram.",
        labels=["2016-Q4", "2017-Q1"],
        series=[("Programma", values)],
        y_title="percentage gereed",
    )


def test_the_same_chart_is_drawn_once_and_a_different_one_anew(monkeypatch):
    charts._drawn.cache_clear()
    drawn = []
    render = charts._render

    def counting(*args, **kwargs):
        drawn.append(args)
        return render(*args, **kwargs)

    monkeypatch.setattr(charts, "_render", counting)
    first = _chart([40, None])
    assert _chart([40, None]) == first and len(drawn) == 1
    # Other figures, another title, another language: each a chart of its own.
    assert _chart([41, None]) != first
    assert _chart([40, None], title="Verloop") != first
    with translation.override("en"):
        _chart([40, None])
    # 40 and 40.0 are equal in Python but need not be on an axis: not taken for each other.
    _chart([40.0, None])
    assert len(drawn) == 5
    # The chart kept is the cleaned one: no style or script for the page to refuse.
    assert 'role="img"' in first and "<style" not in first and "<script" not in first


def test_the_cache_is_bounded():
    charts._drawn.cache_clear()
    for n in range(charts.CACHED_CHARTS + 5):
        _chart([n % 100, None], title=f"Voortgang {n}")
    assert charts._drawn.cache_info().currsize == charts.CACHED_CHARTS
