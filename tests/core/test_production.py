"""Production is a different program: a shared cache, shared sessions, the proxy's addresses,
queued background tasks and a front end that collectstatic's manifest storage accepts."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.core.test_settings import PRODUCTION_ENV, ROOT, run_python

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(
    NODE is None and os.environ.get("CI") != "true", reason="Node.js is not installed"
)


def production_settings(*names, **env):
    """The values of `names` in production settings, under the environment `env`."""
    result = run_python(
        "import json, ltc_portal.settings.production as s;"
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))",
        **{**PRODUCTION_ENV, **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_shared_cache():
    env = {**PRODUCTION_ENV, "REDIS_URL": ""}

    result = run_python("import ltc_portal.settings.production", **env)

    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr
    assert "shared cache" in result.stderr


def test_production_workers_share_the_cache_the_sessions_and_the_sign_in_failures():
    values = production_settings("CACHES", "SESSION_ENGINE", "AXES_HANDLER")

    assert values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == PRODUCTION_ENV["REDIS_URL"]
    # Database-backed: every worker reads the same sessions and failure counts.
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert values["AXES_HANDLER"] == "axes.handlers.database.AxesDatabaseHandler"


def test_production_queues_background_tasks_in_redis_for_the_worker():
    values = production_settings("TASKS", "RQ_QUEUES", "INSTALLED_APPS")

    assert values["TASKS"]["default"]["BACKEND"] == "ltc_portal.task_backends.OnCommitRQBackend"
    assert values["RQ_QUEUES"]["default"]["URL"] == PRODUCTION_ENV["REDIS_URL"]
    assert "django_rq" in values["INSTALLED_APPS"]


def test_development_runs_background_tasks_straight_away():
    result = run_python("import ltc_portal.settings.dev as s; print(s.TASKS['default']['BACKEND'])")

    assert result.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"


@pytest.mark.parametrize("value", ["0", "-1", "one", "1.5"])
def test_a_proxy_count_that_is_not_a_positive_whole_number_refuses_to_start(value):
    result = run_python(
        "import ltc_portal.settings.production", **PRODUCTION_ENV, PROXY_COUNT=value
    )

    assert result.returncode != 0
    assert f"PROXY_COUNT is '{value}'" in result.stderr


def test_a_proxy_count_without_django_ipware_refuses_to_start():
    # ipware hidden as if it were not installed.
    result = run_python(
        "import sys; sys.modules['ipware'] = None; import ltc_portal.settings.production",
        **PRODUCTION_ENV,
        PROXY_COUNT="1",
    )

    assert result.returncode != 0
    assert "django-ipware is not installed" in result.stderr


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended():
    values = production_settings(
        "AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER", PROXY_COUNT="1"
    )

    assert values == {
        "AXES_IPWARE_PROXY_COUNT": 0,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR"],
    }


def test_without_a_proxy_only_the_connections_address_counts():
    values = production_settings("AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER")

    assert values == {
        "AXES_IPWARE_PROXY_COUNT": None,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
    }


def test_collectstatic_with_the_manifest_storage_accepts_the_front_end(settings, tmp_path):
    # The storage make serve uses: it refuses a stylesheet that names a missing file.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path

    call_command("collectstatic", "--noinput", verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert manifest["paths"]["css/main.css"].startswith("css/main.")
    assert "images/govuk-crest.svg" in manifest["paths"]


def run_node(*args, cwd=ROOT):
    return subprocess.run(  # noqa: S603 - our own scripts, fixed arguments
        [NODE or "node", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@needs_node
def test_the_front_end_build_produces_every_file_its_css_refers_to(tmp_path):
    result = run_node("frontend/build.mjs", str(tmp_path))

    assert result.returncode == 0, result.stderr
    css = (tmp_path / "css" / "main.css").read_text()
    assert "/static/images/govuk-crest.svg" in css
    assert (tmp_path / "images" / "govuk-crest.svg").is_file()


@needs_node
def test_the_front_end_build_names_a_file_the_css_refers_to_but_it_does_not_produce(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "here.svg").write_text("<svg/>")
    script = tmp_path / "check.mjs"
    module = (Path(ROOT) / "frontend" / "static_references.mjs").as_uri()
    script.write_text(
        f'import {{ missingStaticFiles }} from "{module}";\n'
        'const css = \'a{background:url("/static/images/here.svg")}'
        " b{background:url(/static/images/gone.svg?v=1)} c{background:url(data:image/png,x)}';\n"
        f"console.log(JSON.stringify(missingStaticFiles(css, {json.dumps(str(tmp_path))})));\n"
    )

    result = run_node(str(script))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["images/gone.svg"]


def test_production_workers_keep_their_database_connection_unless_told_otherwise():
    kept = production_settings("DATABASES")["DATABASES"]["default"]
    assert kept["CONN_MAX_AGE"] == 60 and kept["CONN_HEALTH_CHECKS"] is True

    told = production_settings("DATABASES", DATABASE_CONN_MAX_AGE="0")["DATABASES"]["default"]
    assert told["CONN_MAX_AGE"] == 0
