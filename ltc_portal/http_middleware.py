"""Middleware that makes every response standard HTTP, whatever view answered it."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control


class PrivateByDefaultMiddleware:
    """`Cache-Control: private` on every response that does not declare itself public.

    Pages show the signed-in state in their header, partners-only details, joining links and
    documents; a shared cache or CDN must never hand one viewer's copy to another, and many
    ignore `Vary: Cookie`. Only responses that are the same for everyone (the county and
    partnership calendar feeds) say `public`, and keep it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response


#: What a read-only route (a page, a feed, a download) allows.
READ_METHODS = ("GET", "HEAD", "OPTIONS")


class OptionsMiddleware:
    """OPTIONS answered 200 with the methods the route allows, never 405 or a rendered page.

    The view runs as for any request, so a missing or forbidden resource answers as it would
    to GET (404, a sign-in redirect). Views limited with `require_safe`/`require_POST` answer
    405 with their `Allow`; class-based views answer OPTIONS themselves; pages and other
    function views render, and are read-only routes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "OPTIONS":
            return response
        if response.status_code == 405 and response.has_header("Allow"):
            methods = [method.strip() for method in response["Allow"].split(",")]
            return allow(response, [*methods, "OPTIONS"])
        if 200 <= response.status_code < 300 and not response.has_header("Allow"):
            return allow(response, READ_METHODS)
        return response


def make_pages_read_only():
    """Our page types answer GET, HEAD and OPTIONS, and 405 to anything else.

    Wagtail's default also lists POST, PUT, PATCH and DELETE, which no page of ours handles.
    A page type that does take posts (a form page) declares `allowed_http_methods` itself.
    """
    from django.apps import apps
    from wagtail.models import Page

    from .text_fields import PORTAL_APPS

    for model in apps.get_models():
        if (
            issubclass(model, Page)
            and model._meta.app_label in PORTAL_APPS
            and "allowed_http_methods" not in model.__dict__
        ):
            model.allowed_http_methods = list(READ_METHODS)


def allow(original, methods):
    """An empty 200 answering OPTIONS, with `Allow` and the original's caching headers."""
    response = HttpResponse(status=200, content_type=None)
    response["Allow"] = ", ".join(dict.fromkeys(method.upper() for method in methods))
    response["Content-Length"] = "0"
    for header in ("Cache-Control", "Vary"):
        if original.has_header(header):
            response[header] = original[header]
    return response
