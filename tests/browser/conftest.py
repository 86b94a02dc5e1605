"""Real-browser tests: Playwright for Python driving Debian's Chromium against the live server.

How to add a page to the accessibility sweep
--------------------------------------------
Add one line to `SWEEP` in `tests/browser/sweep.py`::

    SweepPage("meeting list", "/meetings/", title="Meetings"),

It is then visited at 1280 and 390 px in the seeded demo county, checked with axe-core
(WCAG 2.0/2.1/2.2 A and AA), screenshotted at both widths, and checked for sideways
scrolling on the phone. A page that needs a signed-in user or some data gets a
`setup=lambda page, base_url: ...` that signs in or adds the data before the visit; a page
that must answer 404 or a form with errors gets `status=`.

How to add a journey
--------------------
Write a test in `tests/browser/test_<journey>.py` that takes `page` (or `axe_page` when
it also runs axe) and `demo_site` (the live server's base URL, with `seed_demo`'s content
loaded for this test alone)::

    def test_a_school_finds_its_lct_by_postcode(page, demo_site):
        page.goto(f"{demo_site}/partnerships/")
        page.get_by_label("Postcode").fill("WR14 1AA")
        page.get_by_role("button", name="Find").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Malvern Hills ...")
        assert_accessible(axe_page, "the postcode result")  # from tests.browser.axe

Any test that uses the `browser` fixture (directly or through `page`, `axe_page`) is
marked `browser` automatically and skips, or fails under REQUIRE_BROWSER=1, when
Chromium or Playwright is missing. Phone width: `page.set_viewport_size(PHONE)` (from
`tests.browser.helpers`); keyboard only: `page.keyboard.press("Tab")` and read
`document.activeElement`. Screenshots: `screenshot(page, "name")` from the same module.
A journey may change data freely: any model signal marks the demo spoilt, and it is reloaded
from a serialized copy before the next test that needs it (most only read, and skip the reload).
"""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import signals

from ltc_portal import demo

from . import helpers
from .availability import chromium_path, decide

#: Exactly these; Playwright adds only its own pipe and automation switches.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: Seconds Playwright waits for a page or an element before a test fails.
TIMEOUT_MS = 10_000

_decision = None


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            # Under pytest-xdist (`--dist loadgroup`) every browser test runs on one worker:
            # one Chromium, one live server and one demo snapshot, not one per worker.
            item.add_marker(pytest.mark.xdist_group("browser"))


def pytest_runtest_setup(item):
    """Skip, or fail under REQUIRE_BROWSER=1, before any fixture runs when there is no browser.

    Raised here, the skip has one location, so `-ra` shows a single line for all of them.
    """
    global _decision
    if item.get_closest_marker("browser") is None:
        return
    if _decision is None:
        _decision = decide()
    action, reason = _decision
    if action == "skip":
        pytest.skip(reason)
    if action == "fail":
        pytest.fail(reason, pytrace=False)


def pytest_terminal_summary(terminalreporter):
    if helpers.saved:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(
            f"{len(helpers.saved)} screenshots saved in {helpers.SCREENSHOTS}"
        )


@pytest.fixture(scope="package")
def migrated_content(django_db_setup, django_db_blocker):
    """The database as the migrations left it, serialized, taken before Playwright starts.

    Once Playwright's event loop runs in this thread, Django hands out other connection
    objects (it believes it is in async code), which do not carry the copy Django made when
    it created the test database; so it is read here, first. When the browser tests end,
    the database goes back to it, so that tests after them (and a reused test database)
    find what the migrations made.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        contents = _content_types_first(contents or connection.creation.serialize_db_to_string())
    yield contents
    with django_db_blocker.unblock():
        _reset_database(connection, contents)


@pytest.fixture(scope="package")
def browser(live_server, migrated_content):
    """One Chromium for the browser tests, closed when they end.

    It depends on `live_server` so that it closes, and with it its keep-alive connections,
    before the server stops.
    """
    from playwright.sync_api import sync_playwright

    for old in helpers.SCREENSHOTS.glob("*.png"):
        old.unlink()
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in this thread; Django would
        # then refuse the tests' database calls (seeding, flushing), which are synchronous.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=chromium_path(), args=LAUNCH_ARGS, headless=True
            )
            yield chromium
            chromium.close()


def _flush():
    # Sequences keep counting, as in Django's own TransactionTestCase: reloaded rows keep
    # their ids, and new rows must not collide with them (PostgreSQL).
    call_command(
        "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False
    )


def _content_types_first(contents):
    """Serialized rows with the content types moved to the front.

    Django serializes a subclass page such as `ltc_portal.homepage` before the content
    types; loading it first makes something look its content type up, create it afresh, and
    then the serialized one collides with that (seen on PostgreSQL).
    """
    rows = json.loads(contents)
    content_types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
    others = [row for row in rows if row["model"] != "contenttypes.contenttype"]
    return json.dumps(content_types + others)


def _reset_database(connection, contents):
    """Empty the database and load `contents`, as Django's serialized rollback does."""
    _flush()
    connection.creation.deserialize_db_from_string(contents)


