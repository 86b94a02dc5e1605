"""`get_<field>_display()` on the portal's models (core.enums.ChoiceLabels): the label of the
value, or the value itself when it is not one of the choices, as Django's own does."""

from core.enums import Visibility
from directory.enums import OrganisationKind, Phase
from directory.models import Organisation, Person
from resources.enums import Audience
from resources.models import ResourceAudience


def test_a_choice_is_shown_by_its_label():
    school = Organisation(kind=OrganisationKind.SCHOOL, phase=Phase.PRIMARY)

    assert school.get_kind_display() == OrganisationKind.SCHOOL.label
    assert school.get_phase_display() == Phase.PRIMARY.label
    assert Person(visibility=Visibility.PARTNERS).get_visibility_display() == str(
        Visibility.PARTNERS.label
    )
    assert str(ResourceAudience(audience=Audience.PRIMARY_PUPILS)) == Audience.PRIMARY_PUPILS.label


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    assert Organisation(kind="ferry company").get_kind_display() == "ferry company"
    assert Organisation(kind=None).get_kind_display() is None
    assert Organisation(kind=["not", "hashable"]).get_kind_display() == "['not', 'hashable']"
