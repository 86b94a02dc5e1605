"""Training sessions in the portal's calendar feeds (registered with `meetings.feeds`).

The county feed carries every session, county-wide or a district's; an LCT's feed (and a
partner's private feed, through their LCTs) carries the sessions of its district. County-wide
sessions are in the county feed only: an LCT's feed is its own district's calendar.

Each session becomes iCalendar through the meetings' one builder (`meetings.ical`), with its
own UID and a SEQUENCE that rises when its time, place or status changes; a cancelled session
stays in the feeds with STATUS:CANCELLED until it is over. Publishing, unpublishing, moving or
deleting a session, or changing its venue or the privacy of a page above it, bumps every feed's
version (`meetings.feeds.bump`): sessions change seldom, and a district's session may be in
any feed.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.privacy import viewable_by
from directory.models import PartnershipPage
from meetings.feeds import COUNTY, bump, page_url, partnership_scope, register_source
from meetings.ical import KEEP_CANCELLED
from meetings.models import Venue

from .sessions import TrainingSessionPage


def session_events(partnerships=None, *, user, now):
    """The sessions of this feed that `user` may open, as calendar data: one query (none for
    partnerships without a district).

    `partnerships` None is the county feed (every session); otherwise the sessions of these
    partnerships' districts. Joining links are never in a feed.
    """
    sessions = viewable_by(TrainingSessionPage.objects.live(), user).filter(
        end__gte=now - KEEP_CANCELLED
    )
    if partnerships is not None:
        areas = {p.area_id for p in partnerships if p.area_id is not None}
        if not areas:
            return []  # a county group's feed: no district, no sessions, no query
        sessions = sessions.filter(area_id__in=areas)
    sessions = sessions.select_related("course", "venue").order_by("start", "pk")
    return [session.calendar_data(page_url(session)) for session in sessions]


def bump_every_feed():
    """Retire the county's cached feeds and every partnership's."""
    partnerships = PartnershipPage.objects.values_list("pk", flat=True)
    bump(COUNTY, *(partnership_scope(pk) for pk in partnerships))


def connect():
    """Put sessions in the feeds (from `TrainingConfig.ready`)."""
    register_source(session_events)


@receiver(page_published, sender=TrainingSessionPage)
@receiver(page_unpublished, sender=TrainingSessionPage)
@receiver(post_delete, sender=TrainingSessionPage)
@receiver(post_page_move, sender=TrainingSessionPage)
def session_changed(sender, instance, **kwargs):
    bump_every_feed()


@receiver(post_save, sender=Venue)
@receiver(post_delete, sender=Venue)
def venue_changed(sender, instance, **kwargs):
    if TrainingSessionPage.objects.filter(venue_id=instance.pk).exists():
        bump_every_feed()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    _bump_if_above_a_session(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def view_restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        _bump_if_above_a_session(instance.page_id)


def _bump_if_above_a_session(page_id):
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return
    if TrainingSessionPage.objects.filter(Q(path__startswith=path)).exists():
        bump_every_feed()
