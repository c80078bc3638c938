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


def make(*args, cwd=ROOT, check=True, **kw):
    """Run make in the project with the given goals and variables; fail with its output if it fails."""
    import os
    import subprocess

    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    res = subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True, env=env,
                         **kw)
    if check and res.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return res


def ran(res) -> list[str]:
    """The notebooks that a make run executed, from the driver's 'ran notebooks/<name>.ipynb' lines."""
    return [n for n in NOTEBOOKS if f"ran notebooks/{n}.ipynb" in res.stdout]


def queued(res) -> list[str]:
    """The notebooks that a dry run (make -n) would execute: those whose step queues itself."""
    return [n for n in NOTEBOOKS if f"echo '{n} " in res.stdout or f"echo '{n}'" in res.stdout]


class Built:
    """One run of the chain: its raw folder, its output folder and make's result."""

    def __init__(self, raw: Path, out: Path, result):
        self.raw, self.out, self.result = raw, out, result

    def make(self, *args, **kw):
        return make("all", f"RAW={self.raw}", f"OUT={self.out}", *args, **kw)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """One end-to-end run of the whole chain, shared by every test that inspects its outputs: the made-up fixture
    compilation copied under a folder whose name has a space, written to an output folder with a space.

    pytest-xdist may tear a shared fixture down between two tests of one worker; set up again, it finds its
    folders and make has nothing to do."""
    base = tmp_path_factory.getbasetemp() / "chain"
    raw = base / "raw data" / "valid"
    out = base / "out folder"
    first = base / "first make.txt"
    if not first.exists():
        shutil.copytree(FIXTURES / "valid", raw)
        (raw / "README.md").unlink(missing_ok=True)
        first.write_text(make("all", f"RAW={raw}", f"OUT={out}").stdout, encoding="utf-8")
    import subprocess

    make("all", f"RAW={raw}", f"OUT={out}")
    return Built(raw, out, subprocess.CompletedProcess([], 0, first.read_text(encoding="utf-8"), ""))
