"""Find your Local Children's Trust: from a postcode typed by a visitor to the LCT's page."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Area, PartnershipPage, lct_for_area
from .postcodes import InvalidPostcode, normalise_postcode


@dataclass(frozen=True)
class FindLCTOutcome:
    """The answer to a postcode: an LCT page, or a message to show next to the field."""

    page: PartnershipPage | None = None
    error: str = ""
    postcode: str = ""


def find_lct(text):
    """The live LCT page for the district whose outward codes cover this postcode."""
    try:
        postcode = normalise_postcode(text)
    except InvalidPostcode as error:
        return FindLCTOutcome(error=str(error))
    page = lct_for_area(Area.objects.for_postcode(postcode))
    if page is None:
        return FindLCTOutcome(
            postcode=postcode,
            error=str(
                _(
                    "%(postcode)s is not in one of the county's districts. Check the postcode, "
                    "or use the county-wide contacts below."
                )
                % {"postcode": postcode}
            ),
        )
    return FindLCTOutcome(page=page, postcode=postcode)
