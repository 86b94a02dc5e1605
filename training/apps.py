from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        # Before any snippet viewset is registered (this app comes before wagtail.snippets in
        # INSTALLED_APPS): Wagtail 8 takes a model's permission policy from its registry then.
        from . import feeds
        from .permissions import register_policies

        register_policies()
        feeds.connect()
