"""An LCT page's own training figures, from the same function as the county's coverage page."""

from django import template
from django.template.loader import render_to_string

from core.page_cache import for_anonymous
from core.privacy import viewable_by

from ..charts import district_charts
from ..coverage import SUPPRESSION_NOTE, area_figures
from ..models import CoveragePage

register = template.Library()


@register.simple_tag(takes_context=True)
def lct_coverage(context, partnership):
    """Aggregates only: counts of organisations and drivers, never a name or an organisation.
    Shown only to a viewer who may see the live coverage page (`viewable_by`): a private
    coverage page keeps the LCT pages' figures private too. Built once per content version for
    anonymous visitors (`for_anonymous`), as the page's other parts are."""
    if partnership.area_id is None:
        return ""
    request = context["request"]

    def render():
        user = getattr(request, "user", None)
        coverage_page = viewable_by(CoveragePage.objects.live(), user, request).first()
        if coverage_page is None:
            return ""
        figures = area_figures(partnership.area)
        return render_to_string(
            "training/includes/lct_coverage.html",
            {
                "request": request,
                "figures": figures,
                "charts": district_charts(figures),
                "suppression_note": SUPPRESSION_NOTE,
                "coverage_page_url": coverage_page.get_url(request),
            },
        )

    return for_anonymous(request, f"lct-coverage:{partnership.pk}", render)
