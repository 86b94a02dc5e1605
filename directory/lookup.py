"""Find your Local Children's Trust: from a postcode or place a visitor types to the LCT's page."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Area, Location, PartnershipPage, lct_for_area


@dataclass(frozen=True)
class FindLCTOutcome:
    """The answer: an LCT page (and what confirms it), a choice to make, or a message."""

    page: PartnershipPage | None = None
    error: str = ""
    #: The text that finds this answer again: "B97 4AA", "Hagley".
    postcode: str = ""
    location: Location | None = None

    @property
    def confirmation(self):
        return self.location.confirmation(self.page) if self.page and self.location else ""

    @property
    def choices(self):
        return self.location.choices if self.location and not self.page else ()


def find_lct(text):
    """The live LCT page for the district a postcode or place is in (`Area.objects.locate`)."""
    location = Area.objects.locate(text)
    if location.error:
        return FindLCTOutcome(error=location.error)
    if location.area is None:
        return FindLCTOutcome(location=location, postcode=location.label)
    page = lct_for_area(location.area)
    if page is None:
        return FindLCTOutcome(
            location=location,
            postcode=location.label,
            error=str(
                _(
                    "%(place)s is in %(area)s, which has no Local Children's Trust page yet. "
                    "Use the county-wide contacts below."
                )
                % {"place": location.label, "area": location.area}
            ),
        )
    return FindLCTOutcome(page=page, postcode=location.query, location=location)
