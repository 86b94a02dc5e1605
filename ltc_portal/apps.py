from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtcPortalConfig(AppConfig):
    name = "ltc_portal"
    verbose_name = _("LCT Portal")

    def ready(self):
        from . import text_fields  # noqa: F401 - connects the receiver that tidies text
        from .http_middleware import make_pages_read_only

        make_pages_read_only()
