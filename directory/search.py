"""Searching the public directory: the filter form and one page of matching organisations, and
the organisations and people the site search finds.

Organisations are found by name, address, postcode, tag or kind. People are found by name, job
title and partnership role only (never by a contact detail), and only where the site already
shows them to this viewer: on an organisation's page, or seated on a partnership they may open.
"""

import re

from django import forms
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.search.backends import get_search_backend

from core.paging import paginate
from core.privacy import viewable_by

from .enums import OrganisationKind, Phase, Role
from .models import Area, Membership, Organisation, PartnershipPage, Person, TaggedOrganisation


class DirectoryFilterForm(forms.Form):
    """The GET form on the directory page; every value is a readable word in the URL."""

    q = forms.CharField(label=_("Name or any word"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Area"), required=False)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    phase = forms.ChoiceField(label=_("School phase"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["area"].choices = anything + list(Area.objects.values_list("slug", "name"))
        self.fields["kind"].choices = anything + list(OrganisationKind.choices)
        self.fields["phase"].choices = anything + list(Phase.choices)
        tags = (
            Tag.objects.filter(directory_taggedorganisation_items__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["tag"].choices = anything + list(tags)

    def filter(self, organisations):
        data = self.cleaned_data if self.is_valid() else {}
        organisations = _matching(organisations, (data.get("q") or "").split())
        if data.get("area"):
            organisations = organisations.filter(area__slug=data["area"])
        if data.get("kind"):
            organisations = organisations.filter(kind=data["kind"])
        if data.get("phase"):
            organisations = organisations.filter(phase=data["phase"])
        if data.get("tag"):
            organisations = organisations.filter(
                pk__in=TaggedOrganisation.objects.filter(tag__slug=data["tag"]).values(
                    "content_object_id"
                )
            )
        return organisations

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())


def _matching(organisations, words):
    """Those of `organisations` matching every word, through the search index: PostgreSQL's
    full-text search in production, SQLite's FTS5 (or the database fallback) otherwise.

    A word matches an organisation's name, address, postcode, kind or tags, as a whole word
    or its stem ("schools" finds "school"); the last word may also be the start of the name,
    for someone still typing ("Kidder" finds "Kidderminster College"). It stays one query,
    the search a subquery of the page's query, however many organisations match.
    """
    # Only letters and digits reach the search engine: quotes, operators and brackets typed
    # into the box are not search syntax to either database.
    query = " ".join(re.findall(r"\w+", " ".join(words)))
    if not query:
        return organisations
    backend = get_search_backend()
    everything = Organisation.objects.order_by()
    by_word = backend.search(query, everything, operator="and", order_by_relevance=False)
    by_start = backend.autocomplete(query, everything, operator="and", order_by_relevance=False)
    return organisations.filter(
        Q(pk__in=by_word.get_queryset().values("pk"))
        | Q(pk__in=by_start.get_queryset().values("pk"))
    )


def search_directory(directory, request):
    """The directory page's form, result count and one page of organisations."""
    form = DirectoryFilterForm(request.GET or None)
    organisations = Organisation.objects.select_related("area").prefetch_related("tags")
    if form.is_bound:
        organisations = form.filter(organisations)
    context = paginate(request, organisations.order_by("name", "pk"), directory.per_page)
    context["form"] = form if form.is_bound else DirectoryFilterForm()
    context["results"] = [
        {"organisation": o, "url": directory.organisation_url(o, request)}
        for o in context["page_obj"].object_list
    ]
    context["result_count"] = context["paginator"].count
    return context


def organisations_matching(words):
    """Organisations matching every word, as the directory page's search matches them."""
    return _matching(Organisation.objects.all(), words)


def roles_named(word):
    """The roles a typed word names: "chair" names chair and vice-chair, "advisers" adviser."""
    word = word.lower()
    if len(word) < 3:
        return []
    stems = {word, word.removesuffix("s")}
    return [
        value
        for value, label in Role.choices
        if any(
            part.startswith(stem) for part in re.split(r"\W+", str(label).lower()) for stem in stems
        )
    ]


def partnerships_seen_by(user, request=None):
    """The live partnerships whose pages (and so their members and coordinator) this viewer may
    open."""
    return viewable_by(PartnershipPage.objects.live(), user, request)


def people_seen_by(user, request=None, *, with_organisations):
    """The people the site shows this viewer by name: those seated now on a partnership they may
    open, its coordinators, and (`with_organisations`: the directory is open to them) the staff
    and safeguarding leads its organisation pages list."""
    partnerships = partnerships_seen_by(user, request).values("pk")
    shown = Q(
        pk__in=Membership.objects.current().filter(page__in=partnerships).values("person_id")
    ) | Q(pk__in=PartnershipPage.objects.filter(pk__in=partnerships).values("coordinator_id"))
    if with_organisations:
        shown |= Q(organisation__isnull=False) | Q(
            pk__in=Organisation.objects.filter(dsl__isnull=False).values("dsl_id")
        )
    return Person.objects.filter(shown)


def people_matching(words, user, request=None, *, with_organisations):
    """The people this viewer may see whose name, job title or role on a partnership they may
    open matches every word ("Redditch coordinator" finds the coordinator of the Redditch LCT).

    Each person comes with `seats`: their current memberships on partnerships this viewer may
    open, in role order; contact details are for `directory.visibility.contact_for` to give.
    """
    people = people_seen_by(user, request, with_organisations=with_organisations)
    if not words:
        return people.none()
    partnerships = partnerships_seen_by(user, request).values("pk")
    seen_seats = Membership.objects.current().filter(page__in=partnerships)

    by_name = Q()
    for word in words:
        by_name &= Q(name__icontains=word) | Q(job_title__icontains=word)
    matches = by_name
    roles = sorted({role for word in words for role in roles_named(word)})
    if roles:
        # One seat must carry the role and, with the person, every other word: its
        # partnership's title, or the person's own name or job title.
        seat = seen_seats.filter(person=OuterRef("pk"), role__in=roles)
        for word in words:
            seat = seat.filter(
                Q(role__in=roles_named(word))
                | Q(page__title__icontains=word)
                | Q(person__name__icontains=word)
                | Q(person__job_title__icontains=word)
            )
        matches |= Q(Exists(seat))
    return (
        people.filter(matches)
        .select_related("organisation", "organisation__area")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=seen_seats.select_related("page").order_by("role", "page__title"),
                to_attr="seats",
            )
        )
        .order_by("name", "pk")
    )
