"""The certificate list upload in the admin: the same import and report as `import_certificates`,
limited to the editor's own districts."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .certificates import ImportFileError
from .importing import import_certificates

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
