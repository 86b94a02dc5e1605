"""No input answers 5xx: generated query strings and path values on every public GET route.

Each route gets about 40 generated requests (as an anonymous visitor or a signed-in partner):
its own parameters with hostile values (control characters, NUL, huge and negative numbers,
calendar edges, non-ASCII, invalid UTF-8 bytes, repeated keys) plus parameters it does not
know. The small county from `tests.core.world` is built once per route.
"""

from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import FeedToken
from tests.core.world import build_world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 40

#: Text of every kind but lone surrogates (which no URL can carry).
any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
edge_values = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        "\r\n",
        "\t",
        "0",
        "-1",
        "99999999999999999999",
        "9223372036854775808",
        "1e999",
        "NaN",
        "0001-01",
        "9999-12",
        "10000-01",
        "2027-02",
        "2027-13",
        "łódź",
        '=HYPERLINK("http://x")',
        "%",
        "../../etc/passwd",
        "x" * 2000,
    ]
)
value = st.one_of(edge_values, any_text, st.integers(min_value=-(2**70), max_value=2**70))
#: Raw bytes, percent-encoded: invalid UTF-8 among them.
raw = st.binary(max_size=12).map(quote_from_bytes)


def query_strings(names):
    """A query string over these parameter names and a few unknown ones, keys maybe repeated."""
    keys = st.one_of(st.sampled_from([*names, "page"]), any_text)
    pair = st.tuples(keys, st.one_of(value.map(lambda v: quote(str(v), safe="")), raw))
    return st.lists(pair, max_size=5).map(
        lambda pairs: "&".join(f"{quote(k, safe='')}={v}" for k, v in pairs)
    )


def segment():
    """A path segment: a number, text, or raw bytes, percent-encoded."""
    return st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        edge_values.map(lambda v: quote(v, safe="")),
        any_text.map(lambda v: quote(v, safe="")),
        raw,
    )


def routes(world, token):
    """(name, strategy of paths) for every public GET route."""
    org = world.directory.organisation_url(world.organisation)
    fixed = st.just
    return {
        "home": st.tuples(fixed("/"), query_strings([])),
        "search": st.tuples(fixed("/search/"), query_strings(["q"])),
        "directory": st.tuples(
            fixed(world.directory.url), query_strings(["q", "area", "kind", "phase", "tag"])
        ),
        "organisation": st.one_of(
            st.tuples(fixed(org), query_strings([])),
            st.tuples(
                st.tuples(segment(), segment()).map(
                    lambda s: f"{world.directory.url}{s[0]}-{s[1]}/"
                ),
                query_strings([]),
            ),
        ),
        "vcard": st.tuples(
            st.one_of(fixed(str(world.person.pk)), segment()).map(
                lambda pk: f"{world.directory.url}people/{pk}/vcard/"
            ),
            query_strings([]),
        ),
        "find-your-lct": st.tuples(fixed(world.find_page.url), query_strings(["postcode"])),
        "partnerships": st.tuples(fixed(world.partnerships.url), query_strings([])),
        "partnership": st.tuples(
            st.one_of(fixed(world.lct.url), segment().map(lambda s: f"/partnerships/{s}/")),
            query_strings([]),
        ),
        "meetings": st.tuples(
            fixed(world.meetings.url), query_strings(["month", "area", "partnership"])
        ),
        "meeting": st.tuples(fixed(world.meeting.url), query_strings([])),
        "materials": st.tuples(
            fixed(world.library.url),
            query_strings(["q", "audience", "phase", "topic", "format"]),
        ),
        "materials-landing": st.tuples(
            st.one_of(
                fixed(f"{world.library.url}for/parents-and-carers/"),
                fixed(f"{world.library.url}topic/online-grooming/"),
                st.tuples(st.sampled_from(["for", "topic"]), segment()).map(
                    lambda s: f"{world.library.url}{s[0]}/{s[1]}/"
                ),
            ),
            query_strings(["q", "audience", "phase", "topic", "format"]),
        ),
        "material": st.tuples(
            st.sampled_from([world.material.url, world.partners_material.url]),
            query_strings([]),
        ),
        "county-feed": st.tuples(fixed("/calendar/county.ics"), query_strings([])),
        "partnership-feed": st.tuples(
            st.one_of(fixed(world.lct.slug), segment()).map(
                lambda s: f"/calendar/partnership/{s}.ics"
            ),
            query_strings([]),
        ),
        "meeting-ics": st.tuples(
            st.one_of(fixed(str(world.meeting.pk)), segment()).map(
                lambda s: f"/calendar/meeting/{s}.ics"
            ),
            query_strings([]),
        ),
        "private-feed": st.tuples(
            st.one_of(
                fixed(token),
                fixed(token[:-1] + "\x00").map(lambda t: quote(t, safe="")),
                segment(),
            ).map(lambda s: f"/calendar/private/{s}.ics"),
            query_strings([]),
        ),
        "document": st.tuples(
            st.tuples(
                st.one_of(fixed(str(world.document.pk)), segment()),
                st.one_of(fixed("handout.pdf"), segment()),
            ).map(lambda s: f"/documents/{s[0]}/{s[1]}"),
            query_strings([]),
        ),
        "sitemap": st.tuples(fixed("/sitemap.xml"), query_strings(["p"])),
    }


ROUTE_NAMES = [
    "home",
    "search",
    "directory",
    "organisation",
    "vcard",
    "find-your-lct",
    "partnerships",
    "partnership",
    "meetings",
    "meeting",
    "materials",
    "materials-landing",
    "material",
    "county-feed",
    "partnership-feed",
    "meeting-ics",
    "private-feed",
    "document",
    "sitemap",
]


@pytest.fixture
def clients(home_page):
    cache.clear()
    world = build_world(home_page)
    partner = UserFactory()
    signed_in = Client()
    signed_in.force_login(partner)
    return world, FeedToken.for_user(partner).token, {"anonymous": Client(), "partner": signed_in}


@pytest.mark.parametrize("route", ROUTE_NAMES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_generated_request_to_a_public_route_answers_5xx(clients, route, data):
    world, token, viewers = clients
    assert set(ROUTE_NAMES) == set(routes(world, token))
    path, query = data.draw(routes(world, token)[route], label="request")
    viewer = data.draw(st.sampled_from(sorted(viewers)), label="viewer")
    url = f"{path}?{query}" if query else path

    response = viewers[viewer].get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # the client closes it once read

    assert response.status_code < 500, url
