from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtcPortalConfig(AppConfig):
    name = "ltc_portal"
    verbose_name = _("LCT Portal")

    def ready(self):
        # Before any snippet viewset is registered (this app comes first in INSTALLED_APPS):
        # Wagtail 8 takes a model's permission policy from its registry at that moment.
        from directory.permissions import register_policies
        from meetings.permissions import register_policies as register_meeting_policies

        register_policies()
        register_meeting_policies()

        from . import text_fields  # noqa: F401 - connects the receiver that tidies text
        from .http_middleware import make_pages_read_only

        make_pages_read_only()
