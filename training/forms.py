"""Training's admin forms: a course's audiences, and records kept to the editor's districts."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import PortalPageForm
from directory.forms import not_your_district
from directory.permissions import EditableAreas, editable_areas

from .enums import CourseAudience
from .records import CourseAudienceLink


class CourseForm(WagtailAdminModelForm):
    """Adds the audience checkboxes; the choices are stored as CourseAudienceLink rows."""

    audiences = forms.MultipleChoiceField(
        label=_("Who it is for"),
        choices=CourseAudience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone this course trains."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["audiences"] = self.instance.audience_values

    def save(self, commit=True):
        course = super().save(commit=False)
        course.audience_links = [
            CourseAudienceLink(audience=value) for value in self.cleaned_data["audiences"]
        ]
        if commit:
            course.save()
            self.save_m2m()
        return course


class EditorAreasMixin:
    """The editor's districts, for a form whose record belongs to one."""

    def editor_areas(self) -> EditableAreas:
        user = getattr(self, "for_user", None)
        return editable_areas(user) if user else EditableAreas(every=True)


class TrainingRecordForm(EditorAreasMixin, WagtailAdminModelForm):
    """A coordinator records training for organisations in their own districts only."""

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation")
        areas = self.editor_areas()
        if organisation is not None and organisation.area_id not in areas:
            raise not_your_district(organisation, areas)
        return organisation


class TaxiLicensingReturnForm(EditorAreasMixin, WagtailAdminModelForm):
    """A coordinator records the returns of their own districts' licensing authorities only."""

    def clean_area(self):
        area = self.cleaned_data.get("area")
        areas = self.editor_areas()
        if area is not None and area.pk not in areas:
            raise forms.ValidationError(
                _("%(district)s is not one of your districts — ask the county administrator."),
                code="area_not_yours",
                params={"district": area.name},
            )
        return area


class TrainingSessionForm(EditorAreasMixin, PortalPageForm):
    """A coordinator adds sessions for their own districts only; county-wide ones (no district)
    are for county administrators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = self.editor_areas()
        if "area" in self.fields and not areas.every:
            field = self.fields["area"]
            field.queryset = field.queryset.filter(pk__in=areas.ids)
            field.required = True

    def clean_area(self):
        area = self.cleaned_data.get("area")
        areas = self.editor_areas()
        if area is None and not areas.every:
            raise forms.ValidationError(
                _("Choose one of your districts: county-wide sessions are the county's."),
                code="county_wide_not_yours",
            )
        if area is not None and area.pk not in areas:
            raise forms.ValidationError(
                _("%(district)s is not one of your districts — ask the county administrator."),
                code="area_not_yours",
                params={"district": area.name},
            )
        return area


class BookingForm(forms.Form):
    """Whom a partner books on a session: people of their organisation, or names typed."""

    people = forms.ModelMultipleChoiceField(
        label=_("People in your organisation"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    names = forms.CharField(
        label=_("Or type their names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("One name per line."),
        max_length=5000,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Person

        self.fields["people"].queryset = Person.objects.filter(organisation=organisation).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        names = [line.strip() for line in cleaned.get("names", "").splitlines() if line.strip()]
        too_long = [name for name in names if len(name) > 255]
        if too_long:
            self.add_error("names", _("A name can be at most 255 characters."))
        if not names and not cleaned.get("people"):
            self.add_error(
                "people", _("Choose someone from your organisation, or type a name to book.")
            )
        cleaned["typed"] = names
        return cleaned
