"""`/healthz` tells a load balancer whether this worker can serve: database and cache answer."""

import logging

import pytest
from django.core.cache import cache
from django.db import connection

from ltc_portal import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch):
    monkeypatch.setattr(health, "_last_failures", [])


def test_healthz_answers_ok_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_healthz_answers_a_probe_over_plain_http_by_address(client, settings):
    # Production redirects http to https and checks the host; a load balancer does neither.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["lct.example.org"]

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("Redis is down")

    def get(self, *args, **kwargs):
        raise ConnectionError("Redis is down")


def test_healthz_answers_503_naming_the_cache_when_it_does_not_answer(client, monkeypatch, caplog):
    monkeypatch.setattr(health, "cache", BrokenCache())

    with caplog.at_level(logging.INFO):
        first = client.get("/healthz")
        second = client.get("/healthz")

    assert first.status_code == second.status_code == 503
    assert first.content == b"unavailable: cache\n"
    assert first["Cache-Control"] == "no-store"
    # One line when it starts failing, not one per probe, and no error traceback.
    assert [r.getMessage() for r in caplog.records] == [
        "Health check failing: cache does not answer"
    ]


def test_healthz_answers_503_naming_the_database_when_it_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("the database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"unavailable: database\n"


def test_healthz_recovers_and_says_so_once(client, monkeypatch, caplog):
    monkeypatch.setattr(health, "cache", BrokenCache())
    client.get("/healthz")
    monkeypatch.setattr(health, "cache", cache)
    caplog.clear()

    with caplog.at_level(logging.INFO, logger="ltc_portal.health"):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert [r.getMessage() for r in caplog.records] == ["Health check passing again"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_healthz_refuses_other_methods_with_405_even_while_debugging(client, settings, method):
    settings.DEBUG = True  # where APPEND_SLASH would raise on a body-carrying request

    response = getattr(client, method)("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
