"""The coordinator's queue of suggested changes in the admin.

Each coordinator lists, opens and marks done only the suggestions about their own area (the
policy in `directory.permissions.SuggestionPermissionPolicy`); another area's are not found,
by URL either. Marking one done records who and when, erases the suggester's email and writes
an entry in Wagtail's audit log.
"""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from .audit import DONE_ACTION
from .enums import SuggestionStatus
from .models import ChangeSuggestion, DirectoryPage


class InAreaObjectMixin:
    """A suggestion the user may not view is not found (404), whatever its address."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", instance
        ):
            raise Http404
        return instance


class SuggestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            ChangeSuggestion.objects.filter(
                pk__in=self.permission_policy.instances_user_has_any_permission_for(
                    self.request.user, ["view"]
                ).values("pk")
            )
            .select_related("organisation", "partnership", "area", "handled_by")
            .order_by("status", "-created_at", "-pk")
        )


class SuggestionEditView(InAreaObjectMixin, generic.EditView):
    def save_instance(self):
        instance = self.form.instance
        was_open = ChangeSuggestion.objects.filter(
            pk=instance.pk, status=SuggestionStatus.OPEN
        ).exists()
        if instance.status == SuggestionStatus.DONE and was_open:
            instance.mark_done(self.request.user)
        elif instance.status == SuggestionStatus.OPEN:
            instance.handled_by = None
            instance.handled_at = None
        saved = super().save_instance()
        if saved.status == SuggestionStatus.DONE and was_open:
            log(instance=saved, action=DONE_ACTION, user=self.request.user)
        return saved


class SuggestionDeleteView(InAreaObjectMixin, generic.DeleteView):
    pass


class SuggestionHistoryView(InAreaObjectMixin, history.HistoryView):
    pass


class SuggestionUsageView(InAreaObjectMixin, usage.UsageView):
    pass


class SuggestionSummaryPanel(Panel):
    """What the visitor said and about which page, read-only; the email only to whoever may
    open the suggestion (its area's coordinators and county administrators)."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            suggestion = self.instance
            directory = DirectoryPage.find_live()
            if suggestion.organisation_id and directory:
                page_url = directory.organisation_url(suggestion.organisation)
            elif suggestion.partnership_id:
                page_url = suggestion.partnership.url or ""
            else:
                page_url = ""
            return render_to_string(
                "directory/suggestions/admin_summary.html",
                {"suggestion": suggestion, "page_url": page_url},
            )


class ChangeSuggestionViewSet(ModelViewSet):
    model = ChangeSuggestion
    icon = "comment"
    menu_label = _("Suggested changes")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = SuggestionIndexView
    edit_view_class = SuggestionEditView
    delete_view_class = SuggestionDeleteView
    history_view_class = SuggestionHistoryView
    usage_view_class = SuggestionUsageView
    list_display = [
        Column("subject_name", label=_("About")),
        "area",
        "created_at",
        "status",
        "handled_by",
    ]
    list_filter = ["status", "area"]
    edit_handler = ObjectList(
        [
            SuggestionSummaryPanel(heading=_("The suggestion")),
            FieldPanel(
                "status",
                help_text=_(
                    "Mark it done once you have corrected the page (or found nothing wrong). "
                    "The suggester's email is then deleted."
                ),
            ),
        ]
    )
