"""Helpers for the demo run's steps: each only adds what is missing, found by a natural key.

`ltc_portal.demo` runs the steps; each feature app's `demo.py` uses these to add its pages and
accounts, so that a second run changes nothing and an editor's later changes are kept.
"""

import os

from django.contrib.auth import get_user_model

DEFAULT_DEMO_PASSWORD = "lct-demo-2026"  # noqa: S105 - printed demo default, documented


class Log:
    """Collects what a run changed, so that an unchanged run can say so."""

    def __init__(self, write):
        self.write = write
        self.changes = 0

    def created(self, what):
        self.changes += 1
        self.write(f"  created {what}")

    def updated(self, what):
        self.changes += 1
        self.write(f"  updated {what}")


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def add_page(parent, page, log):
    """Add and publish `page` under `parent` unless a child with its slug exists; return it."""
    existing = parent.get_children().filter(slug=page.slug).specific().first()
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    log.created(f"page “{page.title}”")
    return page


def ensure_user(username, log, *, superuser=False, email="", reset_password=False):
    """The demo account `username`, created with the demo password if it is missing.

    An existing account keeps its password (someone may have changed it) unless
    `reset_password` is set (`seed_demo --reset-passwords`).
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = demo_password()
    if user is None:
        user = User(username=username, email=email, is_staff=superuser, is_superuser=superuser)
        user.set_password(password)
        user.save()
        log.created(f"user {username}")
    elif not user.check_password(password):
        if reset_password:
            user.set_password(password)
            user.save(update_fields=["password"])
            log.updated(f"password of {username} (set to DEMO_PASSWORD)")
        else:
            log.write(
                f"  kept the password of {username}, which is not DEMO_PASSWORD "
                "(seed_demo --reset-passwords sets it)"
            )
    return user
