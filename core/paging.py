"""One way to paginate a public list: a page of results, and the query to keep in page links.

Page links follow the GOV.UK pattern: Previous, the first page, an ellipsis, the pages either
side of the current one, an ellipsis, the last page, Next; never a link for every page, so a
list of 2,000 pages costs a handful of links.
"""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

# Pages shown either side of the current one, and at each end, before an ellipsis.
ON_EACH_SIDE = 1
ON_ENDS = 1
#: The request attribute holding the number of the page of results shown (for the page cache).
SHOWN_ATTRIBUTE = "page_number_shown"


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int
) -> dict[str, Any]:
    """Paginate `items` for this request; out-of-range or junk page numbers give a real page.

    `page_numbers` holds the page numbers to link, with `Paginator.ELLIPSIS` where pages are
    left out."""
    paginator = Paginator(items, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    setattr(request, SHOWN_ATTRIBUTE, page_obj.number)
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "paginator": paginator,
        "page_obj": page_obj,
        "page_numbers": list(
            paginator.get_elided_page_range(
                page_obj.number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
            )
        ),
        "querystring_base": params.urlencode(),
    }
