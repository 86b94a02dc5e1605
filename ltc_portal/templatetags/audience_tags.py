"""The home page's “I am a …” entry points, one for each live audience page."""

from django import template

from core.privacy import viewable_by
from ltc_portal.models import AudiencePage

register = template.Library()


@register.inclusion_tag("ltc_portal/includes/audience_links.html", takes_context=True)
def audience_links(context):
    request = context["request"]
    home = context["page"]
    pages = AudiencePage.objects.child_of(home).live()
    return {"audiences": viewable_by(pages, request.user, request), "request": request}
