from wagtail import hooks

from .page_cache import PAGE_ATTRIBUTE


@hooks.register("before_serve_page")
def remember_the_page(page, request, serve_args, serve_kwargs):
    """Name the page that answers, so the page cache can ask whether it is public."""
    setattr(request, PAGE_ATTRIBUTE, page)
