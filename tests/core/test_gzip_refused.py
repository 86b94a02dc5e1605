"""A cached page refused as gzip (q=0) is not sent gzipped: the attack's regression test for
finding 10 (core/compression.py), moved here from tests/attack; it fails until that is fixed."""

import datetime as dt
import gzip

import pytest
import time_machine
from django.test import Client

from core import page_cache
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_gzip_refused_with_q_0_is_not_sent(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    client = Client()
    client.get(page.url)
    refused = client.get(page.url, headers={"accept-encoding": "gzip;q=0, identity"})
    assert refused[page_cache.HEADER] == "hit"
    assert not refused.has_header("Content-Encoding")
    assert refused.content.startswith(b"<!DOCTYPE") or not refused.content.startswith(
        gzip.compress(b"")[:2]
    )
