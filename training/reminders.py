"""Reminder emails to an organisation's DSL that its CSE training is expiring or missing.

One builder for every reminder: the coordinator's one-click reminder now, the daily job later.
The email goes to the DSL's own address whatever its visibility: sending to someone is not
showing their address to anyone.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.text import one_line

from .enums import CourseAudience, Status
from .records import Course

#: The audit log action of a reminder, registered in wagtail_hooks.
REMINDER_ACTION = "training.reminder"


def reminder_email(organisation, audience, status, expiry):
    """The reminder to `organisation`'s DSL; None when it has no DSL with an email address."""
    dsl = organisation.dsl
    if dsl is None or not dsl.email:
        return None
    who = str(CourseAudience(audience).label).lower()
    if status == Status.EXPIRING:
        subject = _("CSE training for %(organisation)s expires on %(date)s") % {
            "organisation": organisation.name,
            "date": f"{expiry.day} {expiry:%B %Y}",
        }
        state = _("The CSE training of its %(who)s expires on %(date)s.") % {
            "who": who,
            "date": f"{expiry.day} {expiry:%B %Y}",
        }
    else:
        subject = _("CSE training for %(organisation)s") % {"organisation": organisation.name}
        state = _("We have no in-date CSE training recorded for its %(who)s.") % {"who": who}
    courses = Course.objects.filter(audience_links__audience=audience).order_by("title")
    lines = [
        _("Dear %(name)s,") % {"name": dsl.name},
        "",
        _("This is a reminder from your Local Children's Trust about %(organisation)s.")
        % {"organisation": organisation.name},
        state,
        "",
        _("Courses that count:"),
        *[f"- {course.title} ({course.provider})" for course in courses],
        "",
        _(
            "If the training has been done, please send your coordinator the date and course so "
            "that the record is up to date."
        ),
    ]
    # A header may not hold a line break (a name written in bulk may still have one).
    return EmailMessage(one_line(subject), "\n".join(lines), to=[dsl.email])


def send_reminder(organisation, audience, status, expiry, *, user=None, days=None):
    """Send the reminder and record it in the organisation's history; False if no DSL email.

    `days` is set by the daily job (90 or 30 days before expiry), None for a coordinator's."""
    email = reminder_email(organisation, audience, status, expiry)
    if email is None:
        return False
    email.send()
    log(
        instance=organisation,
        action=REMINDER_ACTION,
        user=user,
        data={
            "audience": audience,
            "status": str(status),
            "expiry": expiry.isoformat() if expiry else None,
            "days": days,
        },
    )
    return True


def reminded_on(organisation, day: dt.date) -> bool:
    """Whether `organisation` was sent a reminder (by anyone, or the daily job) on `day`."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return ModelLogEntry.objects.filter(
        action=REMINDER_ACTION,
        content_type=ContentType.objects.get_for_model(type(organisation)),
        object_id=str(organisation.pk),
        timestamp__gte=start,
        timestamp__lt=start + dt.timedelta(days=1),
    ).exists()
