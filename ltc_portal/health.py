"""`/healthz` for load balancers: 200 when the database and the cache answer, else 503.

A middleware, first in the list, rather than a view: load balancers probe by IP address over
plain HTTP, which the host check and the HTTPS redirect would refuse. It says nothing about
anyone, sets no cookie, is never cached, and logs only when the answer changes.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed

logger = logging.getLogger(__name__)

PATH = "/healthz"

#: This process's last answer, so that a failing probe every few seconds logs once.
_last_failures = []


def failing_services():
    """The names of the services that do not answer: "database", "cache"."""
    failures = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means the database is not usable
        failures.append("database")
    try:
        token = uuid.uuid4().hex
        cache.set("healthz", token, 30)
        if cache.get("healthz") != token:
            failures.append("cache")
    except Exception:  # any failure means the cache is not usable
        failures.append("cache")
    return failures


def health_response():
    global _last_failures
    failures = failing_services()
    if failures != _last_failures:
        if failures:
            logger.warning("Health check failing: %s does not answer", ", ".join(failures))
        else:
            logger.info("Health check passing again")
        _last_failures = failures
    if failures:
        response = HttpResponse(
            f"unavailable: {', '.join(failures)}\n", status=503, content_type="text/plain"
        )
        # Logged above once per change, not by Django's request log on every probe.
        response._has_been_logged = True
    else:
        response = HttpResponse("ok\n", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        if request.method in {"GET", "HEAD"}:
            return health_response()
        response = HttpResponseNotAllowed(["GET", "HEAD"])
        response["Cache-Control"] = "no-store"
        return response
