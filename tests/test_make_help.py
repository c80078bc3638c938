"""`make help` lists every target and every setting of the Makefile, from the `## ` line above each."""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
PHONY = re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M).group(1).split()
VARIABLES = dict(re.findall(r"^([A-Z_]+) \?= ?(.*)$", MAKEFILE, re.M))


@pytest.fixture(scope="module")
def help_text() -> str:
    return subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def line_of(help_text: str, name: str) -> str:
    found = [ln for ln in help_text.splitlines() if ln.split()[:1] == [name]]
    assert len(found) == 1, f"{name}: expected one line in make help, found {found}"
    return found[0]


def test_the_settings_people_ask_for_are_there():
    assert {"START_YEAR", "END_YEAR", "RU_REGION", "TIMEOUT", "RAW", "OUT", "SEED", "LAB_PORT"} <= set(VARIABLES)
    assert {"all", "test", "lab", "paper", "check-outputs", "help"} <= set(PHONY)


@pytest.mark.parametrize("target", PHONY)
def test_every_target_is_listed_with_its_description(help_text, target):
    comment = re.search(rf"^## (.+)\n{re.escape(target)}:", MAKEFILE, re.M)
    assert comment, f"Makefile: the target {target} has no '## ' line above it"
    assert line_of(help_text, target).split(None, 1)[1] == comment.group(1)


@pytest.mark.parametrize("name", sorted(VARIABLES))
def test_every_variable_is_listed_with_its_default(help_text, name):
    comment = re.search(rf"^## (.+)\n{name} \?=", MAKEFILE, re.M)
    assert comment, f"Makefile: the variable {name} has no '## ' line above it"
    default = VARIABLES[name] or "empty"
    assert line_of(help_text, name).split(None, 1)[1] == f"{comment.group(1)} (default: {default})"


def test_help_lists_nothing_else(help_text):
    names = [ln.split()[0] for ln in help_text.splitlines() if ln.startswith("  ")]
    assert sorted(names) == sorted([*PHONY, *VARIABLES])
