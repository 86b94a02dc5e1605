"""The admin dashboard's "Your district" panel: whose district this is and what needs them.

It tells a coordinator which district they look after (their coordinators group's area, the
same as `directory.permissions` uses), lists their LCT's meetings this month, and, for those
who edit materials (headteacher group editors, approvers, administrators), the materials
awaiting approval and those whose review is due. A fixed number of queries, however many.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from directory.audit import own_detail_changes
from directory.enums import PartnershipKind
from directory.models import Area, ChangeSuggestion, PartnershipPage
from directory.permissions import editable_areas, is_county_administrator
from meetings.listing import meetings_with_partnerships, occurrences_of
from meetings.models import MeetingPage
from resources.models import ResourceIndexPage, ResourcePage
from resources.reports import due_for_review

#: At most this many materials are listed under each heading; the rest are counted.
LISTED = 5


def month_bounds(now):
    """The start of this month and of the next, in local time."""
    first = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def meetings_this_month(user, now):
    """Occurrences this month of live meetings under the LCT pages of the user's areas."""
    lcts = PartnershipPage.objects.filter(kind=PartnershipKind.LCT, area__coordinators__user=user)
    under = MeetingPage.objects.live().descendant_of_any(lcts.only("path", "depth"))
    start, end = month_bounds(now)
    return occurrences_of(meetings_with_partnerships(under), start=start, end=end)


def edits_materials(user):
    library = ResourceIndexPage.objects.first()
    return library is not None and library.permissions_for_user(user).can_edit()


def listed(queryset):
    """The first few of `queryset`, and how many more there are (two queries, always)."""
    total = queryset.count()
    return {"items": list(queryset[:LISTED]), "more": max(total - LISTED, 0)}


class DistrictPanel(Component):
    """The signed-in editor's district and what needs them there."""

    name = "district"
    template_name = "ltc_portal/admin/district_panel.html"
    #: First on the dashboard, before Wagtail's own panels.
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        now = timezone.now()
        context = {
            "every_district": is_county_administrator(user),
            "areas": list(Area.objects.filter(coordinators__user=user).order_by("name")),
            "meetings": meetings_this_month(user, now),
            "month": timezone.localtime(now),
            "materials": edits_materials(user),
        }
        if context["materials"]:
            awaiting = ResourcePage.objects.filter(
                _specific_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS
            ).order_by("title")
            context["awaiting"] = listed(awaiting)
            context["review_due"] = listed(due_for_review(today=now.date()))
            context["review_report_url"] = reverse("resources_review_report")
        looks_after = context["every_district"] or context["areas"]
        if looks_after:
            context["open_suggestions"] = (
                ChangeSuggestion.objects.open().in_areas(editable_areas(user)).count()
            )
            context["suggestions_url"] = reverse("change_suggestions:index") + "?status=open"
            context["own_detail_changes"] = own_detail_changes(user, now)
        context["shown"] = bool(looks_after or context["materials"])
        context["heading"] = _("Your district") if looks_after else _("What needs you")
        return context
