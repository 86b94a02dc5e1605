"""Factories for the project's own models (accounts, standard pages).

One set of factories per model: each app's in tests/<app>/factories.py, never repeated
elsewhere; states are traits (`PersonFactory(private=True)`).
"""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from ltc_portal.models import AudiencePage, ReportConcernPage, StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-{n}")
    body = "<p>Plain guidance for partners.</p>"

    class Meta:
        model = StandardPage


class AudiencePageFactory(wagtail_factories.PageFactory):
    title = "For parents and carers"
    slug = "parents-and-carers"
    entry_label = "I am a parent or carer"
    summary = "Signs to look out for and who to call."
    what_the_lct_is = "<p>Your Local Children's Trust keeps children safe together.</p>"
    material_audiences = factory.LazyFunction(lambda: ["parents-and-carers"])
    training = "<p>Ask your Local Children's Trust coordinator for a session.</p>"
    contact = "<p>Call the Family Front Door.</p>"
    how_to_join = "<p>Contact the coordinator.</p>"

    class Meta:
        model = AudiencePage


class ReportConcernPageFactory(wagtail_factories.PageFactory):
    title = "Report a concern about a child"
    slug = "report-a-concern"
    intro = "<p>Tell someone now.</p>"
    routes = factory.LazyFunction(
        lambda: [
            {
                "type": "route",
                "value": {
                    "heading": "If you are a child or young person",
                    "body": "<p>Call Childline on 0800 1111.</p>",
                },
            },
            {
                "type": "route",
                "value": {
                    "heading": "If you work with children",
                    "body": "<p>Refer to the Family Front Door.</p>",
                },
            },
        ]
    )

    class Meta:
        model = ReportConcernPage
