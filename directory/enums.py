"""Choices for the directory, named as the domain names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    UNIFORMED_YOUTH_GROUP = "uniformed_youth_group", _("Uniformed youth group")
    FAITH_YOUTH_GROUP = "faith_youth_group", _("Faith youth group")
    VOLUNTARY_GROUP = "voluntary_group", _("Other voluntary or community group")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health")
    COUNCIL_SERVICE = "council_service", _("Council service")
    TAXI_LICENSING = "taxi_licensing", _("Taxi licensing or operator")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    """A school's phase of education, as the national register (GIAS) groups them."""

    NURSERY = "nursery", _("Nursery")
    PRIMARY = "primary", _("Primary")
    FIRST = "first", _("First")
    MIDDLE = "middle", _("Middle")
    SECONDARY = "secondary", _("Secondary")
    HIGH = "high", _("High")
    ALL_THROUGH = "all_through", _("All-through")
    SPECIAL = "special", _("Special")
    POST_16 = "post_16", _("16 plus")


class PartnershipKind(models.TextChoices):
    LCT = "lct", _("Local Children's Trust")
    COUNTY_GROUP = "county_group", _("County group")


class Role(models.TextChoices):
    """A member's role in a partnership, in the order members are listed."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    ADVISER = "adviser", _("Adviser")


class SuggestionStatus(models.TextChoices):
    """Where a visitor's suggested correction stands in its coordinator's queue."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")
