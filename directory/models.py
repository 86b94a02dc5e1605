"""The partnership directory: areas, organisations, people and published memberships."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.enums import ChoiceLabels, Visibility
from core.forms import ChosenDocumentsMixin, PortalPageForm
from core.paging import paginate
from core.privacy import public, viewable_by

from .enums import OrganisationKind, PartnershipKind, Phase, Role, SuggestionStatus
from .forms import AdministratorFieldsMixin, MembershipRulesMixin
from .postcodes import (
    InvalidPostcode,
    is_outward_code,
    looks_like_postcode,
    normalise_postcode,
    outward_code,
    parse_outward_codes,
    place_key,
)
from .visibility import contact_for

#: An ONS local authority district code, e.g. E07000236 (Redditch).
ONS_CODE = RegexValidator(
    r"^[EWSN][0-9]{8}$",
    _("An ONS district code is a letter and eight digits, for example E07000236."),
    flags=re.IGNORECASE,  # clean() stores it in capitals
)


class AreaQuerySet(models.QuerySet):
    def for_postcode(self, postcode):
        """The area a postcode is in, when that is certain; None for a postcode in no area, in
        an outward code split between districts, no postcode, or text that is not a postcode.

        The same rule as "Find your LCT" (`locate`), for postcodes only: a place name is not an
        organisation's address.
        """
        try:
            normalised = outward_code(postcode) if postcode else ""
        except InvalidPostcode:
            return None
        if not normalised:
            return None
        return self.locate(postcode).area

    def for_postcodes(self, postcodes):
        """`for_postcode` for many postcodes at once: {postcode: area id or None}, in at most
        five queries however many there are (for imports, which save in batches)."""
        found = {}
        outward = {}
        for postcode in set(postcodes):
            try:
                outward[postcode] = outward_code(postcode) if postcode else ""
            except InvalidPostcode:
                outward[postcode] = ""
            if not outward[postcode]:
                found[postcode] = None
        full = {}
        for postcode in outward.keys() - found.keys():
            try:
                full[normalise_postcode(postcode)] = postcode
            except InvalidPostcode:
                continue  # an outward code alone: decided by its outward code below
        for postcode, area_id in Postcode.objects.filter(postcode__in=full).values_list(
            "postcode", "area_id"
        ):
            found[full[postcode]] = area_id
        codes = {outward[p] for p in outward.keys() - found.keys()}
        by_code = {}
        for summary in OutwardCode.objects.filter(code__in=codes).prefetch_related("areas"):
            areas = list(summary.areas.all())
            single = len(areas) == 1 and not summary.partly_outside
            by_code[summary.code] = areas[0].pk if single else None
        if codes - by_code.keys():
            if Postcode.objects.exists():
                by_code.update(dict.fromkeys(codes - by_code.keys()))
            else:
                # No postcode directory loaded yet: the areas' own outward codes decide.
                areas = list(Area.objects.all())
                for code in codes - by_code.keys():
                    having = [a.pk for a in areas if code in a.outward_code_list]
                    by_code[code] = having[0] if len(having) == 1 else None
        for postcode in outward.keys() - found.keys():
            found[postcode] = by_code[outward[postcode]]
        return found

    def locate(self, text):
        """Where `text` (a postcode, an outward code or a place name) is: see `Location`.

        The order: the full postcode in the loaded postcode directory; else its outward code
        when all the outward code's postcodes lie in one district of the county and none
        outside it; else a choice between the districts and places it is split between. Until
        a postcode directory is loaded, the areas' own outward codes decide. A fixed number
        of queries whatever the answer.
        """
        return locate(text)


class Area(ClusterableModel):
    """A district of the county; each has one Local Children's Trust."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    #: The ONS local authority district code: the postcode directory's district column.
    ons_code = models.CharField(
        _("ONS district code"),
        max_length=9,
        blank=True,
        validators=[ONS_CODE],
        help_text=_(
            "The district's code in the ONS Postcode Directory, for example E07000236 for "
            "Redditch. Postcodes are imported for the districts that have one."
        ),
    )
    #: Postcode outward codes the district covers, separated by spaces or commas.
    outward_codes = models.TextField(
        _("postcode outward codes"),
        blank=True,
        help_text=_(
            "The first half of the postcodes this district covers, e.g. WR11, B60. Used to find "
            "the district of a postcode only until the ONS postcode directory is imported."
        ),
    )
    #: The group whose members coordinate this area: what they may edit in the directory comes
    #: from here (set by `setup_roles`), never from a page field they could change themselves.
    coordinators = models.OneToOneField(
        "auth.Group",
        verbose_name=_("coordinators group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_area",
    )

    objects = AreaQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("ons_code"),
        FieldPanel("outward_codes"),
        InlinePanel("places", heading=_("Towns and villages"), label=_("place")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"],
                condition=~Q(ons_code=""),
                name="unique_area_ons_code",
                violation_error_message=_("Another area has this ONS district code."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.ons_code = self.ons_code.strip().upper()
        try:
            self.outward_codes = " ".join(parse_outward_codes(self.outward_codes))
        except InvalidPostcode as error:
            raise ValidationError({"outward_codes": str(error)}) from error

    @property
    def outward_code_list(self):
        return parse_outward_codes(self.outward_codes)


class Place(models.Model):
    """A town or village of the county, so that "Find your LCT" understands its name."""

    area = ParentalKey(Area, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("name"), max_length=100)
    #: The name as the lookup compares it: lower case, punctuation and spaces as hyphens.
    key = models.SlugField(max_length=100, editable=False, db_index=True)
    #: Outward codes the place's postcodes start with; offered when one is split.
    outward_codes = models.CharField(
        _("postcode outward codes"),
        max_length=100,
        blank=True,
        help_text=_("e.g. B96: the place is offered when someone enters a split outward code."),
    )

    panels = [FieldPanel("name"), FieldPanel("outward_codes")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("town or village")
        verbose_name_plural = _("towns and villages")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = place_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        try:
            self.outward_codes = " ".join(parse_outward_codes(self.outward_codes))
        except InvalidPostcode as error:
            raise ValidationError({"outward_codes": str(error)}) from error

    @property
    def outward_code_list(self):
        return parse_outward_codes(self.outward_codes)


class Postcode(models.Model):
    """A postcode of the county's districts, from the ONS Postcode Directory (import_postcodes)."""

    postcode = models.CharField(_("postcode"), max_length=8, primary_key=True)
    outward_code = models.CharField(_("outward code"), max_length=4)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="postcodes"
    )
    #: The month the Royal Mail stopped using it; it still finds its district.
    terminated_on = models.DateField(_("terminated"), null=True, blank=True)

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        indexes = [models.Index(fields=["outward_code", "area"], name="postcode_outward_area")]

    def __str__(self):
        return self.postcode


class OutwardCode(models.Model):
    """An outward code with postcodes in the county: which districts share it, and whether some
    of its postcodes lie outside the county. Written by `import_postcodes` with the postcodes."""

    code = models.CharField(_("outward code"), max_length=4, primary_key=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), related_name="+")
    #: Some of its postcodes are in districts outside the county (dropped at import).
    partly_outside = models.BooleanField(_("partly outside the county"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("outward code")
        verbose_name_plural = _("outward codes")

    def __str__(self):
        return self.code


@dataclass(frozen=True)
class Choice:
    """One answer to pick when the text fits several districts or places."""

    label: str
    #: What to look up to get this answer (a place name, "Name, District", a district name).
    query: str
    area: Area
    #: A district offered as itself rather than a town in it.
    is_district: bool = False


@dataclass(frozen=True)
class Location:
    """Where a postcode, outward code or place name is: an area, a choice, or an error."""

    #: "postcode", "outward", "place" or "area": what the text was understood as.
    kind: str = ""
    #: The text as confirmed back: "B97 4AA", "Hagley", "Wychavon".
    label: str = ""
    #: Text that finds this same answer again (for a link or a redirect).
    query: str = ""
    area: Area | None = None
    #: The question to ask when the answer is a choice.
    question: str = ""
    choices: tuple[Choice, ...] = ()
    #: The outward code is partly outside the county: "none of these" is a real answer.
    partly_outside: bool = False
    error: str = ""

    def confirmation(self, lct):
        """ "B97 4AA is in Redditch: your LCT is Redditch Local Children's Trust"."""
        if self.kind == "area":
            return _("%(area)s: your LCT is %(lct)s") % {"area": self.area, "lct": lct.title}
        return _("%(label)s is in %(area)s: your LCT is %(lct)s") % {
            "label": self.label,
            "area": self.area,
            "lct": lct.title,
        }


#: Places a choice offers at most.
MAX_CHOICES = 20


def locate(text):
    """Where `text` is; see `AreaQuerySet.locate`."""
    text = " ".join("".join(c for c in str(text or "") if c.isprintable()).split())[:100]
    if not text:
        return Location(
            error=str(
                _(
                    "Enter a postcode, or the name of your town or village: for example "
                    "WR5 2NP or Droitwich."
                )
            )
        )
    if not looks_like_postcode(text):
        return _locate_place(text)
    if is_outward_code(text):
        return _locate_outward(outward_code(text), None)
    try:
        postcode = normalise_postcode(text)
    except InvalidPostcode:
        return Location(
            error=str(
                _(
                    "“%(text)s” is not a UK postcode, nor a town or village in the county. Enter "
                    "a full postcode, for example WR5 2NP, or the name of your town or village."
                )
                % {"text": text}
            )
        )
    found = Postcode.objects.select_related("area").filter(postcode=postcode).first()
    if found is not None:
        return Location(kind="postcode", label=postcode, query=postcode, area=found.area)
    return _locate_outward(postcode.split(" ")[0], postcode)


def _not_in_county(label):
    return Location(
        error=str(
            _(
                "%(postcode)s is not in one of the county's districts. Check the postcode, or "
                "use the county-wide contacts below."
            )
            % {"postcode": label}
        )
    )


def _locate_outward(code, postcode):
    """A postcode not in the directory (or an outward code alone), by its outward code."""
    label = postcode or code
    summary = OutwardCode.objects.filter(code=code).prefetch_related("areas").first()
    if summary is not None:
        areas = sorted(summary.areas.all(), key=lambda a: a.name)
        partly_outside = summary.partly_outside
    elif Postcode.objects.exists():
        return _not_in_county(label)
    else:
        # No postcode directory loaded yet: the areas' own outward codes decide.
        areas = [a for a in Area.objects.order_by("name") if code in a.outward_code_list]
        partly_outside = False
    if not areas:
        return _not_in_county(label)
    if len(areas) == 1 and not partly_outside:
        return Location(kind="outward", label=label, query=label, area=areas[0])
    names = [a.name for a in areas]
    if partly_outside:
        names.append(str(_("places outside the county")))
    between = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    question = _("%(code)s is split between %(between)s: which town?") % {
        "code": code,
        "between": between,
    }
    if postcode:
        question = (
            _("%(postcode)s is not in our list of the county's postcodes, and ")
            % {"postcode": postcode}
        ) + question
    places = [
        p
        for p in Place.objects.filter(area__in=areas).select_related("area")
        if code in p.outward_code_list
    ]
    return Location(
        kind="outward",
        label=label,
        question=str(question),
        choices=_place_choices(places[:MAX_CHOICES])
        + tuple(Choice(a.name, a.name, a, is_district=True) for a in areas),
        partly_outside=partly_outside,
    )


def _place_choices(places):
    names = [p.key for p in places]
    return tuple(
        Choice(
            p.name,
            f"{p.name}, {p.area.name}" if names.count(p.key) > 1 else p.name,
            p.area,
        )
        for p in sorted(places, key=lambda p: (p.name.lower(), p.area.name))
    )


def _locate_place(text):
    """A town or village (or a district) by name; "Broadway, Wychavon" picks the district."""
    name, _comma, district = text.partition(",")
    key, district_key = place_key(name), place_key(district)
    found = []
    if key:
        places = Place.objects.select_related("area")
        if district_key:
            places = places.filter(Q(area__slug=district_key) | Q(area__name__iexact=district))
        found = list(places.filter(key=key)[:MAX_CHOICES])
        if not found and len(key) >= 3:
            found = list(places.filter(key__startswith=key)[:MAX_CHOICES])
    if len(found) == 1:
        place = found[0]
        return Location(kind="place", label=place.name, query=text, area=place.area)
    if found:
        return Location(
            kind="place",
            label=text,
            question=str(_("More than one place matches “%(text)s”: which one?") % {"text": text}),
            choices=_place_choices(found),
        )
    for area in Area.objects.all():
        if key and key in (area.slug, place_key(area.name)):
            return Location(kind="area", label=area.name, query=area.name, area=area)
    return Location(
        error=str(
            _(
                "“%(text)s” is not a UK postcode, nor a town or village in the county that we "
                "know. Enter a full postcode, for example WR5 2NP, or the name of your town or "
                "village."
            )
            % {"text": text}
        )
    )


#: Websites must be ordinary web addresses: no javascript:, ftp: or data: links.
web_url_validator = URLValidator(schemes=["http", "https"])


class TaggedOrganisation(TaggedItemBase):
    content_object = ParentalKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Organisation(ChoiceLabels, index.Indexed, ClusterableModel):
    """A school, youth group, police team, health or council service, or taxi licensing body."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    #: The school's unique reference number in the national register (GIAS); schools only.
    urn = models.PositiveIntegerField(_("URN"), unique=True, null=True, blank=True)
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    #: Derived from the postcode's outward code unless an editor sets it.
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("Leave empty to work it out from the postcode."),
    )
    website = models.URLField(_("website"), blank=True, validators=[web_url_validator])
    #: The organisation's own switchboard and inbox: public by nature, unlike a person's.
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    dsl = models.ForeignKey(
        "directory.Person",
        verbose_name=_("designated safeguarding lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Whether staff or volunteers have had CSE training, e.g. as a taxi licence condition.
    trained_on = models.DateField(_("CSE training recorded on"), null=True, blank=True)
    tags = ClusterTaggableManager(through=TaggedOrganisation, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("urn"), FieldPanel("phase")], heading=_("School details")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("postcode"), FieldPanel("area")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Public contact details"),
        ),
        FieldPanel("dsl"),
        FieldPanel("trained_on"),
        FieldPanel("tags"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
        index.SearchField("postcode"),
        index.SearchField("kind_label"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("phase"),
        index.FilterField("area"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def kind_label(self):
        """The kind in words, for the search index: "youth group" finds the youth groups.

        As `get_kind_display()`, which builds a dictionary of every choice, translating each
        label, on every call: a third of a national import's indexing time.
        """
        try:
            return str(OrganisationKind(self.kind).label)
        except ValueError:  # not one of the choices: shown as it is, as get_kind_display does
            return str(self.kind)

    def clean(self):
        errors = {}
        if self.postcode:
            try:
                self.postcode = normalise_postcode(self.postcode)
            except InvalidPostcode as error:
                errors["postcode"] = str(error)
        if self.kind != OrganisationKind.SCHOOL and (self.urn or self.phase):
            errors["kind"] = _("Only schools have a URN and a phase.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.area_id is None:
            self.area = Area.objects.for_postcode(self.postcode)
        super().save(*args, **kwargs)


class Person(ChoiceLabels, index.Indexed, models.Model):
    """Someone in the directory; their contact details are shown only at their visibility."""

    name = models.CharField(_("name"), max_length=255)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = models.CharField(
        _("who may see the contact details"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PARTNERS,
        help_text=_("The name and role are always shown where the membership is public."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("visibility")],
            heading=_("Contact details"),
        ),
        FieldPanel("user"),
    ]

    # Only the name and job title are indexed: contact details never reach the search index.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.FilterField("visibility"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class PartnershipIndexPage(Page):
    """Lists the Local Children's Trusts and county groups."""

    intro = RichTextField(_("introduction"), blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["directory.PartnershipPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partnerships index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partnerships = list(
            viewable_by(PartnershipPage.objects.child_of(self).live(), request.user, request)
            .select_related("area", "coordinator")
            .order_by("title")
        )
        context["lcts"] = [p for p in partnerships if p.kind == PartnershipKind.LCT]
        context["county_groups"] = [p for p in partnerships if p.kind != PartnershipKind.LCT]
        return context


class PartnershipPageForm(
    MembershipRulesMixin, AdministratorFieldsMixin, ChosenDocumentsMixin, WagtailAdminPageForm
):
    """The partnership editor: only county administrators set a partnership's kind and area;
    members are checked as a whole (`MembershipRulesMixin`).

    The area decides which LCT a postcode finds and whose coordinator an organisation's page
    shows, so a coordinator editing their own LCT page must not move it to another district.
    """

    administrator_fields = ("kind", "area")
    administrator_fields_message = _(
        "Only a county administrator may change a partnership's kind or area."
    )


class PartnershipPage(ChoiceLabels, Page):
    """A Local Children's Trust or a county group such as the headteacher group."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=PartnershipKind.choices, default=PartnershipKind.LCT
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_("The district of a Local Children's Trust. County groups have none."),
    )
    purpose = RichTextField(_("purpose"), blank=True)
    coordinator = models.ForeignKey(
        Person,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how_to_get_involved = RichTextField(_("how to get involved"), blank=True)
    #: When the membership list last changed (set on save when the rows differ).
    members_changed_at = models.DateTimeField(
        _("membership list last changed"), null=True, blank=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("purpose"),
        FieldPanel("coordinator"),
        FieldPanel("how_to_get_involved"),
        InlinePanel("memberships", heading=_("Members"), label=_("member")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("how_to_get_involved"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["directory.PartnershipIndexPage"]
    base_form_class = PartnershipPageForm
    #: A copy starts without a district (each area has one LCT): an administrator sets it.
    exclude_fields_in_copy = ["area"]
    #: Members listed per page of a partnership's page.
    members_per_page = 30

    class Meta:
        verbose_name = _("partnership")
        constraints = [
            models.UniqueConstraint(
                fields=["area"],
                condition=Q(kind=PartnershipKind.LCT),
                name="one_lct_per_area",
                violation_error_message=_(
                    "This area already has its Local Children's Trust: each area has one."
                ),
            )
        ]

    def permissions_for_user(self, user):
        # Only administrators may delete a partnership: the admin hides Delete for others too.
        from .permissions import PartnershipPagePermissionTester

        return PartnershipPagePermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.kind == PartnershipKind.LCT and not self.area_id:
            raise ValidationError({"area": _("A Local Children's Trust needs its district.")})
        if self.kind == PartnershipKind.COUNTY_GROUP and self.area_id:
            raise ValidationError({"area": _("A county group covers the whole county.")})

    def save(self, *args, **kwargs):
        if self._membership_rows_changed():
            self.members_changed_at = timezone.now()
        return super().save(*args, **kwargs)

    def _membership_rows_changed(self):
        def key(rows):
            return sorted(rows, key=repr)

        fields = ("person_id", "role", "organisation_id", "start_date", "end_date")
        in_memory = [tuple(getattr(m, f) for f in fields) for m in self.memberships.all()]
        if self.pk is None:
            return bool(in_memory)
        stored = list(Membership.objects.filter(page_id=self.pk).values_list(*fields))
        return key(in_memory) != key(stored)

    def confirmation(self, text):
        """ "B97 4AA is in Redditch: your LCT is ..." when `text` (from "Find your LCT") is in
        this LCT's district; nothing for text found elsewhere, so a link cannot say otherwise."""
        if not text or self.kind != PartnershipKind.LCT or self.area_id is None:
            return ""
        location = Area.objects.locate(text)
        if location.area is None or location.area.pk != self.area_id:
            return ""
        return location.confirmation(self)

    @property
    def list_last_changed(self):
        return self.members_changed_at or self.last_published_at

    def current_memberships(self):
        """Current members, in role order (chair first) then by name, with what they represent."""
        order = Case(
            *[When(role=value, then=Value(n)) for n, value in enumerate(Role.values)],
            output_field=IntegerField(),
        )
        return (
            Membership.objects.current()
            .filter(page=self)
            .select_related("person", "person__organisation", "organisation")
            .annotate(role_order=order)
            .order_by("role_order", "person__name", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["confirmation"] = self.confirmation(request.GET.get("postcode"))
        if context["confirmation"]:
            context["find_page"] = public(FindYourLCTPage.objects.live()).first()
        directory = DirectoryPage.find_live()
        base = directory.get_url(request) if directory else ""
        members = []
        organisations = {}
        for membership in self.current_memberships():
            organisation = membership.organisation or membership.person.organisation
            if organisation is not None:
                organisations[organisation.pk] = organisation
            members.append(
                {
                    **contact_card(membership.person, request, directory),
                    "role": membership.get_role_display(),
                    "organisation": organisation,
                    "organisation_url": (
                        base + directory.organisation_subpath(organisation)
                        if directory and organisation
                        else ""
                    ),
                }
            )
        paging = paginate(request, members, self.members_per_page)
        groups = []
        for member in paging["page_obj"].object_list:
            if groups and groups[-1]["role"] == member["role"]:
                groups[-1]["members"].append(member)
            else:
                groups.append({"role": member["role"], "members": [member]})
        context.update(
            paging,
            member_groups=groups,
            member_count=len(members),
            organisations=[
                {
                    "name": o.name,
                    "url": base + directory.organisation_subpath(o) if directory else "",
                }
                for o in sorted(organisations.values(), key=lambda o: o.name.lower())
            ],
            coordinator=(
                contact_card(self.coordinator, request, directory) if self.coordinator else None
            ),
        )
        return context


def lct_for_area(area):
    """The live, public LCT page of this area, or None."""
    if area is None:
        return None
    return (
        public(PartnershipPage.objects.live())
        .filter(kind=PartnershipKind.LCT, area=area)
        .select_related("coordinator")
        .first()
    )


def contact_card(person, request, directory):
    """A person as this viewer may see them, and the address of their vCard when it would hold
    any details (none without a live directory page)."""
    contact = contact_for(person, request.user)
    has_card = directory is not None and contact.has_details
    return {
        "contact": contact,
        "vcard_url": directory.vcard_url(person, request) if has_card else "",
    }


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships in force on a date (today by default): past and future seats left out."""
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class Membership(ChoiceLabels, Orderable):
    """A person's seat on a partnership, in a role, representing an organisation."""

    page = ParentalKey(PartnershipPage, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldPanel("person"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}) on {self.page}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must be after the start date.")})


def partnerships_of(user):
    """The live partnerships on which this user's person currently sits and that they may open
    (an editor may have restricted a partnership's page to some groups)."""
    if user is None or not user.is_authenticated:
        return PartnershipPage.objects.none()
    seats = Membership.objects.current().filter(person__user=user)
    partnerships = PartnershipPage.objects.live().filter(pk__in=seats.values("page_id"))
    return viewable_by(partnerships, user).order_by("title")


class DirectoryPage(RoutablePageMixin, Page):
    """Who to contact: search and filter organisations; each has its own page under this one."""

    intro = RichTextField(_("introduction"), blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["ltc_portal.HomePage"]
    subpage_types = []
    max_count = 1

    #: Organisations per page of results.
    per_page = 20

    class Meta:
        verbose_name = _("directory")

    @classmethod
    def find_live(cls):
        return public(cls.objects.live()).first()

    def organisation_subpath(self, organisation):
        slug = slugify(organisation.name)[:80] or "organisation"
        return self.reverse_subpage("organisation", kwargs={"pk": organisation.pk, "slug": slug})

    def organisation_url(self, organisation, request=None):
        return self.get_url(request) + self.organisation_subpath(organisation)

    def vcard_url(self, person, request=None):
        return self.get_url(request) + self.reverse_subpage("vcard", kwargs={"pk": person.pk})

    @path("")
    def index_route(self, request):
        from .search import search_directory

        context = self.get_context(request)
        context.update(search_directory(self, request))
        return TemplateResponse(request, "directory/directory_page.html", context)

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-\w]*)/$", name="organisation")
    def organisation_route(self, request, pk, slug):
        """An organisation's page: its contacts as this viewer may see them, and its LCT."""
        organisation = (
            Organisation.objects.select_related("area", "dsl", "dsl__organisation")
            .prefetch_related("tags", "people")
            .filter(pk=pk)
            .first()
        )
        if organisation is None:
            raise Http404
        canonical = self.organisation_url(organisation, request)
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        lct = lct_for_area(organisation.area)
        people = sorted(organisation.people.all(), key=lambda p: p.name.lower())
        context = self.get_context(request)
        context.update(
            {
                "organisation": organisation,
                "dsl": contact_card(organisation.dsl, request, self) if organisation.dsl else None,
                "people": [
                    contact_card(p, request, self) for p in people if p.pk != organisation.dsl_id
                ],
                "lct": lct,
                "coordinator": (
                    contact_card(lct.coordinator, request, self)
                    if lct and lct.coordinator
                    else None
                ),
                "tags": list(organisation.tags.all()),
            }
        )
        return TemplateResponse(request, "directory/organisation_page.html", context)

    @path("people/<int:pk>/vcard/", name="vcard")
    def vcard_route(self, request, pk):
        from .vcard import vcard_response

        person = Person.objects.select_related("organisation").filter(pk=pk).first()
        if person is None:
            raise Http404
        return vcard_response(person, request.user)


class FindYourLCTPage(Page):
    """Enter a postcode, get the Local Children's Trust for the district it is in."""

    intro = RichTextField(_("introduction"), blank=True)
    county_contacts = RichTextField(
        _("county-wide contacts"),
        blank=True,
        help_text=_("Shown when a postcode is not in the county or not a postcode."),
    )

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("county_contacts")]
    parent_page_types = ["ltc_portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("find your Local Children's Trust")

    def serve(self, request, *args, **kwargs):
        from .lookup import find_lct

        if "postcode" in request.GET:
            outcome = find_lct(request.GET["postcode"])
            if outcome.page is not None:
                # The LCT page says what was found ("B97 4AA is in Redditch: ...").
                query = urlencode({"postcode": outcome.postcode})
                return redirect(f"{outcome.page.get_url(request)}?{query}")
            request.find_lct_outcome = outcome
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outcome"] = getattr(request, "find_lct_outcome", None)
        context["postcode"] = request.GET.get("postcode", "")[:100]
        context["county_groups"] = (
            public(PartnershipPage.objects.live())
            .filter(kind=PartnershipKind.COUNTY_GROUP)
            .order_by("title")
        )
        context["partnerships_index"] = public(PartnershipIndexPage.objects.live()).first()
        return context


class ChangeSuggestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=SuggestionStatus.OPEN)

    def in_areas(self, areas):
        """The suggestions about these editable areas (every one, area-less too, for `every`)."""
        if areas.every:
            return self.all()
        return self.filter(area__in=areas.ids)


class ChangeSuggestion(models.Model):
    """A visitor's note that a detail on an organisation's or partnership's page is wrong.

    It waits in the coordinator's queue in the admin and is never shown on the public page. The
    suggester's email is personal data: only the coordinators of its area (and county
    administrators) see it, and it is erased when the suggestion is marked done.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_suggestions",
    )
    partnership = models.ForeignKey(
        PartnershipPage,
        verbose_name=_("partnership"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_suggestions",
    )
    #: The area whose coordinators handle it, fixed when it arrives; none for county groups and
    #: organisations outside the districts (county administrators handle those).
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_suggestions",
    )
    text = models.TextField(_("what is wrong"), max_length=2000)
    email = models.EmailField(_("suggester's email"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=8, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = ChangeSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggested change")
        verbose_name_plural = _("suggested changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) ^ Q(partnership__isnull=True),
                name="suggestion_about_one_thing",
            )
        ]

    def __str__(self):
        # Only the public page's name: audit-log labels are listed to every editor of the model.
        return f"Suggested change to {self.subject_name}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.area_id is None:
            subject = self.subject
            self.area_id = subject.area_id if subject is not None else None
        super().save(*args, **kwargs)

    @property
    def subject(self):
        return self.organisation or self.partnership

    @property
    def subject_name(self):
        subject = self.subject
        return subject.title if isinstance(subject, Page) else str(subject or "")

    def mark_done(self, user):
        """Done: who handled it and when; the suggester's email is no longer needed, so it goes."""
        self.status = SuggestionStatus.DONE
        self.handled_by = user
        self.handled_at = timezone.now()
        self.email = ""
