"""An LCT page's own training figures, from the same function as the county's coverage page."""

from django import template

from core.privacy import viewable_by

from ..charts import district_charts
from ..coverage import area_figures
from ..models import CoveragePage

register = template.Library()


@register.inclusion_tag("training/includes/lct_coverage.html", takes_context=True)
def lct_coverage(context, partnership):
    """Aggregates only: counts of organisations and drivers, never a name or an organisation."""
    if partnership.area_id is None:
        return {"figures": None}
    request = context.get("request")
    figures = area_figures(partnership.area)
    user = getattr(request, "user", None)
    coverage_page = viewable_by(CoveragePage.objects.live(), user, request).first()
    return {
        "figures": figures,
        "charts": district_charts(figures),
        "coverage_page_url": coverage_page.get_url(request) if coverage_page else None,
    }
