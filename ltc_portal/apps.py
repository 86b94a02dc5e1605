from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtcPortalConfig(AppConfig):
    name = "ltc_portal"
    verbose_name = _("LCT Portal")

    def ready(self):
        # Each connects its receiver: one retires cached pages, the other tidies text.
        from . import content_changes, text_fields  # noqa: F401
        from .http_middleware import make_pages_read_only

        make_pages_read_only()
