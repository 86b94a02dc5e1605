"""Retire cached feeds when a meeting or a venue in them changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .feeds import COUNTY, bump, partnership_scope
from .models import MeetingPage, Venue


def _parent_id(page):
    parent_path = page.path[: -Page.steplen]
    return Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()


def _bump_for(page):
    parent_id = _parent_id(page)
    scopes = [COUNTY] + ([partnership_scope(parent_id)] if parent_id else [])
    bump(*scopes)


@receiver(page_published, sender=MeetingPage)
@receiver(page_unpublished, sender=MeetingPage)
def meeting_published_or_unpublished(sender, instance, **kwargs):
    _bump_for(instance)


@receiver(post_delete, sender=MeetingPage)
def meeting_deleted(sender, instance, **kwargs):
    _bump_for(instance)


@receiver(post_page_move, sender=MeetingPage)
def meeting_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    bump(COUNTY, partnership_scope(parent_page_before.pk), partnership_scope(parent_page_after.pk))


@receiver(post_save, sender=Venue)
def venue_changed(sender, instance, created, **kwargs):
    if created:
        return
    paths = MeetingPage.objects.filter(venue=instance).values_list("path", flat=True)
    parent_paths = {path[: -Page.steplen] for path in paths}
    parents = Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True)
    bump(COUNTY, *(partnership_scope(pk) for pk in parents))
