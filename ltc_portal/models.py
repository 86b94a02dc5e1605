"""The site's own pages and settings: the home page, plain content pages, a page for each
audience, the report-a-concern page and the concern panel."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.forms import PortalPageForm
from core.phones import tel_target
from core.privacy import public, viewable_by
from directory.enums import OrganisationKind
from directory.models import DirectoryPage, FindYourLCTPage, Organisation
from resources.enums import Audience
from resources.models import ResourceIndexPage, ResourcePage


class HomePage(Page):
    """The site root: what the partnerships are for, and the ways in."""

    intro = models.TextField(
        _("introduction"),
        default=(
            "Local Children's Trusts bring together schools, police, health, council services and "
            "voluntary, uniformed and faith youth groups in each district to protect children "
            "from sexual exploitation."
        ),
    )
    body = RichTextField(_("what the partnerships are for"), blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.get_children().live().in_menu()
        # Title, description and address are on every page: no need for each one's own type.
        context["sections"] = viewable_by(sections, request.user, request)
        context["find_lct_page"] = public(FindYourLCTPage.objects.live()).first()
        return context


class StandardPage(Page):
    """A plain content page: the accessibility statement, the privacy notice, guidance."""

    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"))
    #: Shown at the foot of the page, e.g. when an accessibility statement was last reviewed.
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="warning")
class ConcernSettings(BaseSiteSetting):
    """Where to report a concern about a child: shown on every page of the site."""

    heading = models.CharField(_("heading"), max_length=100, default="Worried about a child?")
    emergency_text = models.CharField(
        _("emergency"),
        max_length=255,
        default="If a child is in immediate danger, call 999.",
    )
    police_text = models.CharField(
        _("police non-emergency"),
        max_length=255,
        default="To tell the police about a concern that is not an emergency, call 101.",
    )
    front_door_name = models.CharField(
        _("children's services front door"),
        max_length=255,
        default="Children's Services Family Front Door",
    )
    front_door_phone = models.CharField(
        _("front door phone"), max_length=40, default="01905 822666"
    )
    front_door_email = models.EmailField(
        _("front door email"), blank=True, default="familyfrontdoor@example.gov.uk"
    )
    front_door_url = models.URLField(
        _("front door web page"), blank=True, default="https://www.example.gov.uk/familyfrontdoor"
    )
    out_of_hours_phone = models.CharField(
        _("out-of-hours phone"),
        max_length=40,
        blank=True,
        default="01905 768020",
        help_text=_("Evenings, weekends and bank holidays."),
    )
    #: The report-a-concern page: every route, for the public, professionals and children.
    more_help_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("more ways to get help"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the panel as “More ways to get help”: the report-a-concern page."),
    )
    disclaimer = models.CharField(
        _("what this site does not do"),
        max_length=255,
        default=(
            "This website does not take reports about children. "
            "Use the numbers above so the right people can act straight away."
        ),
    )

    panels = [
        FieldPanel("heading"),
        FieldPanel("emergency_text"),
        FieldPanel("police_text"),
        MultiFieldPanel(
            [
                FieldPanel("front_door_name"),
                FieldPanel("front_door_phone"),
                FieldPanel("front_door_email"),
                FieldPanel("front_door_url"),
                FieldPanel("out_of_hours_phone"),
            ],
            heading=_("Children's services front door"),
        ),
        FieldPanel("more_help_page"),
        FieldPanel("disclaimer"),
    ]

    class Meta:
        verbose_name = _("report a concern panel")

    @property
    def tel_front_door(self):
        return tel_target(self.front_door_phone)

    @property
    def tel_out_of_hours(self):
        return tel_target(self.out_of_hours_phone)

    @property
    def more_help(self):
        """The live page chosen for more help, or None; asks nothing of the database when no
        page is chosen, as on the server-error page."""
        if self.more_help_page_id is None:
            return None
        page = self.more_help_page
        return page if page is not None and page.live else None


@register_setting(icon="link")
class FooterSettings(BaseSiteSetting):
    """The pages every footer links to; UK public-sector sites must link both."""

    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("accessibility_statement"), FieldPanel("privacy_notice")]

    class Meta:
        verbose_name = _("footer links")


class AudiencePageForm(PortalPageForm):
    """Ticks for the library's audiences whose materials the page lists."""

    material_audiences = forms.MultipleChoiceField(
        label=_("List materials for"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The page lists every published material for any audience ticked here."),
    )


class AudiencePage(Page):
    """“I am a …”: what the Local Children's Trust is to one audience, their approved
    materials (listed from the library), training, whom to contact and how to join."""

    #: The home page's link to this page, e.g. “I am a parent or carer”.
    entry_label = models.CharField(
        _("link text on the home page"),
        max_length=100,
        help_text=_("Finishes “I am …” or says who it is for, e.g. “I am a parent or carer”."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=255,
        blank=True,
        help_text=_("One line under the home page's link."),
    )
    what_the_lct_is = RichTextField(_("what your Local Children's Trust is to you"))
    material_audiences = models.JSONField(_("list materials for"), default=list, blank=True)
    training = RichTextField(_("training"), blank=True)
    contact = RichTextField(_("whom to contact"), blank=True)
    #: Lists every organisation of this kind, e.g. each district's taxi licensing team.
    contact_kind = models.CharField(
        _("list organisations of this kind"),
        max_length=32,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("Shown under “Whom to contact” with their public phone and email."),
    )
    how_to_join = RichTextField(_("how to join your Local Children's Trust"), blank=True)

    base_form_class = AudiencePageForm
    content_panels = Page.content_panels + [
        FieldPanel("entry_label"),
        FieldPanel("summary"),
        FieldPanel("what_the_lct_is"),
        FieldPanel("material_audiences"),
        FieldPanel("training"),
        FieldPanel("contact"),
        FieldPanel("contact_kind"),
        FieldPanel("how_to_join"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("what_the_lct_is"),
        index.SearchField("training"),
        index.SearchField("contact"),
        index.SearchField("how_to_join"),
    ]
    parent_page_types = ["ltc_portal.HomePage"]
    subpage_types: list[str] = []

    #: Materials listed on the page; the rest are a link away in the library.
    materials_shown = 12

    class Meta:
        verbose_name = _("audience page (“I am a …”)")

    @property
    def audience_labels(self):
        return [Audience(value).label for value in self.material_audiences]

    def materials(self, library, user):
        """The live materials for this page's audiences that this viewer may see, as the
        library itself lists them (published visibility and Wagtail privacy both asked)."""
        if library is None or not self.material_audiences:
            return ResourcePage.objects.none()
        return (
            library.materials_for(user)
            .filter(audience_links__audience__in=self.material_audiences)
            .distinct()
            .order_by("title")
        )

    def library_url(self, library, request):
        """The library filtered to this page's audiences."""
        base = library.get_url(request)
        if len(self.material_audiences) == 1:
            return base + library.reverse_subpage(
                "for_audience", kwargs={"audience": self.material_audiences[0]}
            )
        return base + "?" + "&".join(f"audience={value}" for value in self.material_audiences)

    def contact_organisations(self, directory, request):
        """The organisations of `contact_kind`, each with its directory address."""
        if not self.contact_kind:
            return []
        found = Organisation.objects.filter(kind=self.contact_kind).select_related("area")
        return [
            {
                "organisation": organisation,
                "url": directory.organisation_url(organisation, request) if directory else None,
            }
            for organisation in found.order_by("area__name", "name")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        library = viewable_by(ResourceIndexPage.objects.live(), request.user, request).first()
        materials = self.materials(library, request.user)
        context["materials"] = list(materials[: self.materials_shown])
        context["materials_count"] = materials.count()
        context["library_url"] = (
            self.library_url(library, request) if library and self.material_audiences else None
        )
        directory = DirectoryPage.find_live()
        context["contact_organisations"] = self.contact_organisations(directory, request)
        context["find_lct_page"] = public(FindYourLCTPage.objects.live()).first()
        context["concern_page"] = public(ReportConcernPage.objects.live()).first()
        return context


class RouteBlock(blocks.StructBlock):
    """One way to get help, for one kind of person."""

    heading = blocks.CharBlock(
        label=_("heading"), help_text=_("e.g. “If you are a child or young person”")
    )
    body = blocks.RichTextBlock(label=_("what to do"))

    class Meta:
        icon = "arrow-right"
        label = _("route")


class ReportConcernPage(Page):
    """How to report a concern about a child, by route: the public, professionals, children.

    The site never takes a report itself: there is no form, only who to call and how.
    """

    intro = RichTextField(_("introduction"), blank=True)
    routes = StreamField(
        [("route", RouteBlock())],
        verbose_name=_("routes"),
        help_text=_("One route for each kind of person, in the order shown."),
    )

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("routes")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("routes"),
    ]
    parent_page_types = ["ltc_portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("report a concern page")
