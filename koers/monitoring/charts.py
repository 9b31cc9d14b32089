"""Charts drawn on the server by pygal, as inline SVG that reads without JavaScript.

pygal puts a style sheet and a script inside each chart; the Content-Security-Policy refuses
both in a page (no inline style, no inline script). They are taken out here and the charts are
styled by koers/static/koers/monitoring.css, which follows pygal's class names (`no_prefix`).
Each chart is an image for assistive technology (role="img"), named by its own <title> and
<desc>; the page puts a table with the same figures beside it.
"""

import functools
import xml.etree.ElementTree as ET

import pygal
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from pygal.style import Style

# Room for the axis labels without the legend eating the plot on a narrow screen: the legend
# goes under the chart, and the SVG scales down with its box (viewBox).
WIDTH, HEIGHT = 800, 400
NUMBER_FORMAT = "{:.0f}".format
MAX_X_LABELS = 10
# pygal reserves too little room under the last legend line (its estimate of a line's height
# is smaller than the text's): this much more, and a taller chart per extra line of legend, so
# the plot keeps its size and the last line is not cut off at the bottom of the SVG.
LEGEND_ROOM, LEGEND_LINE = 36, 22
# The width an x label may take: the plot's width and an axis label's character, in SVG units.
PLOT_WIDTH, CHAR_WIDTH = 640, 8


def _style() -> Style:
    # Only the sizes matter: colours and fonts come from the style sheet.
    return Style(font_family="inherit", label_font_size=13, legend_font_size=14, title_font_size=16)


def _clean(root: ET.Element, chart_id: str, title: str, description: str, variant: str) -> str:
    for parent in root.iter():
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if (
                not tag  # comments
                or tag in ("style", "script", "title", "desc")
                or "tooltip-overlay" in child.get("class", "")
            ):
                parent.remove(child)
        parent.attrib.pop("style", None)
    for name in ("id", "class"):
        root.attrib.pop(name, None)
    root.set("class", f"koers-chart__svg pygal-chart {variant}".strip())
    root.set("role", "img")
    root.set("focusable", "false")
    root.set("aria-labelledby", f"{chart_id}-titel {chart_id}-uitleg")
    desc = ET.Element("desc", id=f"{chart_id}-uitleg")
    desc.text = description
    head = ET.Element("title", id=f"{chart_id}-titel")
    head.text = title
    root.insert(0, desc)
    root.insert(0, head)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


# Drawn charts kept per process: a chart is a pure function of its inputs, and the same page
# asks for the same chart with the same figures again and again (pygal takes ~25 ms a chart).
# Bounded, so that a process that draws many different charts keeps only the recent ones.
CACHED_CHARTS = 128


def _frozen(value):
    """A hashable stand-in for a chart's input that keeps apart what pygal may draw differently
    (1, 1.0 and True are equal in Python, not on an axis); lazy translations as their text."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_frozen(v) for v in value))
    if isinstance(value, Promise):
        return ("str", str(value))
    hash(value)  # anything unhashable is refused here, not deep inside the cache
    return (type(value).__name__, value)


def _draw(kind, labels, series, chart_id, title, description, variant="", **options):
    """A chart of pygal's `kind` with the options every chart shares, as clean inline SVG; the
    same inputs in the same language give the chart drawn before."""
    try:
        key = _frozen(
            [labels, series, chart_id, title, description, variant, sorted(options.items())]
        )
    except TypeError:
        return _render(kind, labels, series, chart_id, title, description, variant, **options)
    return _drawn(kind, get_language(), key)


@functools.lru_cache(maxsize=CACHED_CHARTS)
def _drawn(kind, language, key) -> SafeString:
    # The key holds every input (see _draw); the language because pygal's configuration and the
    # texts around it are read in the active one.
    labels, series, chart_id, title, description, variant, options = _thawed(key)
    return _render(kind, labels, series, chart_id, title, description, variant, **dict(options))


def _thawed(value):
    kind, inner = value
    if kind in ("list", "tuple"):
        items = [_thawed(v) for v in inner]
        return items if kind == "list" else tuple(items)
    return inner


def _render(kind, labels, series, chart_id, title, description, variant="", **options):
    chart = kind(
        width=WIDTH,
        explicit_size=False,
        no_prefix=True,
        js=[],
        css=[],
        disable_xml_declaration=True,
        style=_style(),
        legend_at_bottom=True,
        margin_right=64,
        margin_bottom=LEGEND_ROOM,
        value_formatter=NUMBER_FORMAT,
        truncate_label=-1,
        truncate_legend=-1,
        no_data_text="",
        **options,
    )
    # Lazy translations become text: pygal writes its configuration as JSON.
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), values)
    tree = chart.render_tree()
    return mark_safe(_clean(tree, chart_id, str(title), str(description), variant))  # noqa: S308


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    y_title: str = "",
    maximum: float | None = 100,
) -> SafeString:
    """Lines over periods (`labels`), one per series; None is a gap (unknown), never 0."""
    # Many or long labels ("1e kwartaal 2016"): a label every so many, so they do not overlap.
    longest = max((len(str(label)) for label in labels), default=1)
    fit = max(2, min(MAX_X_LABELS, PLOT_WIDTH // (CHAR_WIDTH * longest)))
    return _draw(
        pygal.Line,
        labels,
        series,
        chart_id,
        title,
        description,
        height=HEIGHT + LEGEND_LINE * max(0, (len(series) + 1) // 2 - 1),
        legend_at_bottom_columns=2,
        range=(0, maximum) if maximum is not None else None,
        include_x_axis=maximum is not None,
        y_title=str(y_title),
        allow_interruptions=True,
        show_minor_x_labels=len(labels) <= fit,
        x_labels_major_every=max(1, -(-len(labels) // fit)),
        dots_size=4,
    )


def share_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    x_title: str = "",
    variant: str = "",
) -> SafeString:
    """Horizontal bars of 100 %, one per label (long names read on their own line), each split
    into the series' shares. `variant` is a class for colours that mean something."""
    return _draw(
        pygal.HorizontalStackedBar,
        labels,
        series,
        chart_id,
        title,
        description,
        variant,
        height=max(HEIGHT // 2, 120 + 48 * len(labels))
        + LEGEND_LINE * max(0, (len(series) + 2) // 3 - 1),
        legend_at_bottom_columns=3,
        range=(0, 100),
        x_title=str(x_title),
    )
