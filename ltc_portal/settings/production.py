"""Production: every secret from the environment, and a clear refusal when one is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, MIDDLEWARE, STORAGES, env_bool

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without it: set the "
        "SECRET_KEY environment variable to a long random string (for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production settings refuse to start without it: set it to "
        "the site's host names, separated by commas (for example lct.example.gov.uk)."
    )

REDIS_URL = os.environ.get("REDIS_URL", "")
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL is not set. Production settings refuse to start without a shared cache: "
        "with several web workers, each keeping its own memory cache, feeds would answer "
        "different ETags for the same content and some workers would keep serving a meeting's "
        "old time after an edit. Set REDIS_URL (for example redis://127.0.0.1:6379/1); the "
        "background tasks of `make worker` use it too."
    )

# Each gunicorn worker keeps its database connection between requests (a new connection costs
# more than most pages' queries), checked before reuse so that a restarted database is no error.
if "DATABASE_CONN_MAX_AGE" not in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Whitenoise serves the collected static files straight after the security middleware.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Editors confirm a one-time code from an authenticator app before reaching the admin.
# ADMIN_SECOND_FACTOR_REQUIRED=false turns it off (for a local run of production settings).
ADMIN_SECOND_FACTOR_REQUIRED = env_bool("ADMIN_SECOND_FACTOR_REQUIRED", True)

# Background tasks are queued in Redis and run by `make worker` (an RQ worker), once the
# transaction that queued them has committed.
INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
TASKS = {
    "default": {"BACKEND": "ltc_portal.task_backends.OnCommitRQBackend", "QUEUES": ["default"]}
}

# seed_demo creates accounts with a published password: never here.
DEMO_DATA_ALLOWED = False
