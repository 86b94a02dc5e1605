"""Choices for the materials library, named as the domain names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a material is for. The values are the slugs of the audience landing URLs."""

    PRIMARY_PUPILS = "primary-pupils", _("Primary pupils")
    SECONDARY_PUPILS = "secondary-pupils", _("Secondary pupils")
    POST_16_STUDENTS = "post-16-students", _("Post-16 students")
    PARENTS_AND_CARERS = "parents-and-carers", _("Parents and carers")
    SCHOOL_STAFF = "school-staff", _("School staff")
    TAXI_DRIVERS = "taxi-drivers-and-operators", _("Taxi drivers and operators")
    YOUTH_LEADERS = "youth-leaders", _("Voluntary, uniformed and faith youth leaders")
    ALL_PROFESSIONALS = "all-professionals", _("All professionals")


class ResourcePhase(models.TextChoices):
    """The phase or key stage a material is pitched at."""

    PRIMARY = "primary", _("Primary (key stages 1 and 2)")
    SECONDARY = "secondary", _("Secondary (key stages 3 and 4)")
    POST_16 = "post-16", _("Post-16 (key stage 5)")
    ANY = "any", _("Any phase, or adults")


class ResourceFormat(models.TextChoices):
    LESSON_PLAN = "lesson-plan", _("Lesson plan")
    SLIDES = "slides", _("Slides")
    LEAFLET = "leaflet", _("Leaflet")
    VIDEO = "video", _("Video")
    GUIDANCE = "guidance", _("Guidance")
    TRAINING_COURSE = "training-course", _("Training course")


#: The topics every library starts with; editors add more as ordinary tags.
SEED_TOPICS = [
    ("Online grooming", "online-grooming"),
    ("Missing from home or care", "missing-from-home-or-care"),
    ("Healthy relationships", "healthy-relationships"),
    ("Consent", "consent"),
    ("Recognising the signs", "recognising-the-signs"),
    ("How to report", "how-to-report"),
]
