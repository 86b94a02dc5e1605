"""The site search: one list of what a visitor may open, grouped by kind.

Recommended pages (editors' search promotions for the words typed) come first, then pages,
materials, organisations, people and meetings. Each kind asks its own app's rule for what this
viewer may see: page privacy (`core.privacy.viewable_by`) for every page, a material's
visibility, the directory's rule for people (`directory.search.people_matching`) and the
contact rule (`directory.visibility.contact_for`) for their details. A meeting series is one
page; the meetings of one partnership that match are one result, so a partnership's half-termly
one-off meetings do not fill a page of results.

Every kind costs a fixed number of queries whatever the size of the site: a count, and the
rows of the one page of results shown.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.privacy import viewable_by
from core.text import search_words
from directory.enums import Role
from directory.models import DirectoryPage, PartnershipPage
from directory.search import organisations_matching, people_matching
from directory.visibility import contact_for
from meetings.models import MeetingException, MeetingPage
from resources.models import ResourcePage


@dataclass
class Hit:
    """One result as the template shows it."""

    kind: str
    title: str
    url: str
    summary: str = ""
    meta: list[str] = field(default_factory=list)
    #: A person's contact details as this viewer may see them (`directory.visibility.Contact`).
    contact: Any = None
    #: Further links under the result: a partnership's matching meetings.
    items: list[dict[str, Any]] = field(default_factory=list)


class Source:
    """One kind of result: how many there are, and the hits between two positions."""

    kind = ""
    label: Any = ""

    @cached_property
    def total(self) -> int:
        return self.count()

    def count(self) -> int:
        raise NotImplementedError

    def hits(self, start: int, stop: int) -> list[Hit]:
        raise NotImplementedError


class Results(Sequence):
    """The sources one after another, as one sequence a `Paginator` can page through."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources

    @property
    def counts(self) -> list[int]:
        return [source.total for source in self.sources]

    def count(self) -> int:
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):  # type: ignore[override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        hits: list[Hit] = []
        offset = 0
        for source, count in zip(self.sources, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                hits.extend(source.hits(low, high))
            offset += count
        return hits


def _live_viewable(user, request):
    """Ids of the live pages this viewer may open, as a subquery."""
    return viewable_by(Page.objects.live(), user, request).values("pk")


class RecommendedSource(Source):
    """Editors' promotions for exactly these words: pages this viewer may open, and links."""

    kind = "recommended"
    label = _("Recommended")

    def __init__(self, query, request):
        typed = {normalise_query_string(text) for text in (query, search_words(query))} - {""}
        promotions = SearchPromotion.objects.filter(query__query_string__in=typed).filter(
            Q(page__in=_live_viewable(request.user, request))
            | (Q(page__isnull=True) & ~Q(external_link_url=""))
        )
        self.promotions = list(promotions.select_related("page").order_by("sort_order", "pk"))
        self.request = request
        self.page_ids = [p.page_id for p in self.promotions if p.page_id]

    def count(self):
        return len(self.promotions)

    def hits(self, start, stop):
        hits = []
        for promotion in self.promotions[start:stop]:
            page = promotion.page
            hits.append(
                Hit(
                    kind=self.kind,
                    title=promotion.title or "",
                    url=page.get_url(self.request) if page else promotion.external_link_url,
                    summary=promotion.description or (page.search_description if page else ""),
                )
            )
        return hits


class SearchSource(Source):
    """Pages of one sort found by the search backend, in its order of relevance."""

    def __init__(self, results, request):
        self.results = results
        self.request = request

    def count(self):
        return self.results.count()

    def hits(self, start, stop):
        return [self.hit(page) for page in self.results[start:stop]]

    def hit(self, page):
        return Hit(
            kind=self.kind,
            title=page.title,
            url=page.get_url(self.request),
            summary=page.search_description,
        )


class PageSource(SearchSource):
    kind = "pages"
    label = _("Pages")


class MaterialSource(SearchSource):
    kind = "materials"
    label = _("Materials")

    def hit(self, page):
        hit = super().hit(page)
        hit.summary = page.summary
        hit.meta = [page.get_format_display(), page.get_phase_display()]
        return hit


class OrganisationSource(Source):
    kind = "organisations"
    label = _("Organisations")

    def __init__(self, organisations, directory, request):
        self.organisations = organisations.select_related("area").order_by("name", "pk")
        self.directory = directory
        self.request = request

    def count(self):
        return self.organisations.count()

    def hits(self, start, stop):
        return [
            Hit(
                kind=self.kind,
                title=organisation.name,
                url=self.directory.organisation_url(organisation, self.request),
                meta=[
                    str(text)
                    for text in (
                        organisation.get_kind_display(),
                        organisation.postcode,
                        organisation.area.name if organisation.area else "",
                    )
                    if text
                ],
            )
            for organisation in self.organisations[start:stop]
        ]


class PeopleSource(Source):
    kind = "people"
    label = _("People")

    def __init__(self, people, directory, request):
        self.people = people
        self.directory = directory
        self.request = request

    def count(self):
        return self.people.count()

    def hits(self, start, stop):
        order = {role: n for n, role in enumerate(Role.values)}
        hits = []
        for person in self.people[start:stop]:
            seats = sorted(person.seats, key=lambda seat: (order[seat.role], seat.page.title))
            organisation = person.organisation
            if organisation is not None and self.directory is not None:
                anchor = "#safeguarding-lead" if organisation.dsl_id == person.pk else "#contacts"
                url = self.directory.organisation_url(organisation, self.request) + anchor
            elif seats:
                url = seats[0].page.get_url(self.request) + "#members"
            else:
                url = ""
            contact = contact_for(person, self.request.user)
            hits.append(
                Hit(
                    kind=self.kind,
                    title=contact.name,
                    url=url,
                    summary=contact.job_title,
                    meta=[
                        *([organisation.name] if organisation is not None else []),
                        *[f"{seat.get_role_display()}, {seat.page.title}" for seat in seats],
                    ],
                    contact=contact,
                )
            )
        return hits


class MeetingSource(Source):
    """Matching meetings, one result per partnership: its matching series and one-offs."""

    kind = "meetings"
    label = _("Meetings")
    #: Meetings named under one partnership's result; the partnership's page lists the rest.
    shown = 3

    def __init__(self, meetings, request):
        self.meetings = meetings
        self.request = request

    @cached_property
    def groups(self) -> list[tuple[str, list[MeetingPage]]]:
        """(partnership's path, its matching meetings), best match first; one query."""
        groups: dict[str, list[MeetingPage]] = {}
        for meeting in self.meetings:
            groups.setdefault(meeting.path[: -MeetingPage.steplen], []).append(meeting)
        now = timezone.now()

        def soonest_first(meeting):
            # Meetings still to come by their start, then those over, the latest first.
            if meeting.series_ends_at and meeting.series_ends_at >= now:
                return (0, meeting.start.timestamp())
            return (1, -meeting.start.timestamp())

        return [(path, sorted(meetings, key=soonest_first)) for path, meetings in groups.items()]

    def count(self):
        return len(self.groups)

    def hits(self, start, stop):
        groups = self.groups[start:stop]
        partnerships = {
            p.path: p for p in PartnershipPage.objects.filter(path__in=[path for path, _ in groups])
        }
        shown = [meeting for _path, meetings in groups for meeting in meetings[: self.shown]]
        prefetch_related_objects(
            shown,
            Prefetch("exceptions", queryset=MeetingException.objects.select_related("new_venue")),
        )
        now = timezone.now()
        hits = []
        for path, meetings in groups:
            partnership = partnerships.get(path)
            if partnership is None:
                continue
            items = []
            for meeting in meetings[: self.shown]:
                upcoming = [occ for occ in meeting.upcoming(now) if not occ.cancelled]
                items.append(
                    {
                        "title": meeting.title,
                        "url": meeting.get_url(self.request),
                        "repeats": meeting.repeats if meeting.rrule else "",
                        "next": upcoming[0].start if upcoming else None,
                    }
                )
            hits.append(
                Hit(
                    kind=self.kind,
                    title=_("Meetings of %(partnership)s") % {"partnership": partnership.title},
                    url=partnership.get_url(self.request) + "#partnership-meetings-heading",
                    meta=[_("%(count)s matching") % {"count": len(meetings)}]
                    if len(meetings) > self.shown
                    else [],
                    items=items,
                )
            )
        return hits


#: The kinds a visitor may narrow the results to, in the order they are listed.
KINDS = ["pages", "materials", "organisations", "people", "meetings"]


def site_search(query: str, words: str, request, *, kind: str = "") -> dict[str, Any]:
    """The sources for what was typed, as this request's viewer may see them."""
    user = request.user
    recommended = RecommendedSource(query, request)
    viewable = _live_viewable(user, request)
    promoted = recommended.page_ids
    pages = (
        Page.objects.live()
        .filter(pk__in=viewable)
        .not_type(MeetingPage, ResourcePage)
        .exclude(pk__in=promoted)
    )
    materials = (
        ResourcePage.objects.live()
        .for_viewer(user)
        .filter(pk__in=viewable)
        .exclude(pk__in=promoted)
    )
    meetings = (
        MeetingPage.objects.live()
        .filter(pk__in=viewable)
        .exclude(pk__in=promoted)
        .defer_streamfields()
    )
    directory = viewable_by(DirectoryPage.objects.live(), user, request).first()
    word_list = words.split()
    sources: list[Source] = [
        PageSource(pages.search(words), request),
        MaterialSource(materials.search(words), request),
    ]
    if directory is not None:
        sources.append(OrganisationSource(organisations_matching(word_list), directory, request))
    sources.append(
        PeopleSource(
            people_matching(word_list, user, request, with_organisations=directory is not None),
            directory,
            request,
        )
    )
    sources.append(MeetingSource(meetings.search(words), request))
    every = [recommended, *sources]
    by_kind = {source.kind: source for source in sources}
    shown = [by_kind[kind]] if kind in by_kind else every
    return {"results": Results(shown), "sources": every}


#: Kinds whose results are the site's own content: a search that finds one is worth counting.
CONTENT_KINDS = {"recommended", "pages", "materials"}


def record_search(query: str, sources: list[Source]) -> None:
    """Count the search for Wagtail's popular search terms report (Reports → Search terms), if
    it found a recommendation, a page or a material.

    The portal keeps no information about individual children, and a worried visitor may type
    a child's name: such a search finds no content (at most a namesake in the directory), so
    it is never stored. The counts the search already made decide; no query is added.
    """
    if any(source.total for source in sources if source.kind in CONTENT_KINDS):
        Query.get(query).add_hit()
