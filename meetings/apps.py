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
