from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        # Before any snippet viewset is registered (this app comes before wagtail.snippets in
        # INSTALLED_APPS): Wagtail 8 takes a model's permission policy from its registry then.
        from .indexing import connect_signals
        from .permissions import register_policies

        register_policies()
        connect_signals()
