"""Site-wide views: search over every page type, and the server-error page."""

from django.http import HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from wagtail.models import Page

from core.paging import paginate
from core.text import one_line, search_words

from .models import ConcernSettings

RESULTS_PER_PAGE = 10


def search(request):
    # Shown as typed (on one line); searched as plain words, which no backend misreads.
    query = one_line(request.GET.get("q", "")).strip()[:200]
    words = search_words(query)
    results = (
        Page.objects.live().public().specific().search(words) if words else Page.objects.none()
    )
    context = paginate(request, results, RESULTS_PER_PAGE)
    context.update(search_query=query, results=context["page_obj"].object_list)
    return TemplateResponse(request, "ltc_portal/search.html", context)


def server_error(request):
    """The 500 page, with the concern panel from its defaults: the database may be the fault."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"concern": ConcernSettings()}))
