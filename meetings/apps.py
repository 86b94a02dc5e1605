from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        # Before any snippet viewset is registered (this app comes before wagtail.snippets in
        # INSTALLED_APPS): Wagtail 8 takes a model's permission policy from its registry then.
        from . import invitation_signals, signals  # noqa: F401 - feed cache and emails
        from .permissions import register_policies

        register_policies()
        # Records are edited in their own viewset; index their documents from the start (not
        # only once the admin's hooks have loaded), so the document rule finds every use.
        from wagtail.models import ReferenceIndex

        from .records import OccurrenceRecord

        ReferenceIndex.register_model(OccurrenceRecord)
