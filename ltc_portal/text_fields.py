"""Control characters never reach the database: one receiver for every model of ours.

Titles and names (every `CharField`) lose tabs and line breaks (each run becomes one space) and
every other control character; multi-line text (`TextField`, rich text) keeps its line breaks
and loses the rest, NUL among them. It runs before every save of a page, a snippet or any model
of the portal's apps, and on the page revisions Wagtail saves drafts in, so a draft's title is
as clean as the published one. The rule itself is `core.text`.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page, Revision

from core.text import multi_line, one_line

#: Apps whose every model is tidied; Wagtail's pages and documents are tidied too.
PORTAL_APPS = frozenset({"ltc_portal", "directory", "meetings", "resources", "training"})


def is_tidied(model):
    return model is not None and (
        model._meta.app_label in PORTAL_APPS or issubclass(model, (Page, AbstractDocument))
    )


def tidy(field, value):
    """The value as `field` may hold it: one line for a CharField, no NUL for a TextField."""
    if isinstance(field, models.TextField):
        return multi_line(value)
    if isinstance(field, models.CharField):
        return one_line(value)
    return value


@receiver(pre_save, dispatch_uid="ltc_portal.tidy_text_fields")
def tidy_text_fields(sender, instance, raw=False, **kwargs):
    if raw:
        return  # fixtures load as they were dumped
    if isinstance(instance, Revision):
        tidy_revision(instance)
        return
    if not is_tidied(sender):
        return
    for field in sender._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(value, str):
            setattr(instance, field.attname, tidy(field, value))


def tidy_revision(revision):
    """A page or snippet draft's own fields, as its save would tidy them."""
    model = revision.content_type.model_class() if revision.content_type_id else None
    if not is_tidied(model) or not isinstance(revision.content, dict):
        return
    for name, value in revision.content.items():
        if not isinstance(value, str):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        revision.content[name] = tidy(field, value)
