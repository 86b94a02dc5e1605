"""The directory's own entries in Wagtail's audit log, and what a coordinator reads from it."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .models import Person
from .permissions import editable_areas

#: Marking a suggested change done in the admin.
DONE_ACTION = "directory.suggestion_done"
#: A partner changing their own contact details on their account page.
OWN_DETAILS_ACTION = "directory.own_details_edit"

#: How far back, and how many, of partners' own changes the coordinator's dashboard lists.
RECENT_DAYS = 30
RECENT_LISTED = 10


def own_detail_changes(user, now=None):
    """Partners' recent changes to their own details, of the people in `user`'s areas, newest
    first, each as (log entry, person); two queries however many."""
    areas = editable_areas(user)
    if not (areas.every or areas.ids):
        return []
    now = now or timezone.now()
    entries = list(
        ModelLogEntry.objects.filter(
            action=OWN_DETAILS_ACTION,
            content_type=ContentType.objects.get_for_model(Person),
            timestamp__gte=now - datetime.timedelta(days=RECENT_DAYS),
        ).order_by("-timestamp", "-pk")[:200]
    )
    people = Person.objects.select_related("organisation").in_bulk(
        [int(entry.object_id) for entry in entries]
    )
    changes = []
    for entry in entries:
        person = people.get(int(entry.object_id))
        if person is not None and (
            areas.every or (person.organisation and person.organisation.area_id in areas.ids)
        ):
            changes.append((entry, person))
    return changes[:RECENT_LISTED]
