"""Tell members by email when a meeting is published, changed, unpublished or deleted: the
work is queued once the change is committed (see meetings.invitations)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .invitations import announce_on_commit, announce_withdrawn_on_commit
from .models import MeetingPage


@receiver(page_published, sender=MeetingPage)
def meeting_published(sender, instance, **kwargs):
    announce_on_commit(instance)


@receiver(page_unpublished, sender=MeetingPage)
def meeting_unpublished(sender, instance, **kwargs):
    announce_withdrawn_on_commit(instance.uid)


@receiver(post_delete, sender=MeetingPage)
def meeting_deleted(sender, instance, **kwargs):
    # meetings.signals has kept it, if it was live, as a WithdrawnMeeting before the delete.
    announce_withdrawn_on_commit(instance.uid)
