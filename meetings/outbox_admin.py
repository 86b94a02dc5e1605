"""The meeting email outbox in the admin: what went to whom and when, read-only.

County administrators see every message; a coordinator only those about their own area's
meetings (`meetings.permissions.OutboxPermissionPolicy`); another area's are not found, by
address either. Messages are deleted after `KEEP_OUTBOX` by `manage.py meeting_outbox`.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OutboxMessage


class OutboxIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).order_by("-created_at", "-pk")


class OutboxInspectView(generic.InspectView):
    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", instance
        ):
            raise Http404
        return instance

    def get_body_display_value(self):
        """The text as sent, less the member's own link: it would let whoever reads the outbox
        change that member's choice for every partnership they sit on."""
        body = self.object.body
        if self.object.choice_url:
            body = body.replace(self.object.choice_url, str(_("[the member's own link]")))
        return body


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Meeting emails")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    #: Nobody adds or changes a message (the policy refuses); the generic views need a form.
    form_fields: list[str] = []
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    list_display = [
        "subject",
        "recipient",
        "kind",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "area"]
    search_fields = ["recipient", "subject", "meeting_title"]
    inspect_view_fields = [
        "subject",
        "recipient",
        "meeting_title",
        "area",
        "kind",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "body",
    ]
