"""The directory's admin forms: administrator-only fields, and records kept to the editor's area.

Who may edit what is `directory.permissions`' rule; these forms ask it, and the models, when a
form is used (not at import: the models use these forms).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm


def _editable_areas(user):
    """The areas `user` may edit in; every area for a form built by the portal's own code."""
    from .permissions import EditableAreas, editable_areas

    return editable_areas(user) if user else EditableAreas(every=True)


def _area_names(areas):
    from .models import Area

    names = list(Area.objects.filter(pk__in=areas.ids).values_list("name", flat=True))
    return ", ".join(names) if names else _("no district")


def not_your_district(organisation, areas):
    """The error for an organisation outside the editor's districts, saying why and whom to ask:
    "Needlewood Scouts is in Wyre Forest; you coordinate Redditch — ask the county
    administrator"."""
    values = {
        "organisation": organisation.name,
        "district": organisation.area.name if organisation.area_id else "",
        "yours": _area_names(areas),
    }
    if organisation.area_id:
        message = _(
            "%(organisation)s is in %(district)s; you coordinate %(yours)s — ask the county "
            "administrator."
        )
    else:
        message = _(
            "%(organisation)s is in no district; you coordinate %(yours)s — ask the county "
            "administrator."
        )
    return ValidationError(message, code="area_not_yours", params=values)


def _as_text(value):
    return "" if value is None else str(value)


