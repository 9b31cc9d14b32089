"""Pages of long lists: counted no further than needed, and read in two steps.

- `CappedPaginator` counts only as far as the requested page, one page beyond, and at least
  `COUNT_CAP` rows: up to 10,000 a page says exactly how many rows it found, beyond that
  "meer dan 10.000" (an honest lower bound, not an estimate that could be wrong). A first page
  that is not full is its own count.
- `read_in_two_steps` reads rows of a list ordered across joined tables first as ids only,
  then those rows whole: the database sorts narrow rows instead of every joined column.
- `first_rows_of_each` reads the first rows of many groups (each its own sliced queryset) in
  one query.
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from koers.core.numbers import parse_positive_int

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    def __init__(self, *args, cap: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cap is not None:
            self.cap = cap
        self.wanted = 1

    def get_page(self, number):
        self.wanted = parse_positive_int(str(number or 1)) or 1
        if number in (None, "", 1, "1"):
            return self.page(1)  # without counting first (see `page`)
        return super().get_page(number)

    def page(self, number):
        self.wanted = max(self.wanted, parse_positive_int(str(number or 1)) or 1)
        if str(number) != "1" or not hasattr(self.object_list, "order_by"):
            return super().page(number)
        # The first page is read before counting: when it is not full, it is the count, and a
        # list where few rows match (the database may read every row to find them) is read
        # once instead of twice.
        head = list(self.object_list[: self.per_page + 1])
        if len(head) <= self.per_page:
            self.found(len(head))
        self.validate_number(1)
        return self._get_page(head[: self.per_page], 1, self)

    def found(self, count: int) -> None:
        """Take `count` as the number of rows, known from rows already read (a last page and
        what is before it), instead of counting them again."""
        self.__dict__["count"] = count

    @cached_property
    def limit(self) -> int:
        """How many rows to count: to the end of the page after the requested one, at least
        `cap`, and one more to know whether there are more than that."""
        return max(self.cap, (self.wanted + 1) * self.per_page) + 1

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if hasattr(object_list, "order_by"):
            return object_list.order_by()[: self.limit].count()
        return min(len(object_list), self.limit)

    @cached_property
    def capped(self) -> bool:
        """More rows match than were counted: `count` is a lower bound."""
        return self.count >= self.limit

    @property
    def shown_count(self) -> int:
        """What a page may say: "meer dan" this number when `capped`."""
        return self.limit - 1 if self.capped else self.count


def read_in_two_steps(queryset, start: int, stop: int, whole=None) -> list:
    """Rows `start` to `stop` of `queryset` (ordered), read as their ids first (in order,
    without the joined columns) and then whole: two queries whose cost follows the rows asked
    for, where one wide query sorts every matching row with all its joined columns.

    `whole` (a queryset of the same model) reads them whole where that is cheaper than
    `queryset` with all its conditions: the ids already meet them, and a costly one (a word
    search) would be evaluated again for a page of rows."""
    ids = list(queryset.values_list("pk", flat=True)[start:stop])
    found = (queryset if whole is None else whole).filter(pk__in=ids).order_by()
    by_id = {row.pk: row for row in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def page_in_two_steps(page):
    """`page` (of a Paginator over an ordered QuerySet) with its rows read in two steps."""
    start = (page.number - 1) * page.paginator.per_page
    page.object_list = read_in_two_steps(
        page.paginator.object_list, start, start + page.paginator.per_page
    )
    return page


def first_rows_of_each(querysets: dict) -> dict[object, list[tuple]]:
    """{key: rows of its queryset} for querysets that are each sliced and ordered (`values_list`
    rows), read in one query: the slices joined by UNION ALL.

    The way to read the first rows of many groups: each part walks an index from the top of
    its group and stops at its slice, where a window function (ROW_NUMBER over the groups)
    numbers every row of every group before the few wanted are kept. Django does not combine
    sliced querysets on SQLite, so the parts are joined here, each as a subquery of its own.
    """
    keys = list(querysets)
    found: dict[object, list[tuple]] = {key: [] for key in keys}
    parts, params = [], []
    for number, key in enumerate(keys):
        try:
            sql, part_params = querysets[key].query.sql_with_params()
        except EmptyResultSet:
            continue  # a queryset that can hold no rows (`none()`) adds no part
        parts.append(f"SELECT {number} AS koers_part, part{number}.* FROM ({sql}) part{number}")
        params.extend(part_params)
    if not parts:
        return found
    with connections[querysets[keys[0]].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for row in cursor.fetchall():
            found[keys[row[0]]].append(tuple(row[1:]))
    return found
