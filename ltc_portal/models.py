"""The site's own pages and settings: the home page, plain content pages, the concern panel."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.forms import PortalPageForm
from core.phones import tel_target
from core.privacy import viewable_by
from directory.models import FindYourLCTPage


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
        context["sections"] = viewable_by(sections, request.user, request).specific()
        context["find_lct_page"] = FindYourLCTPage.objects.live().public().first()
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
