"""The school register upload in the admin (the same import and report as `import_schools`),
and the site history less other districts' directory records."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from .audit import entries_outside_areas
from .gias import MissingColumns
from .importing import default_local_authority, import_register


class ImportSchoolsForm(forms.Form):
    file = forms.FileField(label=_("GIAS CSV export"))
    la = forms.CharField(
        label=_("Local authority"), initial=default_local_authority, max_length=100
    )
    dry_run = forms.BooleanField(label=_("Dry run: report only, write nothing"), required=False)
    skip_invalid = forms.BooleanField(
        label=_("Write the valid rows even if some rows are invalid"), required=False
    )


class ImportSchoolsView(WagtailAdminTemplateMixin, FormView):
    """For administrators only: the register changes many organisations at once."""

    form_class = ImportSchoolsForm
    template_name = "directory/admin/import_schools.html"
    page_title = _("Import schools")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = import_register(
                data["file"],  # streamed: an uploaded file yields its lines
                la=data["la"],
                dry_run=data["dry_run"],
                skip_invalid=data["skip_invalid"],
            )
        except MissingColumns as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, report=report))


class AreaLogEntriesView(LogEntriesView):
    """Wagtail's site history, less the entries about another district's people,
    organisations and suggestions (Wagtail shows every entry of a model the user has any
    permission on)."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = queryset.exclude(entries_outside_areas(self.request.user))
        return queryset
