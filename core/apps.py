from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: rules every feature shares, and no models of its own."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import page_cache  # noqa: F401  (connects the signals that retire cached pages)
