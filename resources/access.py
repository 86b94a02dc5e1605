"""Who may download a material's files: the same rule as for the material's page."""

from directory.visibility import may_see

from .models import ResourceFile


def may_download(user, document):
    """False if the document belongs to a material this viewer may not see.

    A document used by several materials is as restricted as the most restricted of them.
    """
    visibilities = set(
        ResourceFile.objects.filter(document=document).values_list("page__visibility", flat=True)
    )
    return all(may_see(user, visibility) for visibility in visibilities)
