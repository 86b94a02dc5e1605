from wagtail.snippets.models import register_snippet

from .viewsets import TrainingViewSetGroup

register_snippet(TrainingViewSetGroup)
