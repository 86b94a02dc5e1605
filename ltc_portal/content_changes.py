"""Saving or deleting anything a public page shows retires every cached page and sitemap part.

One receiver for every model of the portal's apps (pages, snippets such as organisations,
people and venues, memberships, meetings' changes, the site settings), Wagtail's documents,
images, sites, collection privacy and tags, less the few models no page shows. Publishing,
unpublishing, moving and page privacy are `core.page_cache`'s own signals; the version they all
bump is `core.page_cache.bump_version`, the sitemap's too.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import CollectionViewRestriction, Page, Site

from core.page_cache import bump_version

from .text_fields import PORTAL_APPS

#: Models of the portal's apps that no public page shows: per-person calendar addresses,
#: withdrawn meetings kept for feeds only, suggestions waiting in the admin, and the meeting
#: emails' outbox, record of what was sent and members' choice of email or feed.
NOT_SHOWN = frozenset(
    {
        "meetings.feedtoken",
        "meetings.withdrawnmeeting",
        "directory.changesuggestion",
        "meetings.outboxmessage",
        "meetings.invitationstate",
        "meetings.invitationpreference",
    }
)


def shown_on_pages(model):
    """Whether a change to a row of this model can change what a public page shows."""
    if model is None or model._meta.label_lower in NOT_SHOWN:
        return False
    return model._meta.app_label in PORTAL_APPS or issubclass(
        model, (Page, AbstractDocument, AbstractImage, CollectionViewRestriction, Site, Tag)
    )


@receiver(post_save, dispatch_uid="ltc_portal.content_saved")
def content_saved(sender, created=False, raw=False, **kwargs):
    # The first visit makes a site's settings with their defaults, which pages already showed.
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return
    if not raw and shown_on_pages(sender):
        bump_version()


@receiver(post_delete, dispatch_uid="ltc_portal.content_deleted")
def content_deleted(sender, **kwargs):
    if shown_on_pages(sender):
        bump_version()


@receiver(m2m_changed, dispatch_uid="ltc_portal.content_links_changed")
def content_links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and (shown_on_pages(sender) or shown_on_pages(type(instance))):
        bump_version()