class _DemoState:
    """Whether the database still holds the demo exactly as seeded (what `demo_site` serves)."""

    def __init__(self):
        self.snapshot = None
        self.intact = False

    def spoil(self, sender=None, **kwargs):
        """A receiver for every model signal: any write but a sign-in's spoils the demo."""
        if sender is not None and _harmless_write(sender, kwargs):
            return
        self.intact = False


def _harmless_write(model, kwargs):
    """A sign-in writes its session and the user's last login; neither changes what a later
    test sees, so neither costs a reload."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    if model is Session:
        return True
    return model is get_user_model() and set(kwargs.get("update_fields") or ()) == {"last_login"}


_demo = _DemoState()
_WRITE_SIGNALS = (signals.post_save, signals.post_delete, signals.m2m_changed)


@pytest.fixture(scope="package")
def demo_snapshot(browser, migrated_content, django_db_blocker):
    """Seed the demo county once and keep a serialized copy to reload whenever a test spoils it.

    Seeding takes seconds and grows with each app's demo step; reloading the copy takes a
    fraction of that, and is needed only after a test wrote something (most only read). Every
    model signal marks the demo spoilt, from the live server's thread too; a queryset update
    sends none, so a test that changes data that way must call `_demo.spoil()` itself. It runs
    after Playwright starts, on the connection object the tests will use.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        # An earlier test may have emptied the database or left data behind.
        _reset_database(connection, migrated_content)
        demo.seed(lambda line: None)
        _demo.snapshot = _content_types_first(connection.creation.serialize_db_to_string())
    _demo.intact = True
    for signal in _WRITE_SIGNALS:
        signal.connect(_demo.spoil, weak=False, dispatch_uid="browser-demo-spoilt")
    yield _demo
    for signal in _WRITE_SIGNALS:
        signal.disconnect(dispatch_uid="browser-demo-spoilt")
    _demo.intact = False


@pytest.fixture
def demo_site(demo_snapshot, django_db_blocker, live_server):
    """The live server's base URL, the demo county loaded as `seed_demo` left it.

    The test may read and write the database freely (outside any transaction, so the live
    server sees every write at once); the demo is reloaded before the next test that needs it
    only if this one changed it.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        if not demo_snapshot.intact:
            _reset_database(connection, demo_snapshot.snapshot)
            demo_snapshot.intact = True
        cache.clear()
        yield live_server.url
        cache.clear()


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's helper of the same name, less its transactional database for demo tests.

    pytest-django gives every live-server test a transactional database, whose teardown empties
    it; a demo test's database is `demo_site`'s to keep (and to reload only when spoilt). Other
    live-server tests keep pytest-django's behaviour.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    if "demo_site" not in request.fixturenames:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(autouse=True)
def _database_left_by_other_tests(request):
    """A browser test without the demo may empty the database (a transactional test's
    teardown) or add to it: the next demo test then reloads it."""
    yield
    if "demo_site" not in request.fixturenames:
        _demo.intact = False


def _new_page(browser, **options):
    context = browser.new_context(viewport=helpers.DESKTOP, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A page at desktop width in a fresh context, the site's Content Security Policy enforced."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page whose context bypasses the Content Security Policy so that axe can be injected.

    The CSP forbids inline script and `add_script_tag` inserts one; nothing else differs.
    """
    context, page = _new_page(browser, bypass_csp=True)
    yield page
    context.close()
