"""The layers hold: core < directory < meetings | resources < training < ltc_portal, imports only
downwards.

The contracts are in pyproject.toml (`[tool.importlinter]`); import-linter reads the imports
themselves, so a new upward import or a new circle inside an app fails here.
"""

import subprocess
import sys
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def lint_imports():
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_no_app_imports_a_layer_above_it_and_no_app_has_an_import_circle():
    result = lint_imports()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apps import only the layers below them KEPT" in result.stdout
    assert "No import circle between the modules of an app KEPT" in result.stdout


def test_the_ground_floor_app_has_no_models():
    assert list(apps.get_app_config("core").get_models()) == []
