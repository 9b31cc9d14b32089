from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class LinkHeaderPagination(PageNumberPagination):
    """Page-number pagination that also announces first/prev/next/last in a Link header."""

    page_size_query_param = "pageSize"
    max_page_size = 500

    def get_paginated_response(self, data):
        links = []
        if self.page.has_previous():
            links.append(f'<{self.get_previous_link()}>; rel="prev"')
        if self.page.has_next():
            links.append(f'<{self.get_next_link()}>; rel="next"')
        headers = {"Link": ", ".join(links)} if links else {}
        headers["X-Total-Count"] = str(self.page.paginator.count)
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            },
            headers=headers,
        )
