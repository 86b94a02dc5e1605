from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import ImportCertificatesView
from .viewsets import TrainingViewSetGroup

register_snippet(TrainingViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "training/import-certificates/",
            ImportCertificatesView.as_view(),
            name="training_import_certificates",
        )
    ]


class RecordKeepersMenuItem(MenuItem):
    """Shown to whoever may add training records."""

    def is_shown(self, request):
        return request.user.has_perm("training.add_trainingrecord")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return RecordKeepersMenuItem(
        _("Import training records"),
        reverse("training_import_certificates"),
        icon_name="upload",
        order=460,
    )
