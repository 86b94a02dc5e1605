"""The framework floor: a bare Django view returning a small page, served by gunicorn exactly
as the portal is (`gunicorn bench.bare:application`). `make bench` divides every result by
this one's."""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",  # noqa: S106 - a benchmark's throwaway server
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

BODY = "<!doctype html><title>Bare</title><p>" + "A small page. " * 60 + "</p>"


def bare(request):
    return HttpResponse(BODY)


urlpatterns = [path("", bare)]
application = get_wsgi_application()
