"""Bar charts of the maturity pages: the mean score per group of one characteristic."""

import pygal
from django.utils.safestring import SafeString

from .charts import HEIGHT, _draw


def group_chart(*, chart_id, title, description, labels, means, maximum=None) -> SafeString:
    """One bar per group with its mean (the page puts the counts and means in a table)."""
    return _draw(
        pygal.HorizontalBar,
        labels,
        [("gemiddelde", means)],
        chart_id,
        title,
        description,
        height=max(HEIGHT // 2, 120 + 40 * len(labels)),
        show_legend=False,
        range=(0, maximum) if maximum else None,
        include_x_axis=True,
    )
