"""Safe by default: runs of other data or settings write their own folders under runs/, settings are checked before
any notebook runs, and a failed notebook stays in its own run's folder. On copies of the study's data and of the
fixtures. End-to-end runs are marked slow; the decisions they rest on are unit-tested in test_config.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from regional_ties import config

from .conftest import FIXTURES, NOTEBOOKS, ROOT, make, planned, ran, said


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def run_folder(**settings) -> Path:
    return config.resolve(settings, root=ROOT).folders.out


@pytest.fixture(scope="module")
def study_copy():
    """One run of the chain on a copy of the study's data with another seed (SEED=1): it writes under runs/.
    Shared by the two tests below (pytest-xdist keeps a file's tests on one worker: --dist loadfile)."""
    with tempfile.TemporaryDirectory(prefix="regional-ties-") as tmp:
        raw = Path(tmp) / f"study-copy-{Path(tmp).name}"
        shutil.copytree(ROOT / "data/raw", raw)
        run_dir = run_folder(raw=str(raw), seed=1)
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
    assert run_dir.parent == ROOT / "runs" and run_dir.name.startswith(f"{raw.name}_seed1-")
    assert (run_dir / "data/processed/events.csv").exists() and (run_dir / "reports/findings.json").exists()
    assert (run_dir / "figures/manifest.json").exists() and (run_dir / "reports/study.html").exists()
    assert git_status() == status  # nothing committed (outputs, README) was touched; runs/ is ignored
    assert "Nothing to be done" in said(make("all", f"RAW={raw}", "SEED=1"))
    # removing a raw file (an optional table) re-runs the chain from the start
    (raw / "coding_first.csv").unlink()
    assert planned(make("all", f"RAW={raw}", "SEED=1", "SNAKEMAKE_ARGS=--dry-run")) == list(NOTEBOOKS)


@pytest.mark.slow
def test_another_seed_gives_the_committed_verdicts(study_copy):
    """`make SEED=1` on the study's data decides every claim and condition as the committed run (SEED=2015)."""
    _, run_dir, _, _ = study_copy
    assert verdicts(run_dir / "reports/findings.json") == verdicts(ROOT / "reports/findings.json")


@pytest.mark.slow
def test_two_regions_named_in_cyrillic_keep_both_results_and_a_failure_stays_in_its_own_folder(tmp_path):
    """Two runs on the same compilation, the region studied named in Cyrillic, each to notebook 02 (its processed
    data); then a broken copy of the compilation run for a third region fails in its own folder only."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "valid", raw)
    (raw / "README.md").unlink(missing_ok=True)
    # both regions have events in the fixture (a region with none stops notebook 01, by design); Sverdlovsk region is
    # the study's region, but with another compilation the run still goes under runs/
    regions = {"Челябинская область": "Chelyabinsk", "Свердловская область": "Sverdlovsk"}
    folders = {name: run_folder(raw=str(raw), ru_region=name) for name in regions}
    try:
        for name in regions:
            make("all", f"RAW={raw}", f"RU_REGION={name}", "SNAKEMAKE_ARGS=--until nb02_clean_events")
        assert len(set(folders.values())) == 2
        for name, latin in regions.items():
            folder = folders[name]
            assert folder.parent == ROOT / "runs" and (latin in folder.name or latin == "Sverdlovsk"), folder
            accounting = (folder / "reports/tables/accounting.csv").read_text(encoding="utf-8")
            assert (folder / "data/processed/events.csv").exists()
            rows = dict(line.rsplit(",", 1) for line in accounting.splitlines()[1:])
            assert rows["  of the Russian region studied"] == ("1" if latin == "Chelyabinsk" else "5")
        broken = tmp_path / "broken"
        shutil.copytree(raw, broken)
        from .conftest import set_cell

        set_cell(broken / "events.csv", 0, "area", "culture")
        third = run_folder(raw=str(broken), ru_region="Тюменская область")
        folders["third"] = third
        res = make("all", f"RAW={broken}", "RU_REGION=Тюменская область", check=False)
        assert res.returncode != 0
        assert (third / "reports/01_compile_events.failed.ipynb").exists()
        assert [p for p in (ROOT / "runs").rglob("*.failed.ipynb") if third not in p.parents] == []
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


def test_other_settings_on_the_study_data_would_write_under_runs():
    folder = run_folder(start_year=2012, end_year=2019, covid_year=2019)
    existed = folder.exists()
    try:
        res = make("all", "START_YEAR=2012", "END_YEAR=2019", "COVID_YEAR=2019", "SNAKEMAKE_ARGS=--dry-run")
        assert "the run's folder: runs/raw_2012-2019_covidyear2019-" in res.stderr
        assert planned(res) == list(NOTEBOOKS)
    finally:  # a dry run writes only the run's parameters file (reports/logs/parameters.json)
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)


def test_an_impossible_window_stops_before_any_notebook_naming_both_settings():
    status = git_status()
    res = make("all", "START_YEAR=2020", "END_YEAR=2015", check=False)
    assert res.returncode != 0
    assert "START_YEAR=2020 is after END_YEAR=2015" in res.stderr
    assert ran(res) == [] and "rule nb" not in said(res)
    assert git_status() == status


def test_the_project_folder_is_refused_as_out_for_other_data(tmp_path):
    raw = tmp_path / "mine"
    shutil.copytree(FIXTURES / "valid", raw)
    res = make("all", f"RAW={raw}", "OUT=.", check=False)
    assert res.returncode != 0 and "holds the study's committed outputs" in res.stderr
    assert not list((ROOT / "runs").glob("mine*")) if (ROOT / "runs").exists() else True


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
    assert "RawDataError" in res.stderr + res.stdout and "column 'area'" in res.stderr + res.stdout
    assert (out / "reports/01_compile_events.failed.ipynb").exists()
    assert not (out / "reports/01_compile_events.ipynb").exists()
    assert not (out / "data/processed").exists()
    # nothing ran after the failure, and the next make tries again
    assert ran(res) == []
    assert planned(make("all", f"RAW={raw}", f"OUT={out}", "SNAKEMAKE_ARGS=--dry-run")) == list(NOTEBOOKS)


def test_lab_opens_at_the_project_root_and_what_tools_leave_behind_is_ignored():
    assert "--ServerApp.root_dir=. " in (ROOT / "Makefile").read_text(encoding="utf-8")
    ignored = ["notebooks/01_compile_events.nbconvert.ipynb", "notebooks/01_compile_events.html",
               ".snakemake/log/x.log", "runs/x/reports/study.html", "reports/dag.dot", "reports/logs/parameters.json"]
    res = subprocess.run(["git", "check-ignore", "--no-index", *ignored], cwd=ROOT, capture_output=True, text=True)
    assert res.stdout.split() == ignored
    assert subprocess.run(["git", "check-ignore", "-q", "--no-index", "notebooks/01_compile_events.ipynb"],
                          cwd=ROOT).returncode == 1


def test_clean_runs_removes_runs_and_asks_nothing():
    res = make("-n", "clean-runs")
    assert res.stdout.strip() == "rm -rf runs"
