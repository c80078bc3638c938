"""Safe by default and a build that notices every change, on copies of the study's data and of the fixtures.

End-to-end runs are marked slow; the decisions they rest on (where a run writes, what make compares) are
unit-tested in test_buildstate.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, NOTEBOOKS, ROOT, make, queued, ran


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def study_copy():
    """One run of the chain on a copy of the study's data with another seed (SEED=1): it writes under runs/.
    Shared by the two tests below (pytest-xdist keeps a file's tests on one worker: --dist loadfile)."""
    with tempfile.TemporaryDirectory(prefix="regional-ties-") as tmp:
        raw = Path(tmp) / f"study-copy-{Path(tmp).name}"
        shutil.copytree(ROOT / "data/raw", raw)
        run_dir = ROOT / "runs" / f"{raw.name}_seed1"
        status = git_status()
        try:
            first = make("all", f"RAW={raw}", "SEED=1")
            yield raw, run_dir, first, status
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)


def verdicts(findings: Path) -> list:
    return [(f["id"], f["verdict"], [c["status"] for c in f["conditions"]])
            for f in json.loads(findings.read_text(encoding="utf-8"))]


@pytest.mark.slow
def test_a_copy_of_the_study_data_writes_its_own_folder_and_leaves_git_clean(study_copy):
    raw, run_dir, first, status = study_copy
    assert ran(first) == list(NOTEBOOKS)
    assert (run_dir / "data/processed/events.csv").exists() and (run_dir / "reports/findings.json").exists()
    assert (run_dir / "figures/manifest.json").exists() and (run_dir / "reports/study.html").exists()
    assert git_status() == status  # nothing committed (outputs, README) was touched; runs/ is ignored
    assert "Nothing to be done" in make("all", f"RAW={raw}", "SEED=1").stdout
    # removing a raw file (an optional table) re-runs the chain from the start
    (raw / "coding_first.csv").unlink()
    assert queued(make("-n", "all", f"RAW={raw}", "SEED=1")) == list(NOTEBOOKS)


@pytest.mark.slow
def test_another_seed_gives_the_committed_verdicts(study_copy):
    """`make SEED=1` on the study's data decides every claim and condition as the committed run (SEED=2015)."""
    _, run_dir, _, _ = study_copy
    assert verdicts(run_dir / "reports/findings.json") == verdicts(ROOT / "reports/findings.json")


def test_other_settings_on_the_study_data_would_write_under_runs():
    res = make("-n", "all", "START_YEAR=2010", "END_YEAR=2025")
    assert "--state .make/raw_2010-2025-" in res.stdout


def test_the_project_folder_is_refused_as_out_for_other_data(tmp_path):
    raw = tmp_path / "mine"
    shutil.copytree(FIXTURES / "valid", raw)
    res = make("all", f"RAW={raw}", "OUT=.", check=False)
    assert res.returncode != 0 and "holds the study's committed outputs" in res.stderr
    assert not (ROOT / "runs" / "mine").exists()


def test_missing_raw_folder_is_an_error_before_any_notebook(tmp_path):
    res = make("all", f"RAW={tmp_path / 'nowhere'}", f"OUT={tmp_path}", check=False)
    assert res.returncode != 0 and "does not exist" in res.stderr
    assert not (tmp_path / "reports").exists()


@pytest.mark.slow
def test_bad_input_stops_the_chain_and_keeps_the_failed_notebook(tmp_path):
    from .conftest import set_cell

    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "valid", raw)
    set_cell(raw / "events.csv", 0, "area", "culture")
    out = tmp_path / "out"
    res = make("all", f"RAW={raw}", f"OUT={out}", check=False)
    assert res.returncode != 0
    assert "RawDataError" in res.stderr and "column 'area'" in res.stderr
    assert (out / "reports/01_compile_events.failed.ipynb").exists()
    assert not (out / "reports/01_compile_events.ipynb").exists()
    assert not (out / "data/processed").exists()
    # nothing ran after the failure, and the next make tries again
    assert ran(res) == [] and queued(make("-n", "all", f"RAW={raw}", f"OUT={out}")) == list(NOTEBOOKS)
