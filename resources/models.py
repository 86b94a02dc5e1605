"""The CSE materials library: approved, age-appropriate materials by audience, phase and topic."""

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index

from core.enums import PUBLISHED_VISIBILITY_CHOICES, ChoiceLabels, Visibility
from core.forms import ChosenDocumentsMixin, PortalPageForm
from core.paging import paginate
from core.privacy import viewable_by
from core.visibility import may_see, visibilities_for
from directory.models import web_url_validator

from .enums import Audience, ResourceFormat, ResourcePhase
from .library import LIBRARY_PAGE_SIZE, search_library

DEFAULT_REVIEW_MONTHS = 12


def sign_in_redirect(request):
    """Send the visitor to the portal's sign-in (`LOGIN_URL`), then back to what they asked for."""
    return redirect_to_login(request.get_full_path())


class ResourceIndexPage(RoutablePageMixin, Page):
    """The library at /materials/: search and filters, plus audience and topic landing URLs."""

    intro = RichTextField(_("introduction"), blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("materials library")

    def materials_for(self, user):
        """The live materials under this library that this viewer may see."""
        return ResourcePage.objects.live().child_of(self).for_viewer(user).viewable_by(user)

    @path("")
    def library(self, request):
        return self._render_library(request)

    @path("for/<slug:audience>/")
    def for_audience(self, request, audience):
        if audience not in Audience.values:
            raise Http404
        return self._render_library(
            request, fixed={"audience": audience}, heading=_("Materials for %(audience)s")
        )

    @path("topic/<slug:topic>/")
    def for_topic(self, request, topic):
        tag = Tag.objects.filter(slug=topic).first()
        if tag is None:
            raise Http404
        return self._render_library(
            request, fixed={"topic": tag.slug}, heading=_("Materials on %(topic)s"), tag=tag
        )

    def _render_library(self, request, fixed=None, heading=None, tag=None):
        library = search_library(self.materials_for(request.user), request.GET, fixed=fixed)
        context = paginate(request, library.results, LIBRARY_PAGE_SIZE)
        page_heading = None
        if heading and fixed and "audience" in fixed:
            page_heading = heading % {"audience": Audience(fixed["audience"]).label.lower()}
        elif heading and tag is not None:
            page_heading = heading % {"topic": tag.name.lower()}
        context.update(library=library, page_heading=page_heading, landing=bool(fixed))
        return self.render(request, context_overrides=context)


class TaggedResource(TaggedItemBase):
    """A topic on a material; topics are ordinary taggit tags, so editors can add more."""

    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePageForm(ChosenDocumentsMixin, WagtailAdminPageForm):
    """Adds the audience checkboxes; the choices are stored as inline ResourceAudience rows."""

    audiences = forms.MultipleChoiceField(
        label=_("Who it is for"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone this material is written for."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["audiences"] = self.instance.audience_values

    def save(self, commit=True):
        page = super().save(commit=False)
        page.audience_links = [
            ResourceAudience(audience=value) for value in self.cleaned_data["audiences"]
        ]
        if commit:
            page.save()
        return page


class ResourcePageQuerySet(PageQuerySet):
    def for_viewer(self, user):
        """Materials published at a visibility this viewer may see."""
        return self.filter(visibility__in=visibilities_for(user))

    def viewable_by(self, user):
        """Materials whose Privacy setting (an editor may add a groups restriction) admits them."""
        # As ids, so that the search backend (which reads the filters) can take the queryset.
        return self.filter(pk__in=viewable_by(ResourcePage.objects.all(), user).values("pk"))


class ResourcePage(ChoiceLabels, Page):
    """One material: who it is for, how to use it, its files and links, and its approval."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the library."))
    body = RichTextField(_("how to use it"), blank=True)
    phase = models.CharField(
        _("phase or key stage"),
        max_length=16,
        choices=ResourcePhase.choices,
        default=ResourcePhase.ANY,
    )
    format = models.CharField(_("format"), max_length=24, choices=ResourceFormat.choices)
    tags = ClusterTaggableManager(
        through=TaggedResource, blank=True, verbose_name=_("topics"), help_text=_("Topics")
    )
    curriculum_link = models.CharField(
        _("curriculum link"),
        max_length=255,
        blank=True,
        help_text=_("The PSHE or RSE lesson or unit it fits, e.g. “RSE: Online relationships”."),
    )
    suggested_length = models.CharField(
        _("suggested length"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “One 50-minute lesson”."),
    )
    #: The partnership that made and maintains the material, usually the headteacher group.
    partnership = models.ForeignKey(
        "directory.PartnershipPage",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    visibility = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PUBLIC,
        help_text=_("Partners-only materials and their files need a sign-in."),
    )
    review_period_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=DEFAULT_REVIEW_MONTHS,
        help_text=_("The review date is set this many months after each approval."),
    )
    # Set from the workflow when the page is published (resources.signals), never by hand.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True, editable=False)
    review_due = models.DateField(_("review due"), null=True, blank=True, editable=False)

    objects = PageManager.from_queryset(ResourcePageQuerySet)()
    base_form_class = ResourcePageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audiences"),
        FieldRowPanel([FieldPanel("phase"), FieldPanel("format")]),
        FieldPanel("tags"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("curriculum_link"), FieldPanel("suggested_length")],
            heading=_("Curriculum"),
        ),
        InlinePanel("files", label=_("Files"), heading=_("Files")),
        InlinePanel("links", label=_("External links"), heading=_("External links")),
        FieldPanel("partnership"),
        FieldPanel("visibility"),
        FieldPanel("review_period_months"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("curriculum_link"),
        index.FilterField("visibility"),
        index.FilterField("phase"),
        index.FilterField("format"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # Drafts save only bookkeeping fields; the live visibility changes only on a full save.
        syncing = update_fields is None or "visibility" in update_fields
        stored = (
            type(self).objects.filter(pk=self.pk).values_list("visibility", flat=True).first()
            if syncing and self.pk
            else None
        )
        super().save(*args, **kwargs)
        if syncing:
            self.sync_view_restriction(was=stored)

    def serve(self, request, *args, **kwargs):
        if not may_see(request.user, self.visibility):
            return sign_in_redirect(request)
        return super().serve(request, *args, **kwargs)

    def sync_view_restriction(self, was=None):
        """Keep a sign-in restriction on partners-only pages, so that every Wagtail listing
        built on `.public()` (site search, the sitemap, menus) leaves them out.

        The restriction goes only when the material itself goes from partners-only to public
        (`was` is the visibility stored before this save): a sign-in restriction an editor set
        with Wagtail's Privacy control on a public material stays.
        """
        restrictions = PageViewRestriction.objects.filter(
            page=self, restriction_type=PageViewRestriction.LOGIN
        )
        if not may_see(None, self.visibility):
            if not restrictions.exists():
                PageViewRestriction.objects.create(
                    page=self, restriction_type=PageViewRestriction.LOGIN
                )
        elif was is not None and not may_see(None, was):
            restrictions.delete()

    def document_visibility(self, field_name):
        """Files and rich-text links are shown at the material's own visibility."""
        return self.visibility

    @cached_property
    def audience_values(self):
        return [link.audience for link in self.audience_links.all()]

    @property
    def audience_labels(self):
        return [Audience(value).label for value in self.audience_values]

    @property
    def is_partners_only(self):
        return not may_see(None, self.visibility)

    @property
    def review_overdue(self):
        return self.review_due is not None and self.review_due < datetime.date.today()

    def record_approval(self, user, when):
        """Store who approved the live version and when, and set the next review date."""
        self.approved_by = user
        self.approved_at = when
        self.last_reviewed = when.date() if when else None
        self.review_due = (
            when.date() + relativedelta(months=self.review_period_months) if when else None
        )
        ResourcePage.objects.filter(pk=self.pk).update(
            approved_by=user,
            approved_at=when,
            last_reviewed=self.last_reviewed,
            review_due=self.review_due,
        )

    def related_materials(self, user, limit=3):
        """Other materials this viewer may see, sharing the most topics with this one."""
        topic_ids = [tag.pk for tag in self.tags.all()]
        if not topic_ids:
            return ResourcePage.objects.none()
        return (
            ResourcePage.objects.live()
            .for_viewer(user)
            .viewable_by(user)
            .filter(tagged_items__tag_id__in=topic_ids)
            .exclude(pk=self.pk)
            .annotate(shared_topics=Count("tagged_items", distinct=True))
            .order_by("-shared_topics", "title")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = list(self.files.select_related("document"))
        context["related"] = self.related_materials(request.user)
        return context


class ResourceAudience(ChoiceLabels, models.Model):
    """One audience of a material, as a row so that the library can filter and count by it."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="audience_links")
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)

    class Meta:
        verbose_name = _("audience")
        constraints = [
            models.UniqueConstraint(fields=["page", "audience"], name="unique_resource_audience")
        ]

    def __str__(self):
        return self.get_audience_display()


class ResourceFile(Orderable):
    """A downloadable file of a material: a Wagtail document, served through a checked view."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the document title."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.label or self.document.title

    @property
    def file_type(self):
        return self.document.file_extension.upper()

    @property
    def file_size(self):
        return self.document.get_file_size()


class ResourceLink(Orderable):
    """A link to a material hosted elsewhere, e.g. a national video."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("link text"), max_length=255)
    url = models.URLField(_("web address"), validators=[web_url_validator])

    panels = [FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return self.title
