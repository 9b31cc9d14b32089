import functools

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from koers.core.numbers import MAX_ID, parse_positive_int
from koers.core.paging import page_in_two_steps


class CountedPaginator(Paginator):
    """A paginator told how many rows there are by its view: a count kept elsewhere (the tally),
    or one without the joins of the list's columns. Counting a million rows takes seconds.
    Its lists are long, so a page is read as ids first: the joined columns of the pages before
    it are never looked up."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count

    def page(self, number):
        page = super().page(number)
        return page_in_two_steps(page) if hasattr(self.object_list, "order_by") else page


class LinkHeaderPagination(PageNumberPagination):
    """Page-number pagination that also announces first/prev/next/last in a Link header (RFC 8288).

    A malformed `page` or `pageSize` is the client's mistake and answers 400; a page past the end
    is a resource that does not exist and answers 404. A view whose `known_count()` answers a
    number is paged on that number instead of a count of its rows.
    """

    page_size_query_param = "pageSize"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        known = getattr(view, "known_count", None)
        count = known() if known is not None else None
        if count is not None:
            self.django_paginator_class = functools.partial(CountedPaginator, count=count)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = parse_positive_int(raw, maximum=self.max_page_size)
        if size is None:
            raise ValidationError(
                {
                    self.page_size_query_param: _("Geef een geheel getal van 1 tot en met %(max)d.")
                    % {"max": self.max_page_size}
                }
            )
        return size

    def get_page_number(self, request, paginator):
        # Not DRF's own reading, which takes an empty `page` for page 1: the document says
        # an integer from 1, so an empty value is refused like any other that is not one.
        number = request.query_params.get(self.page_query_param, "1")
        if number in self.last_page_strings:
            return paginator.num_pages
        if parse_positive_int(number) is None:
            raise ValidationError(
                {self.page_query_param: _("Geef een paginanummer: een geheel getal vanaf 1.")}
            )
        return number

    def get_first_link(self):
        return remove_query_param(self.request.build_absolute_uri(), self.page_query_param)

    def get_last_link(self):
        return replace_query_param(
            self.request.build_absolute_uri(),
            self.page_query_param,
            self.page.paginator.num_pages,
        )

    def get_link_header(self) -> str:
        links = [(self.get_first_link(), "first")]
        if self.page.has_previous():
            links.append((self.get_previous_link(), "prev"))
        if self.page.has_next():
            links.append((self.get_next_link(), "next"))
        links.append((self.get_last_link(), "last"))
        return ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links)

    def get_paginated_response(self, data):
        count = self.page.paginator.count
        return Response(
            {
                "count": count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            },
            headers={"Link": self.get_link_header(), "X-Total-Count": str(count)},
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": MAX_ID})
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    {"minimum": 1, "maximum": self.max_page_size, "default": self.page_size}
                )
        return parameters

    def get_paginated_response_schema(self, schema):
        def link(description: str, page: int) -> dict:
            return {
                "type": "string",
                "format": "uri",
                "nullable": True,
                "description": description,
                "example": f"https://koers.example.org/api/v1/organisations?page={page}",
            }

        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "The number of items over all pages.",
                    "example": 342,
                },
                "next": link("The next page; null on the last.", 4),
                "previous": link("The previous page; null on the first.", 2),
                "results": schema,
            },
        }
