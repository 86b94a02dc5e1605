"""The directory's admin forms: administrator-only fields, and records kept to the editor's area.

Who may edit what is `directory.permissions`' rule; these forms ask it, and the models, when a
form is used (not at import: the models use these forms).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


def _editable_areas(user):
    """The areas `user` may edit in; every area for a form built by the portal's own code."""
    from .permissions import EditableAreas, editable_areas

    return editable_areas(user) if user else EditableAreas(every=True)


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
            self.fields["area"].queryset = self.fields["area"].queryset.filter(
                pk__in=self.areas.ids
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.areas.every:
            return cleaned_data
        from .models import Area

        area = cleaned_data.get("area") or Area.objects.for_postcode(cleaned_data.get("postcode"))
        if area is None or area.pk not in self.areas:
            self.add_error(
                "area" if "area" in self.fields else None,
                ValidationError(
                    _("Choose your own area, or a postcode in it: you edit your area only."),
                    code="area_not_yours",
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
            field = self.fields["organisation"]
            field.queryset = field.queryset.filter(area__in=self.areas.ids)
            field.required = True
            field.error_messages["required"] = _("Choose the organisation in your area.")


class AreaForm(AdministratorFieldsMixin, WagtailAdminModelForm):
    """The area form for the admin: its name, ONS district code and outward codes decide which
    LCT a postcode finds, so only county administrators set them; its towns and villages are
    the rest of the form."""

    administrator_fields = ("name", "slug", "ons_code", "outward_codes")
    administrator_fields_message = _(
        "Only a county administrator may change an area's name, ONS code or outward codes."
    )
