"""Searching and filtering the library: one fixed set of queries whatever its size.

Options are ORed within a filter and ANDed across filters. The count beside an option is the
number of results there would be with that option ticked as well, given the other filters.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from taggit.models import Tag

from core.text import one_line, search_words

from .enums import Audience, ResourceFormat, ResourcePhase

LIBRARY_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list = field(default_factory=list)

    @property
    def checked_options(self):
        return [option for option in self.options if option.checked]


@dataclass
class Library:
    results: object
    query: str
    facets: list

    @property
    def is_filtered(self):
        return bool(self.query) or any(facet.checked_options for facet in self.facets)


def _filter(queryset, name, values):
    if not values:
        return queryset
    if name == "audience":
        return queryset.filter(audience_links__audience__in=values)
    if name == "topic":
        return queryset.filter(tagged_items__tag__slug__in=values)
    return queryset.filter(**{f"{name}__in": values})


#: The filters in the order the form shows them: (GET name, legend, choices or None for topics)
FILTERS = [
    ("audience", "Who it is for", Audience.choices),
    ("phase", "Phase", ResourcePhase.choices),
    ("topic", "Topic", None),
    ("format", "Format", ResourceFormat.choices),
]


def _counts(queryset, name):
    """{value: number of materials} for one filter, in one query."""
    ids = queryset.values("pk")
    # The rows behind a filter are found through the material's relations, so that this
    # module never imports the models (which call it).
    if name == "audience":
        audience_model = queryset.model._meta.get_field("audience_links").related_model
        rows = (
            audience_model.objects.filter(page_id__in=ids)
            .values_list("audience")
            .annotate(n=Count("page_id", distinct=True))
        )
    elif name == "topic":
        tag_model = queryset.model._meta.get_field("tagged_items").related_model
        rows = (
            tag_model.objects.filter(content_object_id__in=ids)
            .values_list("tag__slug")
            .annotate(n=Count("content_object_id", distinct=True))
        )
    else:
        rows = (
            queryset.model.objects.filter(pk__in=ids)
            .values_list(name)
            .annotate(n=Count("pk"))
            .order_by()
        )
    return dict(rows)


def search_library(queryset, params, *, fixed=None):
    """Apply the search words and filters in `params` (a QueryDict) to `queryset`."""
    # Shown as typed (on one line); searched as plain words, which no backend misreads.
    query = one_line(params.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    words = search_words(query)
    chosen = {
        name: [one_line(v) for v in params.getlist(name) if one_line(v)]
        for name, _legend, _c in FILTERS
    }
    for name, value in (fixed or {}).items():
        if value not in chosen[name]:
            chosen[name].append(value)

    base = queryset
    if query:
        # The search backend gives results, not a queryset: keep their ids and filter on those.
        matched = [page.pk for page in queryset.search(words, operator="and")] if words else []
        base = queryset.filter(pk__in=matched)

    facets = []
    for name, legend, choices in FILTERS:
        others = base
        for other, values in chosen.items():
            if other != name:
                others = _filter(others, other, values)
        counts = _counts(others, name)
        if choices is None:
            # Topics: every tag some visible material uses, plus any chosen one.
            used = set(counts) | set(chosen[name])
            choices = list(
                Tag.objects.filter(slug__in=used).order_by("name").values_list("slug", "name")
            )
        facets.append(
            Facet(
                name=name,
                legend=legend,
                options=[
                    Option(
                        value=value,
                        label=str(label),
                        count=counts.get(value, 0),
                        checked=value in chosen[name],
                    )
                    for value, label in choices
                ],
            )
        )

    results = base
    for name, values in chosen.items():
        results = _filter(results, name, values)
    results = (
        results.distinct()
        .order_by("title")
        .prefetch_related("audience_links", "tags")
        .select_related("partnership")
    )
    return Library(results=results, query=query, facets=facets)
