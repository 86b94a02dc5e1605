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
