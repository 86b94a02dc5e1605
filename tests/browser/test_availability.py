"""When the browser tests run, skip or fail: the rule `make test` and `.ci/run` rely on."""

import pytest

from .availability import DEFAULT_CHROMIUM, chromium_path, decide

CHROMIUM_HERE = {"CHROMIUM_PATH": "/bin/sh"}  # any executable file stands in for Chromium
NO_CHROMIUM = {"CHROMIUM_PATH": "/nonexistent/chromium"}


def test_the_tests_run_when_chromium_and_playwright_are_present():
    assert decide(CHROMIUM_HERE, playwright_installed=True) == ("run", None)


def test_a_missing_chromium_skips_them_naming_the_path_and_the_switch():
    action, reason = decide(NO_CHROMIUM, playwright_installed=True)

    assert action == "skip"
    assert "/nonexistent/chromium" in reason
    assert "REQUIRE_BROWSER=1" in reason


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_require_browser_turns_a_missing_chromium_into_a_failure(value):
    action, reason = decide({**NO_CHROMIUM, "REQUIRE_BROWSER": value}, playwright_installed=True)

    assert action == "fail"
    assert "REQUIRE_BROWSER is set" in reason


def test_require_browser_turns_a_missing_playwright_into_a_failure():
    action, reason = decide({**CHROMIUM_HERE, "REQUIRE_BROWSER": "1"}, playwright_installed=False)

    assert action == "fail"
    assert "Playwright" in reason


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_require_browser_off_still_skips(value):
    action, _ = decide({**NO_CHROMIUM, "REQUIRE_BROWSER": value}, playwright_installed=False)

    assert action == "skip"


def test_debians_chromium_is_the_default():
    assert chromium_path({}) == DEFAULT_CHROMIUM == "/usr/bin/chromium"


class FakeItem:
    def __init__(self, browser):
        self.browser = browser

    def get_closest_marker(self, name):
        return pytest.mark.browser.mark if self.browser and name == "browser" else None


@pytest.fixture
def no_chromium(monkeypatch):
    from . import conftest

    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    monkeypatch.setattr(conftest, "_decision", None)
    return conftest


def test_without_chromium_a_browser_test_is_skipped_before_its_fixtures_run(no_chromium):
    with pytest.raises(pytest.skip.Exception, match="no Chromium at /nonexistent/chromium"):
        no_chromium.pytest_runtest_setup(FakeItem(browser=True))


def test_without_chromium_under_require_browser_a_browser_test_fails(no_chromium, monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")

    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER is set"):
        no_chromium.pytest_runtest_setup(FakeItem(browser=True))


def test_without_chromium_other_tests_run_as_usual(no_chromium, monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")

    assert no_chromium.pytest_runtest_setup(FakeItem(browser=False)) is None
