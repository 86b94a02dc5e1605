"""Settings shared by every environment.

Everything that differs between machines comes from the environment, and reading it never
crashes on import: a missing variable falls back to a safe development default here, and
`production.py` refuses to start where no safe default exists.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_proxy_count():
    """PROXY_COUNT as a positive integer, None when unset; anything else refuses to start."""
    value = os.environ.get("PROXY_COUNT", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(
            f"PROXY_COUNT is {value!r}: set it to the number of proxies in front of Django "
            "(a positive whole number, usually 1), or leave it unset when there is none."
        )
    try:
        import ipware.ip  # noqa: F401 - django-axes reads forwarded addresses through it
    except ImportError as error:
        raise ImproperlyConfigured(
            "PROXY_COUNT is set but django-ipware is not installed, so the client's address "
            "behind the proxy cannot be read: install requirements.txt."
        ) from error
    return int(value)


INSTALLED_APPS = [
    "ltc_portal",
    "directory",
    "meetings",
    "resources",
    "training",
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First: load balancers probe by address over plain HTTP, before host and HTTPS checks.
    "ltc_portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outermost of ours, so that every response below gets `private` and OPTIONS answers.
    "ltc_portal.http_middleware.PrivateByDefaultMiddleware",
    "ltc_portal.http_middleware.OptionsMiddleware",
    # Outside the session and sign-in: a public calendar feed or an anonymous visitor's
    # cached page costs a cache read or two and no query.
    "meetings.middleware.FeedCacheMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ltc_portal.accounts.two_factor.AdminSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ltc_portal.csp.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes refuses sign-ins after repeated failures, on the public site and in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ltc_portal.urls"
WSGI_APPLICATION = "ltc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "ltc_portal.context_processors.site_navigation",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file under var/ so that a fresh clone runs as it is.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else local memory (one process, fine for development).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "lct",
            # An unreachable cache fails a request (and /healthz) in seconds, never hangs it.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (Wagtail's reference and search index updates, file deletions) runs through
# django-tasks: straight away in this process here; production.py queues it for `make worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# seed_demo may load the demo county (with its published password); production.py says no.
DEMO_DATA_ALLOWED = True

# Sessions live in the database, so every web worker sees the same sign-ins and sign-outs.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The county's local time: meetings are entered and shown in it.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The admin's date pickers show and read dates the British way (9 December is 09/12/2026);
# each is among en-gb's DATE(TIME)_INPUT_FORMATS, so the server parses what the picker writes.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The compiled front end (make frontend) lands in build/static; it is not committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Secrets and hosts. Development defaults here; production.py insists on real values.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Earlier keys still accepted while people move over (sessions, reset links, private calendar
# addresses); removing a key from here retires what it signed.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Email: console in development unless EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LCT Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Security headers that hold in every environment; production.py adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# No inline script anywhere: every script is a file served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "LCT Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
# Documents are served through Django so that permission checks apply, never from a public URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "mp4"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No Gravatar: editors' email addresses are not sent to a third party (and the CSP blocks it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Partners sign in on the public site; the Wagtail admin keeps its own sign-in page.
LOGIN_URL = "account_sign_in"
# Pages an editor restricts to signed-in users (Wagtail page privacy) send visitors there too.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# A styled page, with a way back, when a form's CSRF check fails (e.g. a stale sign-in page).
CSRF_FAILURE_VIEW = "ltc_portal.accounts.views.csrf_failure"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Failed sign-ins: five wrong passwords for one username from one address lock that pair out
# for an hour. Locking by the pair means nobody can lock a partner out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_ENABLE_ADMIN = False
# Failures are counted in the database, so every web worker sees the same counts.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The client's address, through django-ipware. Behind PROXY_COUNT proxies, each appending the
# address it saw to X-Forwarded-For, the client is the PROXY_COUNT-th entry from the right;
# entries further left were sent by the client and are ignored. Without a proxy, only
# REMOTE_ADDR counts, so a forged X-Forwarded-For changes nothing.
PROXY_COUNT = env_proxy_count()
AXES_IPWARE_PROXY_ORDER = "left-most"
# ipware counts the proxies listed in the header, which leaves out the nearest (REMOTE_ADDR).
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"] if PROXY_COUNT else ["REMOTE_ADDR"]
# Longer chains than PROXY_COUNT (a client's own X-Forwarded-For) still resolve, from the right.
IPWARE_STRICT = False

# A second factor (TOTP) for everyone who can reach the Wagtail admin. Off unless switched on;
# production.py switches it on by default.
ADMIN_SECOND_FACTOR_REQUIRED = env_bool("ADMIN_SECOND_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "LCT Portal"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Tokens in URLs (password reset links, private calendar feeds) never reach the logs.
    "filters": {"redact_secrets": {"()": "ltc_portal.log_filters.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's request lines, through the redacting handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"level": "ERROR"},
        # Wagtail's background tasks and page actions log every step at INFO: too chatty.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # django-axes: keep its warnings about repeated failures, not its start-up banner.
        "axes": {"level": "WARNING"},
    },
}
