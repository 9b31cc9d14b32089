"""Page numbers over the contribution list, which may hold a million rows.

Django's Paginator counts every row that matches (`SELECT COUNT(*)`) and skips rows with
OFFSET: on a consultation of a million contributions the count is most of a page's time, and
both grow with the table. Two parts replace it for the contribution list:

- `SeekPage` (keyset pagination): "volgende" and "vorige" seek from the last or first row shown
  through the date index, so following links costs the same on page 2 as on page 20,000 and
  input arriving meanwhile neither repeats nor skips a row. A page asked for by number alone
  (`?pagina=1000`, a bookmark) is read with OFFSET: its cost grows with its depth, never with
  the rows beyond it. The number travels in the links, so "pagina 3" stays meaningful.
- `CappedPaginator` (koers/core/paging.py) counts only as far as the requested page, one page
  beyond, and at least `COUNT_CAP` rows: up to 10,000 the page says exactly how many
  contributions it found, beyond that "meer dan 10.000" (an honest lower bound, not an estimate
  that could be wrong).
"""

import datetime
import re

from koers.core.numbers import parse_positive_int
from koers.core.paging import CappedPaginator, read_in_two_steps

CURSOR = re.compile(r"^(\d{1,20})-(\d{1,19})$")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


def cursor_of(contribution) -> str:
    """Where a row stands in the newest-first order: its moment in microseconds and its id."""
    return f"{(contribution.submitted_at - EPOCH) // MICROSECOND}-{contribution.pk}"


def _parse_cursor(raw) -> tuple[datetime.datetime, int] | None:
    match = CURSOR.match(raw or "")
    if not match:
        return None
    try:
        moment = EPOCH + int(match[1]) * MICROSECOND
    except OverflowError:
        return None
    pk = parse_positive_int(match[2])
    return (moment, pk) if pk else None


class SeekPage:
    """One page of a newest-first list (`-submitted_at`, `-pk`), reached by its number or by
    following "volgende"/"vorige" from a neighbouring page.

    Following a link seeks from the last (or first) row shown: the database reads the next rows
    straight from the date index, and a contribution that arrives meanwhile neither shifts a row
    onto the next page twice nor pushes one past unseen. Asking for a page by number alone
    (`?pagina=1000`) counts rows from the start, which costs what that depth costs and no more.
    The number stays in the links, so "pagina 3" still says where the reader is.
    """

    def __init__(self, queryset, per_page: int, params, whole=None):
        """`whole`: where a page's rows are read whole, once their ids are found in `queryset`
        (see `read_in_two_steps`)."""
        self.paginator = CappedPaginator(queryset, per_page)
        number = parse_positive_int(params.get("pagina") or "1") or 1
        after = _parse_cursor(params.get("na"))
        before = None if after else _parse_cursor(params.get("voor"))
        ordered = queryset.order_by("-submitted_at", "-pk")
        if after:
            moment, pk = after
            rows = list(
                ordered.filter(submitted_at__lte=moment).exclude(submitted_at=moment, pk__gte=pk)[
                    : per_page + 1
                ]
            )
            self.has_next_rows = len(rows) > per_page
            rows = rows[:per_page]
            self.has_earlier_rows = True
        elif before:
            moment, pk = before
            rows = list(
                ordered.reverse()
                .filter(submitted_at__gte=moment)
                .exclude(submitted_at=moment, pk__lte=pk)[: per_page + 1]
            )
            self.has_earlier_rows = len(rows) > per_page
            rows = rows[:per_page][::-1]
            self.has_next_rows = True
        else:
            # The rows counted off by number are read as ids first: the joined columns of a
            # thousand pages skipped are never looked up (SQLite joins every row it skips).
            offset = (number - 1) * per_page
            rows = read_in_two_steps(ordered, offset, offset + per_page + 1, whole)
            if not rows and number > 1:  # past the end: show the last page, as get_page does
                self.paginator.wanted = number
                number = max(1, -(-self.count_only() // per_page))
                offset = (number - 1) * per_page
                rows = read_in_two_steps(ordered, offset, offset + per_page + 1, whole)
            self.has_next_rows = len(rows) > per_page
            if not self.has_next_rows and (rows or number == 1):
                # The last page counts what is before it and on it: no need to count again
                # (a search in a date range that finds nothing searched twice on SQLite).
                self.paginator.found(offset + len(rows))
            rows = rows[:per_page]
            self.has_earlier_rows = number > 1
        if not self.has_earlier_rows:
            number = 1
        elif number < 2:
            number = 2  # a cursor with a page number lost on the way: not the first page
        self.number = number
        self.paginator.wanted = number
        self.object_list = rows

    def count_only(self) -> int:
        return self.paginator.count

    def has_next(self) -> bool:
        return self.has_next_rows and bool(self.object_list)

    def has_previous(self) -> bool:
        return self.has_earlier_rows

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_cursor(self) -> str:
        return cursor_of(self.object_list[-1]) if self.object_list else ""

    @property
    def previous_cursor(self) -> str:
        return cursor_of(self.object_list[0]) if self.object_list else ""

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)
