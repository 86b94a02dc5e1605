"""Admin forms for meetings' records."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import ChosenDocumentsMixin
from directory.models import Membership

from .permissions import editable_meetings


class OccurrenceRecordForm(ChosenDocumentsMixin, WagtailAdminModelForm):
    """A record of one of the editor's own meetings; members are of that meeting's partnership.

    The choices are narrowed for the editor, and a forged POST naming another district's
    meeting or member is refused by the same querysets.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        meetings = editable_meetings(user) if user is not None else None
        if meetings is not None and "meeting" in self.fields:
            self.fields["meeting"].queryset = meetings.order_by("title")
        attendance = self.formsets.get("attendance")
        if attendance is not None and meetings is not None:
            members = Membership.objects.filter(
                page__in=self._partnership_ids(meetings)
            ).select_related("person", "page")
            for form in [*attendance.forms, attendance.empty_form]:
                form.fields["membership"].queryset = members
            base = attendance.form

            class MemberForm(base):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    self.fields["membership"].queryset = members

            attendance.form = MemberForm

    @staticmethod
    def _partnership_ids(meetings):
        from wagtail.models import Page

        paths = {meeting.path[: -Page.steplen] for meeting in meetings.only("path")}
        return Page.objects.filter(path__in=paths).values("pk")

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        attendance = self.formsets.get("attendance")
        if meeting is None or attendance is None:
            return cleaned
        partnership_id = meeting.get_parent().pk
        seen = set()
        for form in attendance.forms:
            data = getattr(form, "cleaned_data", None) or {}
            membership = data.get("membership")
            if not membership or data.get("DELETE"):
                continue
            if membership.page_id != partnership_id:
                form.add_error(
                    "membership", _("Choose a member of the partnership this meeting belongs to.")
                )
            if membership.pk in seen:
                form.add_error("membership", _("This member is already listed."))
            seen.add(membership.pk)
        return cleaned
