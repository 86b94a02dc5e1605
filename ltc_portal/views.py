"""Site-wide views: the site search, and the server-error page."""

from itertools import groupby

from django.http import HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse

from core.paging import paginate
from core.text import one_line, search_words

from .models import ConcernSettings
from .search import KINDS, record_search, site_search

RESULTS_PER_PAGE = 10


def search(request):
    """Pages, materials, organisations, people and meetings this visitor may see, grouped by
    kind, editors' recommendations first; `kind` narrows the list to one kind."""
    # Shown as typed (on one line); searched as plain words, which no backend misreads.
    query = one_line(request.GET.get("q", "")).strip()[:200]
    words = search_words(query)
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    context = {"search_query": query, "kind": kind}
    if query and not words:
        # Only punctuation: nothing to search for, and nothing found.
        context.update(paginate(request, [], RESULTS_PER_PAGE), groups=[], kinds=[])
    elif words:
        found = site_search(query, words, request, kind=kind)
        context.update(paginate(request, found["results"], RESULTS_PER_PAGE))
        labels = {source.kind: source.label for source in found["sources"]}
        context.update(
            results=context["page_obj"].object_list,
            groups=[
                {"kind": kind_, "label": labels[kind_], "hits": list(hits)}
                for kind_, hits in groupby(context["page_obj"].object_list, lambda h: h.kind)
            ],
            kinds=[
                {"kind": source.kind, "label": source.label, "count": source.total}
                for source in found["sources"]
                if source.kind in KINDS
            ],
        )
        if context["page_obj"].number == 1 and not kind:
            record_search(words, found["sources"])
    return TemplateResponse(request, "ltc_portal/search.html", context)


def server_error(request):
    """The 500 page, with the concern panel from its defaults: the database may be the fault."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"concern": ConcernSettings()}))
