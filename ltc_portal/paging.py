"""One way to paginate a public list: a page of results, and the query to keep in page links."""

from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """Paginate `items` for this request; out-of-range or junk page numbers give a real page."""
    paginator = Paginator(items, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"paginator": paginator, "page_obj": page_obj, "querystring_base": params.urlencode()}
