"""Choices for training, named as the domain names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.enums import OrganisationKind


class CourseAudience(models.TextChoices):
    """Whom a course trains."""

    SCHOOL_STAFF = "school_staff", _("School staff")
    DSL = "dsl", _("Designated safeguarding leads")
    YOUTH_LEADERS = "youth_leaders", _("Youth leaders")
    TAXI_DRIVERS = "taxi_drivers", _("Taxi drivers")
    PARENTS = "parents", _("Parents and carers")


class RecordSource(models.TextChoices):
    """Where a training record came from."""

    SESSION = "session", _("A session booked here")
    IMPORT = "import", _("An imported certificate list")
    MANUAL = "manual", _("Entered by a coordinator")


class Status(models.TextChoices):
    """An organisation's training for one audience, on a given day."""

    IN_DATE = "in_date", _("Trained and in date")
    EXPIRING = "expiring", _("Expiring within 90 days")
    NOT_TRAINED = "not_trained", _("Not trained")


class LicenceCondition(models.TextChoices):
    """Whether a district's licensing authority makes CSE training a condition of a taxi licence."""

    REQUIRED = "required", _("A condition of every licence")
    AGREED = "agreed", _("Agreed, not yet in force")
    NOT_REQUIRED = "not_required", _("Not a condition")


#: The audiences whose training counts for an organisation of each kind; other kinds have none.
AUDIENCES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.SCHOOL: (CourseAudience.DSL, CourseAudience.SCHOOL_STAFF),
    OrganisationKind.UNIFORMED_YOUTH_GROUP: (CourseAudience.YOUTH_LEADERS,),
    OrganisationKind.FAITH_YOUTH_GROUP: (CourseAudience.YOUTH_LEADERS,),
    OrganisationKind.VOLUNTARY_GROUP: (CourseAudience.YOUTH_LEADERS,),
    OrganisationKind.TAXI_LICENSING: (CourseAudience.TAXI_DRIVERS,),
}

#: The youth groups the panel named: uniformed and church (faith) youth groups.
YOUTH_GROUP_KINDS = (OrganisationKind.UNIFORMED_YOUTH_GROUP, OrganisationKind.FAITH_YOUTH_GROUP)


class BookingStatus(models.TextChoices):
    """Where a booking on a training session stands."""

    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
