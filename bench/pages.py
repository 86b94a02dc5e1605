"""Time the busiest pages and feeds against the demo database: `make bench`.

Timings live here, never in the tests (which assert query counts instead). Run after
`make run` has loaded the demo (or `python manage.py seed_demo`). Each URL is fetched
REPEAT times through Django's test client; feeds are timed cold (cache cleared each time)
and warm.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ltc_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))
URLS = [
    ("home", "/", False),
    ("directory", "/directory/", False),
    ("directory, filtered", "/directory/?area=redditch&kind=school", False),
    ("LCT page", "/partnerships/redditch/", False),
    ("meetings", "/meetings/", False),
    ("materials", "/materials/", False),
    ("county feed, cold", "/calendar/county.ics", True),
    ("county feed, warm", "/calendar/county.ics", False),
]


def measure(client, url, cold):
    times = []
    for _ in range(REPEAT):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST="localhost")
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(queries)


def main():
    client = Client()
    print(f"{'page':<24}{'median ms':>10}{'queries':>9}   (n={REPEAT})")
    for name, url, cold in URLS:
        median, queries = measure(client, url, cold)
        print(f"{name:<24}{median:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
