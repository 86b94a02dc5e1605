"""Searching the public directory: the filter form and one page of matching organisations.

The results show names, addresses and tags of organisations, never a person's details.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.paging import paginate

from .enums import OrganisationKind, Phase
from .models import Area, Organisation, TaggedOrganisation


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
        for word in (data.get("q") or "").split():
            organisations = organisations.filter(_word_query(word))
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


def _word_query(word):
    """An organisation matches a word by its name, address, postcode, tag or kind."""
    query = (
        Q(name__icontains=word)
        | Q(address__icontains=word)
        | Q(postcode__icontains=word)
        | Q(
            pk__in=TaggedOrganisation.objects.filter(tag__name__icontains=word).values(
                "content_object_id"
            )
        )
    )
    kinds = [value for value, label in OrganisationKind.choices if word.lower() in label.lower()]
    if kinds:
        query |= Q(kind__in=kinds)
    return query


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
