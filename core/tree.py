"""The page tree's path rules (Wagtail's materialised paths), written once for every app."""

from django.db.models import Q
from wagtail.models import Page, PageQuerySet


def parent_path(path):
    """The path of the page directly above the page at `path`."""
    return path[: -Page.steplen]


def ancestor_paths(path):
    """The paths of the page at `path` and of every page above it, top first."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


class TreeQuerySet(PageQuerySet):
    """Page querysets with the tree questions our listings ask."""

    def descendant_of_any(self, pages):
        """Pages below any of `pages`; none at all when `pages` is empty."""
        within = Q()
        for page in pages:
            within |= Q(path__startswith=page.path, depth__gt=page.depth)
        if not within:
            return self.none()
        return self.filter(within)
