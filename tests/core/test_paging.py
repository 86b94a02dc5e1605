"""Page links in the GOV.UK pattern: first, last, neighbours and ellipses, never one per page."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory

from core.paging import paginate


def render(query):
    request = RequestFactory().get("/directory/", query)
    context = paginate(request, range(20_000), 10)  # 2,000 pages
    html = render_to_string("includes/pagination.html", context)
    return BeautifulSoup(html, "html.parser"), len(html)


def numbered(nav):
    return [a.get_text() for a in nav.select(".govuk-pagination__list a")]


def test_a_middle_page_of_2000_links_first_neighbours_last_previous_and_next():
    nav, size = render({"page": "1000", "area": "redditch", "q": "st mary"})

    assert numbered(nav) == ["1", "999", "1000", "1001", "2000"]
    assert len(nav.select(".govuk-pagination__item--ellipses")) == 2
    assert len(nav.select("a")) <= 9
    assert size < 3_000
    assert nav.select_one('[rel="prev"]')["href"] == "?area=redditch&q=st+mary&page=999"
    assert nav.select_one('[rel="next"]')["href"] == "?area=redditch&q=st+mary&page=1001"
    current = nav.select_one('a[aria-current="page"]')
    assert current["href"] == "?area=redditch&q=st+mary&page=1000"
    assert current["aria-label"] == "Page 1000"
    assert nav.nav["aria-label"] == "Pagination"


@pytest.mark.parametrize(
    ("page", "expected", "ellipses"),
    [
        ("1", ["1", "2", "2000"], 1),
        ("2", ["1", "2", "3", "2000"], 1),
        ("3", ["1", "2", "3", "4", "2000"], 1),
        # An ellipsis never stands for a single page: 2 is shown rather than hidden.
        ("4", ["1", "2", "3", "4", "5", "2000"], 1),
        ("5", ["1", "4", "5", "6", "2000"], 2),
        ("2000", ["1", "1999", "2000"], 1),
        ("junk", ["1", "2", "2000"], 1),
        ("99999", ["1", "1999", "2000"], 1),
    ],
)
def test_the_ends_show_an_ellipsis_only_where_pages_are_left_out(page, expected, ellipses):
    nav, _ = render({"page": page})

    assert numbered(nav) == expected
    assert len(nav.select(".govuk-pagination__item--ellipses")) == ellipses


def test_a_short_list_links_every_page_without_ellipses():
    request = RequestFactory().get("/", {"page": "2"})
    context = paginate(request, range(30), 10)
    nav = BeautifulSoup(render_to_string("includes/pagination.html", context), "html.parser")

    assert numbered(nav) == ["1", "2", "3"]
    assert not nav.select(".govuk-pagination__item--ellipses")
