"""Settings for the test suite: fast hashing, in-memory storage of nothing shared."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())
WAGTAILADMIN_BASE_URL = "http://testserver"
# django-axes needs the request in authenticate(), which `client.login()` does not pass; the
# throttling tests switch it on themselves.
AXES_ENABLED = False
ADMIN_SECOND_FACTOR_REQUIRED = False

# Tests roll back, or throw their databases away: no need to wait for each commit's WAL flush
# (migrating the test databases commits hundreds of times).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
