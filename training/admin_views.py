"""Training in the admin beyond the snippets: the certificate list upload (the same import and
report as `import_certificates`) and a coordinator's training gaps with one-click reminders,
each limited to the editor's own districts."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.models import Organisation
from directory.permissions import editable_areas

from .certificates import ImportFileError
from .coverage import COUNTED_AUDIENCE, NEVER, gaps, organisation_statuses
from .enums import Status
from .importing import import_certificates
from .reminders import reminded_on, send_reminder

#: Larger than any provider's list for one county; a bigger upload is refused, not read.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportCertificatesForm(forms.Form):
    file = forms.FileField(
        label=_("Certificate list (CSV)"),
        help_text=_(
            "Columns: Course, Date, URN or Organisation; optionally Number trained and Name."
        ),
    )
    dry_run = forms.BooleanField(label=_("Dry run: report only, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB. Split it and try again."))
        return upload


class ImportCertificatesView(WagtailAdminTemplateMixin, FormView):
    """For whoever may add training records: rows outside their districts are refused."""

    form_class = ImportCertificatesForm
    template_name = "training/admin/import_certificates.html"
    page_title = _("Import training records")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("training.add_trainingrecord"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = import_certificates(
                data["file"].read(),
                reference=data["file"].name,
                user=self.request.user,
                dry_run=data["dry_run"],
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, report=report))


class CoverageGapsView(WagtailAdminTemplateMixin, TemplateView):
    """A coordinator's schools and youth groups not covered or expiring, soonest first, each
    with a one-click reminder to its DSL; a county administrator sees every district."""

    template_name = "training/admin/coverage_gaps.html"
    page_title = _("Training gaps")
    header_icon = "warning"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("training.view_trainingrecord"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = editable_areas(self.request.user)
        scope = Q() if areas.every else Q(area__in=areas.ids)
        found = gaps(scope)
        page = Paginator(found, self.per_page).get_page(self.request.GET.get("p"))
        organisations = Organisation.objects.select_related("area", "dsl").in_bulk(
            [gap.organisation_id for gap in page]
        )
        context.update(
            {
                "page_obj": page,
                "rows": [(organisations[gap.organisation_id], gap) for gap in page],
                "count": len(found),
            }
        )
        return context


@require_POST
def send_reminder_view(request, pk):
    """Remind one organisation's DSL, if the organisation is in the editor's districts, has a
    gap (not trained, or expiring within 90 days) and has not been reminded today."""
    if not request.user.has_perm("training.view_trainingrecord"):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation.objects.select_related("dsl"), pk=pk)
    if organisation.area_id not in editable_areas(request.user):
        raise PermissionDenied
    audience = COUNTED_AUDIENCE.get(organisation.kind)
    if audience is None:
        raise Http404
    status, expiry = organisation_statuses([organisation])[organisation.pk][audience]
    if status == Status.IN_DATE:
        until = "" if expiry in (None, NEVER) else f" until {expiry.day} {expiry:%B %Y}"
        messages.error(
            request,
            _("%(organisation)s's CSE training is in date%(until)s: no reminder sent.")
            % {"organisation": organisation.name, "until": until},
        )
    elif reminded_on(organisation, timezone.localdate()):
        messages.error(
            request,
            _(
                "%(organisation)s has already been sent a reminder today: no reminder sent. "
                "At most one reminder goes to an organisation each day."
            )
            % {"organisation": organisation.name},
        )
    elif send_reminder(organisation, audience, status, expiry, user=request.user):
        messages.success(
            request,
            _("Reminder sent to %(name)s, DSL of %(organisation)s.")
            % {"name": organisation.dsl.name, "organisation": organisation.name},
        )
    else:
        messages.error(
            request,
            _("%(organisation)s has no DSL with an email address: add one in the directory.")
            % {"organisation": organisation.name},
        )
    return redirect(reverse("training_gaps"))


class SessionAttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Tick who came to a session; for whoever may edit it (its district's coordinators and
    county administrators). Ticking makes their training records (training.attendance)."""

    template_name = "training/admin/session_attendance.html"
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        from .sessions import TrainingSessionPage

        self.session = get_object_or_404(
            TrainingSessionPage.objects.select_related("course"), pk=kwargs["pk"]
        )
        if not self.session.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Attendance: %(title)s") % {"title": self.session.title}

    def get_context_data(self, **kwargs):
        from .bookings import Booking

        context = super().get_context_data(**kwargs)
        bookings = Booking.objects.filter(session=self.session).exclude(status="cancelled")
        context.update(
            {
                "session": self.session,
                "booked": bookings.filter(status="booked").select_related("organisation"),
                "waiting": bookings.filter(status="waiting").select_related("organisation"),
                "error": kwargs.get("error"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        from .attendance import AttendanceRefused, mark_attendance

        try:
            ids = {int(value) for value in request.POST.getlist("attended")}
            made, removed = mark_attendance(self.session, ids)
        except ValueError:
            return self.render_to_response(self.get_context_data(error=_("Not a booking.")))
        except AttendanceRefused as refused:
            return self.render_to_response(self.get_context_data(error=str(refused)))
        messages.success(
            request,
            _("Attendance saved: %(made)s training records made, %(removed)s removed.")
            % {"made": made, "removed": removed},
        )
        return redirect("training_session_attendance", pk=self.session.pk)
