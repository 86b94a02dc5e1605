"""Factories for the project's own models (accounts, standard pages).

One set of factories per model: each app's in tests/<app>/factories.py, never repeated
elsewhere; states are traits (`PersonFactory(private=True)`).
"""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from ltc_portal.models import StandardPage


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