class AdministratorFieldsMixin:
    """A model form mixin: the fields in `administrator_fields` are for county administrators.

    These fields decide what someone may edit or who someone is (a partnership's area and kind,
    a person's user account), so the person whose permission they decide must not set them.
    For anyone else the fields are taken out of the form (the admin then leaves their panels
    out), a posted value that differs from the stored one is refused, and the stored values
    are put back on the instance, so that reverting to an old revision cannot bring back an
    older value either. Who is a county administrator is `directory.permissions`' rule.
    """

    #: Model field names only county administrators may set.
    administrator_fields: tuple[str, ...] = ()
    administrator_fields_message = _("Only a county administrator may change this.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .permissions import is_county_administrator

        user = self.for_user
        # No user: a form built by the portal's own code, not by an editor.
        trusted = user is None or is_county_administrator(user)
        self.withheld_fields = () if trusted else tuple(self.administrator_fields)
        for name in self.withheld_fields:
            self.fields.pop(name, None)

    def clean(self):
        cleaned_data = super().clean()
        if not self.withheld_fields:
            return cleaned_data
        stored = self._stored_values()
        for name, value in stored.items():
            posted = self.data.get(self.add_prefix(name))
            if posted is not None and _as_text(posted) != _as_text(value):
                self.add_error(
                    None,
                    ValidationError(self.administrator_fields_message, code="administrators_only"),
                )
            setattr(self.instance, self.instance._meta.get_field(name).attname, value)
        return cleaned_data

    def _stored_values(self):
        """The withheld fields' values as saved (their defaults for a new record)."""
        fields = [self.instance._meta.get_field(name) for name in self.withheld_fields]
        attnames = [field.attname for field in fields]
        row = None
        if self.instance.pk is not None:
            model = type(self.instance)
            row = model._default_manager.filter(pk=self.instance.pk).values(*attnames).first()
        if row is None:
            row = {field.attname: field.get_default() for field in fields}
        return {field.name: row[field.attname] for field in fields}


class OrganisationAreaForm(WagtailAdminModelForm):
    """The organisation form for the admin: a coordinator may only put it in their own area.

    The policy cannot see a record before it exists, so adding one is checked here: the area
    chosen, or worked out from the postcode, must be one the editor may edit.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = _editable_areas(self.for_user)
        if not self.areas.every and "area" in self.fields:
            field = self.fields["area"]
            field.queryset = field.queryset.filter(pk__in=self.areas.ids)
            field.error_messages["invalid_choice"] = _(
                "You coordinate %(yours)s: choose it, or ask the county administrator to add "
                "an organisation in another district."
            ) % {"yours": _area_names(self.areas)}

    def clean(self):
        cleaned_data = super().clean()
        if self.areas.every:
            return cleaned_data
        from .models import Area

        if "area" in self.errors:
            return cleaned_data
        postcode = cleaned_data.get("postcode")
        area = cleaned_data.get("area") or Area.objects.for_postcode(postcode)
        if area is None or area.pk not in self.areas:
            if area is not None:
                message = _(
                    "%(postcode)s is in %(district)s; you coordinate %(yours)s — choose your own "
                    "district, or ask the county administrator."
                )
            else:
                message = _(
                    "Choose your district (%(yours)s), or a postcode in it: you edit your "
                    "district only."
                )
            self.add_error(
                "area" if "area" in self.fields else None,
                ValidationError(
                    message,
                    code="area_not_yours",
                    params={
                        "postcode": postcode,
                        "district": area.name if area else "",
                        "yours": _area_names(self.areas),
                    },
                ),
            )
        return cleaned_data


class PersonAreaForm(AdministratorFieldsMixin, WagtailAdminModelForm):
    """The person form for the admin: a coordinator picks an organisation in their own area.

    The user account is for county administrators only: linking an account decides whose
    partnerships, private calendar and partners-only details someone sees, and the list of
    accounts would show a coordinator every username on the site. Administrators make the
    accounts, so they link them too; a coordinator's edits keep the link as it is.
    """

    administrator_fields = ("user",)
    administrator_fields_message = _(
        "Only a county administrator may link a person to a user account."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = _editable_areas(self.for_user)
        if not self.areas.every and "organisation" in self.fields:
            # Every organisation stays a valid choice, so that one in another district is
            # refused saying why (clean_organisation), not as "not one of the choices".
            field = self.fields["organisation"]
            field.required = True
            field.error_messages["required"] = _("Choose the organisation in your area.")

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation")
        if organisation is not None and organisation.area_id not in self.areas:
            raise not_your_district(organisation, self.areas)
        return organisation


class PersonChooserFilterForm(BaseFilterForm):
    """The person chooser's search: by name, job title, organisation or district, and a
    district to narrow to, so that an editor picks the right one of two people of one name."""

    q = forms.CharField(
        label=_("Name, job title, organisation or district"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        empty_label=_("All districts"),
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Area

        self.fields["area"].queryset = Area.objects.all()

    def filter(self, people):
        people = super().filter(people)
        if self.cleaned_data.get("area"):
            people = people.filter(organisation__area=self.cleaned_data["area"])
            self.is_searching = True
        query = self.cleaned_data.get("q") or ""
        for word in query.split():
            people = people.filter(
                Q(name__icontains=word)
                | Q(job_title__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__area__name__icontains=word)
            )
        if query.strip():
            self.is_searching = True
            self.search_query = query
        return people


def _overlap(first, second):
    """Whether two (start, end) periods share a day; None is open-ended."""
    (start_1, end_1), (start_2, end_2) = first, second
    return (start_1 is None or end_2 is None or start_1 <= end_2) and (
        start_2 is None or end_1 is None or start_2 <= end_1
    )


class MembershipRulesMixin:
    """A partnership page form's checks across its members (the `memberships` inline):

    - one person holds one role once at a time: two seats of the same person in the same role
      may not be in force on the same day (a seat is current from its start to its end date,
      either open), so a re-appointment starts after the old seat ends;
    - on a Local Children's Trust, a coordinator chooses as the organisation represented one
      in their own district, one in no district (county-wide), or the person's own; another
      district's is refused saying why. Seats already saved keep what they have.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("memberships") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return cleaned_data
        seats = [
            form
            for form in formset.forms
            if form.cleaned_data
            and not formset._should_delete_form(form)
            and form.cleaned_data.get("person")
        ]
        self._check_one_role_at_a_time(seats)
        self._check_organisations_in_district(seats)
        return cleaned_data

    def _check_one_role_at_a_time(self, seats):
        earlier = []
        for form in seats:
            data = form.cleaned_data
            period = (data.get("start_date"), data.get("end_date"))
            for other, other_period in earlier:
                if (
                    other.cleaned_data["person"] == data["person"]
                    and other.cleaned_data.get("role") == data.get("role")
                    and _overlap(period, other_period)
                ):
                    form.add_error(
                        "role",
                        ValidationError(
                            _(
                                "%(person)s is already %(role)s of this partnership at the "
                                "same time: end one seat before the other starts, or remove "
                                "one."
                            ),
                            code="role_held_twice",
                            params={
                                "person": data["person"].name,
                                "role": form.instance.get_role_display(),
                            },
                        ),
                    )
                    break
            earlier.append((form, period))

    def _check_organisations_in_district(self, seats):
        from .enums import PartnershipKind

        if self.cleaned_data.get("kind", self.instance.kind) != PartnershipKind.LCT:
            return
        areas = _editable_areas(self.for_user)
        if areas.every:
            return
        for form in seats:
            organisation = form.cleaned_data.get("organisation")
            if (
                organisation is None
                or "organisation" not in form.changed_data
                or organisation.area_id is None
                or organisation.area_id in areas
                or organisation == form.cleaned_data["person"].organisation
            ):
                continue
            form.add_error("organisation", not_your_district(organisation, areas))


class AreaForm(AdministratorFieldsMixin, WagtailAdminModelForm):
    """The area form for the admin: its name, ONS district code and outward codes decide which
    LCT a postcode finds, so only county administrators set them; its towns and villages are
    the rest of the form."""

    administrator_fields = ("name", "slug", "ons_code", "outward_codes")
    administrator_fields_message = _(
        "Only a county administrator may change an area's name, ONS code or outward codes."
    )
