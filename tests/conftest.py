"""Shared helpers. Every table under tests/fixtures/ is a made-up fixture, not evidence."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def valid_raw(tmp_path) -> Path:
    """A fresh copy of the valid fixture compilation, safe to edit."""
    dest = tmp_path / "raw"
    shutil.copytree(FIXTURES / "valid", dest)
    (dest / "README.md").unlink(missing_ok=True)
    return dest


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict], fieldnames=None) -> None:
    fieldnames = fieldnames or list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fieldnames)
        w.writeheader()
        w.writerows(rows)


def set_cell(path: Path, row_index: int, column: str, value: str) -> None:
    rows = read_rows(path)
    rows[row_index][column] = value
    write_rows(path, rows)


# ----------------------------------------------------------------------------- end-to-end runs of the chain

NOTEBOOKS = ("01_compile_events", "02_clean_events", "03_descriptive_stats", "04_figures", "05_findings",
             "06_comparison")
#: What the workflow reads from the project: a copy of these is a project of its own (for tests that edit them).
PROJECT_FILES = ("Makefile", "study.toml", "pyproject.toml", "requirements.lock", "workflow", "notebooks",
                 "src/regional_ties")


def make(*args, cwd=ROOT, check=True, **kw):
    """Run make in the project (or a copy of it) with the given goals and variables; fail with its output if it
    fails. A copy of the project uses this project's virtual environment."""
    import os
    import subprocess

    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    venv = [] if Path(cwd) == ROOT else [f"VENV={ROOT / '.venv'}"]
    res = subprocess.run(["make", "--no-print-directory", *args, *venv], cwd=cwd, capture_output=True, text=True,
                         env=env, **kw)
    if check and res.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return res


def ran(res) -> list[str]:
    """The notebooks that a make run executed, from run.py's 'ran notebooks/<name>.ipynb' lines."""
    return [n for n in NOTEBOOKS if f"ran notebooks/{n}.ipynb" in said(res)]


def said(res) -> str:
    """All that a make run printed (Snakemake speaks on stderr, the notebooks' runs on stdout)."""
    return (res.stdout or "") + (res.stderr or "")


def planned(res) -> list[str]:
    """The notebooks that a dry run (SNAKEMAKE_ARGS=--dry-run) would execute, from Snakemake's 'rule nb<name>:'."""
    import re

    rules = set(re.findall(r"^(?:local)?rule nb(\w+):", said(res), re.M))
    return [n for n in NOTEBOOKS if n in rules]


def copy_project(dest: Path) -> Path:
    """A copy of the project's workflow, notebooks, package and settings (not its data or outputs)."""
    for rel in PROJECT_FILES:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


class Built:
    """One run of the chain in a copy of the project: its folder, its raw folder, its output folder and make's
    result. Its files can be edited without touching the project (the notebooks' kernels still import the
    installed package: an edit to the copy's package changes what Snakemake sees as stale, not what runs)."""

    def __init__(self, project: Path, raw: Path, out: Path, result):
        self.project, self.raw, self.out, self.result = project, raw, out, result

    def make(self, *args, **kw):
        return make("all", f"RAW={self.raw}", f"OUT={self.out}", *args, cwd=self.project, **kw)

    def dry(self, *args) -> list[str]:
        return planned(self.make("SNAKEMAKE_ARGS=--dry-run", *args))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """One end-to-end run of the whole chain, shared by every test that inspects its outputs: the made-up fixture
    compilation copied under a folder whose name has a space, written to an output folder with a space, from a
    copy of the project (a folder with a space too).

    pytest-xdist may tear a shared fixture down between two tests of one worker; set up again, it finds its
    folders and make has nothing to do."""
    base = tmp_path_factory.getbasetemp() / "chain"
    project = base / "project copy"
    raw = base / "raw data" / "valid"
    out = base / "out folder"
    first = base / "first make.txt"
    if not first.exists():
        copy_project(project)
        shutil.copytree(FIXTURES / "valid", raw)
        (raw / "README.md").unlink(missing_ok=True)
        first.write_text(make("all", f"RAW={raw}", f"OUT={out}", cwd=project).stdout, encoding="utf-8")
    import subprocess

    make("all", f"RAW={raw}", f"OUT={out}", cwd=project)
    return Built(project, raw, out, subprocess.CompletedProcess([], 0, first.read_text(encoding="utf-8"), ""))
