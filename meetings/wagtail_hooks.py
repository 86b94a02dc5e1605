from wagtail import hooks
from wagtail.snippets.models import register_snippet

from directory.viewsets import AreaCheckedViewSet

from .models import Venue
from .outbox_admin import OutboxViewSet


class VenueViewSet(AreaCheckedViewSet):
    """Venues, with edit and delete asked of the venue policy record by record (as directory's)."""

    model = Venue
    icon = "site"
    menu_label = "Venues"
    list_display = ["name", "postcode"]
    search_fields = ["name"]


register_snippet(VenueViewSet)


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("meeting_outbox")
