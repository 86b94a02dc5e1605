"""Which clients get the stored gzip bytes: Accept-Encoding read as RFC 9110 says."""

import pytest
from django.test import RequestFactory

from core.compression import accepts_gzip


@pytest.mark.parametrize(
    ("header", "gzip"),
    [
        ("gzip, deflate, br", True),
        ("GZIP", True),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", True),
        ("x-gzip", True),
        ("*", True),
        ("", False),
        ("identity", False),
        ("br", False),
        ("gzip;q=0, identity", False),
        ("br, gzip;q=0.0", False),
        ("gzip-foo", False),
        ("*;q=0", False),
        ("gzip;q=0, *", False),
        ("gzip;q=nonsense", False),
        ("gzip;q=0.001", True),
    ],
)
def test_gzip_is_sent_only_to_a_client_that_accepts_it(header, gzip):
    request = RequestFactory().get("/", headers={"accept-encoding": header} if header else {})
    assert accepts_gzip(request) is gzip
