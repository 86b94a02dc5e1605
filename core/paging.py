"""One way to paginate a public list: a page of results, and the query to keep in page links."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int
) -> dict[str, Any]:
    """Paginate `items` for this request; out-of-range or junk page numbers give a real page."""
    paginator = Paginator(items, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"paginator": paginator, "page_obj": page_obj, "querystring_base": params.urlencode()}
