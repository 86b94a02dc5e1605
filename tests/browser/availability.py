"""Whether the browser tests can run here, and what to do when they cannot.

Pure logic, no pytest and no Playwright import, so the rule itself is tested cheaply
(`test_availability.py`).
"""

import importlib.util
import os

#: Debian's Chromium; `.ci/run` installs it with apt. Never a Playwright browser download.
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium_path(environ=os.environ):
    """The Chromium to drive: `CHROMIUM_PATH` if set, else Debian's."""
    return environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM


def browser_required(environ=os.environ):
    """True when `REQUIRE_BROWSER` is set to a true value (CI sets it to 1)."""
    return environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def missing_reason(chromium, playwright_installed):
    """Why the browser tests cannot run, or None when they can."""
    missing = []
    if not playwright_installed:
        missing.append("Playwright for Python is not installed (make install)")
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        missing.append(f"no Chromium at {chromium} (apt-get install chromium)")
    return "; ".join(missing) or None


def decide(environ=os.environ, playwright_installed=None):
    """("run", None), ("skip", reason) or ("fail", reason) for the browser tests."""
    if playwright_installed is None:
        playwright_installed = importlib.util.find_spec("playwright") is not None
    reason = missing_reason(chromium_path(environ), playwright_installed)
    if reason is None:
        return "run", None
    if browser_required(environ):
        return "fail", f"REQUIRE_BROWSER is set but the browser tests cannot run: {reason}"
    return "skip", f"browser tests skipped: {reason}; set REQUIRE_BROWSER=1 to fail instead"
