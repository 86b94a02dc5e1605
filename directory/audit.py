"""The directory's own entries in Wagtail's audit log, and what a coordinator reads from it."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .models import ChangeSuggestion, Membership, Organisation, Person
from .permissions import editable_areas

#: Marking a suggested change done in the admin.
DONE_ACTION = "directory.suggestion_done"
#: A partner changing their own contact details on their account page.
OWN_DETAILS_ACTION = "directory.own_details_edit"

#: How far back, and how many, of partners' own changes the coordinator's dashboard lists.
RECENT_DAYS = 30
RECENT_LISTED = 10


def own_detail_changes(user, now=None):
    """Partners' recent changes to their own details, newest first, each as (log entry,
    person): of the people in `user`'s areas, by their organisation's district or by a seat
    they hold now on a partnership of that district. Filtered in the database before the
    newest are taken, so that nobody's flood of edits elsewhere hides a change here; two
    queries however many."""
    areas = editable_areas(user)
    if not (areas.every or areas.ids):
        return []
    now = now or timezone.now()
    entries = ModelLogEntry.objects.filter(
        action=OWN_DETAILS_ACTION,
        content_type=ContentType.objects.get_for_model(Person),
        timestamp__gte=now - datetime.timedelta(days=RECENT_DAYS),
    )
    if not areas.every:
        seated = Membership.objects.current(timezone.localdate(now)).filter(
            page__area__in=areas.ids
        )
        people = Person.objects.filter(
            Q(organisation__area__in=areas.ids) | Q(pk__in=seated.values("person"))
        )
        # object_id is text in Wagtail's log: compare it with the people's ids as text.
        entries = entries.filter(
            object_id__in=people.annotate(text_id=Cast("pk", CharField())).values("text_id")
        )
    entries = list(entries.order_by("-timestamp", "-pk")[:RECENT_LISTED])
    found = Person.objects.select_related("organisation").in_bulk(
        [int(entry.object_id) for entry in entries]
    )
    return [
        (entry, found[int(entry.object_id)]) for entry in entries if int(entry.object_id) in found
    ]


def entries_outside_areas(user):
    """A filter matching the directory's log entries about records outside `user`'s areas
    (people, organisations, suggestions), to leave out of the site history: who changed
    another district's records, and when, is that district's business. Nothing for county
    administrators."""
    areas = editable_areas(user)
    if areas.every:
        return Q(pk__in=[])
    outside = Q(pk__in=[])
    for model, area_path in (
        (Person, "organisation__area"),
        (Organisation, "area"),
        (ChangeSuggestion, "area"),
    ):
        in_areas = model.objects.filter(**{f"{area_path}__in": areas.ids}).annotate(
            text_id=Cast("pk", CharField())
        )
        outside |= Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(
            object_id__in=in_areas.values("text_id")
        )
    return outside
