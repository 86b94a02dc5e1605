from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtcPortalConfig(AppConfig):
    name = "ltc_portal"
    verbose_name = _("LCT Portal")
