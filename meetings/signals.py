"""Retire cached feeds when a meeting or a venue in them changes, or when an editor changes
who may see a meeting (a page's Privacy setting)."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.tree import ancestor_paths, parent_path
from directory.models import PartnershipPage

from .feeds import COUNTY, bump, partnership_scope
from .models import KEEP_WITHDRAWN, MeetingPage, Venue, WithdrawnMeeting


def _parent_id(page):
    return Page.objects.filter(path=parent_path(page.path)).values_list("pk", flat=True).first()


def _bump_for(page):
    parent_id = _parent_id(page)
    scopes = [COUNTY] + ([partnership_scope(parent_id)] if parent_id else [])
    bump(*scopes)


@receiver(page_published, sender=MeetingPage)
def meeting_published(sender, instance, **kwargs):
    gone = WithdrawnMeeting.objects.filter(uid=instance.uid).first()
    if gone is not None:  # back in its feeds
        # Clients saw it cancelled one above its SEQUENCE; the meeting back must rank higher.
        MeetingPage.objects.filter(pk=instance.pk, sequence__lte=gone.sequence + 1).update(
            sequence=gone.sequence + 2
        )
        gone.delete()
    _bump_for(instance)


@receiver(page_unpublished, sender=MeetingPage)
def meeting_unpublished(sender, instance, **kwargs):
    _withdraw(instance)
    _bump_for(instance)


@receiver(pre_delete, sender=MeetingPage)
def meeting_deleting(sender, instance, **kwargs):
    # Before the delete, while its Privacy settings and its place in the tree are still there.
    if instance.live:
        _withdraw(instance)


@receiver(post_delete, sender=MeetingPage)
def meeting_deleted(sender, instance, **kwargs):
    _bump_for(instance)


def _withdraw(page):
    """Keep a meeting that left its feeds there as cancelled (see WithdrawnMeeting)."""
    now = timezone.now()
    WithdrawnMeeting.objects.filter(withdrawn_at__lt=now - KEEP_WITHDRAWN).delete()
    covering = PageViewRestriction.objects.filter(page__path__in=ancestor_paths(page.path))
    groups = covering.filter(restriction_type=PageViewRestriction.GROUPS).prefetch_related("groups")
    WithdrawnMeeting.objects.update_or_create(
        uid=page.uid,
        defaults={
            "title": page.title,
            "url": page.get_full_url() or "",
            "start": page.start,
            "end": page.end,
            "rrule": page.rrule,
            "location": page.venue.one_line if page.venue_id else "",
            "sequence": page.sequence,
            "partnership_id": _parent_id(page),
            "public": not covering.exists(),
            "password": covering.filter(restriction_type=PageViewRestriction.PASSWORD).exists(),
            "restriction_groups": [
                sorted(group.pk for group in restriction.groups.all()) for restriction in groups
            ],
            "withdrawn_at": now,
        },
    )


@receiver(page_published, sender=PartnershipPage)
def partnership_published(sender, instance, **kwargs):
    """Its name is its feed's calendar name, its slug in every meeting's address."""
    bump(COUNTY, partnership_scope(instance.pk))


@receiver(post_page_move, sender=MeetingPage)
def meeting_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    bump(COUNTY, partnership_scope(parent_page_before.pk), partnership_scope(parent_page_after.pk))


@receiver(post_save, sender=Venue)
@receiver(post_delete, sender=Venue)
def venue_changed(sender, instance, **kwargs):
    """Every feed holding a meeting at this venue, as its usual place or a moved one's."""
    paths = (
        MeetingPage.objects.filter(Q(venue=instance) | Q(exceptions__new_venue=instance))
        .values_list("path", flat=True)
        .distinct()
    )
    parent_paths = {parent_path(path) for path in paths}
    parents = Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True)
    bump(COUNTY, *(partnership_scope(pk) for pk in parents))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    _bump_for_restricted(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def view_restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        _bump_for_restricted(instance.page_id)


def _bump_for_restricted(page_id):
    """Bump the feeds of every partnership at, above or below a newly (un)restricted page."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return
    # Partnerships below the page, or the one above it (a restricted meeting's partnership).
    partnerships = PartnershipPage.objects.filter(
        Q(path__startswith=path) | Q(path__in=ancestor_paths(path))
    ).values_list("pk", flat=True)
    scopes = [partnership_scope(pk) for pk in partnerships]
    if scopes:
        bump(COUNTY, *scopes)
