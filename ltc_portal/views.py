"""Site-wide views: search over every page type, and the server-error page."""

from django.http import HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from wagtail.models import Page

from directory.text import one_line

from .models import ConcernSettings
from .paging import paginate

RESULTS_PER_PAGE = 10


def search(request):
    # Control characters mean nothing in a search, and PostgreSQL refuses NUL.
    query = one_line(request.GET.get("q", "")).strip()[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    context = paginate(request, results, RESULTS_PER_PAGE)
    context.update(search_query=query, results=context["page_obj"].object_list)
    return TemplateResponse(request, "ltc_portal/search.html", context)


def server_error(request):
    """The 500 page, with the concern panel from its defaults: the database may be the fault."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"concern": ConcernSettings()}))
