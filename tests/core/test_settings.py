"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


#: Variables a test sets itself, never taken from the environment the tests run in.
CONTROLLED = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "PROXY_COUNT"}

#: What production needs, for tests about something else.
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "lct.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/5",
}


def run_python(code, **env):
    base = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import ltc_portal.settings.production", ALLOWED_HOSTS="lct.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_python(
        "import ltc_portal.settings.production", SECRET_KEY="x" * 60, REDIS_URL="redis://x/1"
    )

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_deploy_check_is_clean_with_the_variables_set():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in CONTROLLED},
            "DJANGO_SETTINGS_MODULE": "ltc_portal.settings.production",
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_database_url_chooses_the_database():
    result = run_python(
        "import ltc_portal.settings.base as s; print(s.DATABASES['default']['ENGINE'])",
        DATABASE_URL="postgres://u@127.0.0.1:5432/somedb",
    )

    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_without_database_url_the_default_is_an_sqlite_file_under_var():
    result = run_python(
        "import ltc_portal.settings.base as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'])",
        DATABASE_URL="",
    )

    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name.endswith("var/db.sqlite3")


def test_redis_url_switches_the_cache_to_redis():
    result = run_python(
        "import ltc_portal.settings.base as s; print(s.CACHES['default']['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )

    assert result.stdout.strip() == "django_redis.cache.RedisCache"


def test_secret_key_fallbacks_come_from_the_environment():
    result = run_python(
        "import ltc_portal.settings.base as s; print(s.SECRET_KEY_FALLBACKS)",
        SECRET_KEY_FALLBACKS="old-key-one, old-key-two",
    )

    assert result.stdout.strip() == "['old-key-one', 'old-key-two']"
