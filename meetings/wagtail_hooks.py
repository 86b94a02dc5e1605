from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = "Venues"
    list_display = ["name", "postcode"]
    search_fields = ["name"]


register_snippet(VenueViewSet)
