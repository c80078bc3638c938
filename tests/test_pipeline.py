"""End to end: the whole Papermill chain through `make` and the Snakemake workflow, on the made-up fixture
compilation, from a copy of the project, into tmp dirs.

Every test here shares one run of the chain (the fixture `built`, made once per test run, under paths with
spaces) and leaves its outputs as it found them; they run in one pytest-xdist worker, in this order. Which
notebooks an edit makes stale is read from Snakemake's dry run (`make SNAKEMAKE_ARGS=--dry-run`).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regional_ties.check_outputs import COMMITTED as OUTPUT_GLOBS  # the outputs CI compares byte for byte

from .conftest import NOTEBOOKS, ROOT, make, planned, ran, said

pytestmark = pytest.mark.slow


def outputs(out: Path) -> dict[str, bytes]:
    files = sorted({p for g in OUTPUT_GLOBS for p in out.glob(g) if p.is_file() and not p.name.startswith(".")})
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def test_chain_writes_every_output(built):
    out = built.out
    assert ran(built.result) == list(NOTEBOOKS)
    for name in ("events.csv", "legal_documents.csv", "indicators.csv", "datapackage.json"):
        assert (out / "data/processed" / name).exists(), name
    for n in NOTEBOOKS:
        assert (out / "reports" / f"{n}.ipynb").exists()
    # the report of all the notebooks, and beside it each executed notebook as a readable page it links to
    assert sorted(p.name for p in (out / "reports").glob("*.html")) == sorted(
        ["study.html", *(f"{n}.html" for n in NOTEBOOKS)])
    html = (out / "reports/study.html").read_text(encoding="utf-8")
    assert all(f'href="{n}.html"' in html for n in NOTEBOOKS)
    assert all(title in html for title in ("Compiling the evidence base", "Descriptive statistics", "Findings"))
    for t in ("screening_flow", "accounting", "events_by_area", "events_by_unit", "concentration", "legal_basis",
              "coding_reliability"):
        assert (out / "reports/tables" / f"{t}.csv").exists() and (out / "reports/tables" / f"{t}.tex").exists()
    findings = json.loads((out / "reports/findings.json").read_text())
    assert [f["id"] for f in findings][:2] == ["C1_areas", "C2_partners"]
    assert all(f["verdict"] == "too_few_events" for f in findings[:6])  # four events: too few to decide


def test_accounting_holds_for_the_fixture(built):
    rows = dict(line.rsplit(",", 1) for line in
                (built.out / "reports/tables/accounting.csv").read_text().splitlines()[1:])
    assert rows == {"raw event rows": "7", "compiled": "7", "merged into another row as duplicates": "1",
                    "processed (one row per event)": "6", "  of the Russian region studied": "5",
                    "  in the analysis window": "5", "  in the analysis (both)": "4"}


def test_manifest_lists_exactly_the_figures(built):
    manifest = json.loads((built.out / "figures/manifest.json").read_text())
    listed = {f for entry in manifest.values() for f in entry["files"]}
    on_disk = {p.name for p in (built.out / "figures").iterdir() if p.name != "manifest.json"}
    assert listed == on_disk and len(manifest) == 9
    for entry in manifest.values():
        assert entry["inputs"] and all(len(i["sha256"]) == 64 for i in entry["inputs"])


def test_executed_notebooks_carry_no_timestamps(built):
    for nb in (built.out / "reports").glob("[!.]*.ipynb"):  # hidden files: scratch of a killed run
        text = nb.read_text(encoding="utf-8")
        assert '"start_time"' not in text and '"end_time"' not in text and '"iopub.execute_input"' not in text, nb


def test_paper_export_to_a_folder_with_a_space(built):
    dest = built.out.parent / "my manuscript"
    res = make("paper", f"RAW={built.raw}", f"OUT={built.out}", f"DEST={dest}", cwd=built.project)
    assert ran(res) == []  # the chain is up to date: only the export runs
    assert len(list((dest / "figures").glob("*.pdf"))) == 9
    assert (dest / "tables/events_by_area.tex").exists() and (dest / "tables/coding_disagreements.tex").exists()
    tex = (dest / "figures.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{figure}") + tex.count(r"\begin{figure*}") == 9 and r"\includegraphics" in tex
    example = (dest / "example.tex").read_text(encoding="utf-8")
    assert r"\input{figures.tex}" in example
    assert all(rf"\input{{tables/{t.stem}.tex}}" in example for t in (built.out / "reports/tables").glob("*.tex"))


def test_second_make_does_nothing_and_says_so(built):
    res = built.make()
    assert "Nothing to be done" in said(res) and ran(res) == []


@contextlib.contextmanager
def edited(path: Path):
    """The file edited (a line end added: what it means is unchanged, its bytes and time are new); put back after.
    Snakemake compares the content of a newer input with the one it recorded: a file only saved again is no edit."""
    st, before = path.stat(), path.read_bytes()
    path.write_bytes(before + b"\n")
    os.utime(path, ns=(st.st_atime_ns, time.time_ns() + 5_000_000_000))
    try:
        yield
    finally:
        path.write_bytes(before)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


AFTER_02 = ["02_clean_events", "03_descriptive_stats", "04_figures", "05_findings", "06_comparison"]


@pytest.mark.parametrize("rel, stale", [
    ("notebooks/03_descriptive_stats.ipynb", ["03_descriptive_stats"]),
    ("notebooks/04_figures.ipynb", ["04_figures", "05_findings", "06_comparison"]),
    # package data: notebook 06 reads the capitals through comparison.py
    ("src/regional_ties/reference/capitals.csv", ["06_comparison"]),
    # a module imported (directly or not) by 04 and what follows, not by 01-03
    ("src/regional_ties/figures.py", ["04_figures", "05_findings", "06_comparison"]),
    # the schema of findings.json: read by report.py, which 05 imports
    ("src/regional_ties/findings.schema.json", ["05_findings", "06_comparison"]),
    # a module every notebook runs through
    ("src/regional_ties/config.py", list(NOTEBOOKS)),
])
def test_an_edited_source_reruns_exactly_the_notebooks_that_depend_on_it(built, rel, stale):
    with edited(built.project / rel):
        res = built.make("SNAKEMAKE_ARGS=--dry-run")
        assert planned(res) == stale, [ln for ln in said(res).splitlines() if "reason" in ln]


def test_an_edited_raw_file_or_setting_reruns_exactly_what_depends_on_it(built):
    assert " " in str(built.raw)
    with edited(built.raw / "events.csv"):
        assert built.dry() == list(NOTEBOOKS)
    # settings: only the notebooks that read them, and the notebooks after those
    assert built.dry("COMPARE_REGION=Omsk") == ["06_comparison"]
    assert built.dry("SEED=7") == AFTER_02
    assert built.dry("RU_REGION=Свердловская область") == []  # the study's region, by another of its names
    assert built.dry() == []


def test_deleted_products_rerun_what_they_must_and_an_interrupted_make_leaves_no_half_written_output(built):
    """One rerun of the chain checks two things: a deleted product makes its notebook and what depends on it
    stale; a make interrupted part-way (Ctrl-C) leaves no output half-written, and the next make finishes the work
    with the same bytes."""
    original = outputs(built.out)
    (built.out / "reports/findings.md").unlink()  # written by 05
    assert built.dry() == ["05_findings", "06_comparison"]
    (built.out / "figures/fig1_events_by_year_area.png").unlink()  # written by 04
    assert built.dry() == ["04_figures", "05_findings", "06_comparison"]
    (built.out / "data/processed/events.csv").unlink()  # written by 02
    assert built.dry() == AFTER_02
    (built.out / "reports/01_compile_events.ipynb").unlink()  # the executed notebook is a product too
    assert built.dry() == list(NOTEBOOKS)
    log = built.out.parent / "interrupted make.log"
    compiled = built.out / "reports/01_compile_events.ipynb"
    with open(log, "w") as f:
        proc = subprocess.Popen(["make", "--no-print-directory", "all", f"RAW={built.raw}", f"OUT={built.out}",
                                 f"VENV={ROOT / '.venv'}"], cwd=built.project, stdout=f, stderr=subprocess.STDOUT,
                                start_new_session=True)
        # stop it part-way: once the first notebook has been written again, or after at most 60 s
        deadline = time.time() + 60
        while time.time() < deadline and not compiled.exists():
            time.sleep(0.1)
        time.sleep(1.0)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=60)
    after = outputs(built.out)
    broken = [k for k in after if after[k] != original.get(k)]  # written ones carry the same bytes, none half-written
    assert not broken, f"outputs changed or half-written after an interruption: {broken}"
    res = built.make()  # the next make runs what the interrupted one did not finish
    assert "05_findings" in ran(res)
    assert outputs(built.out) == original  # every product back, byte for byte
    assert "Nothing to be done" in said(built.make())


def test_unknown_parameter_is_an_error_before_the_kernel_starts(tmp_path):
    res = subprocess.run([sys.executable, "-m", "regional_ties.run", "notebooks/01_compile_events.ipynb",
                          str(tmp_path / "x.ipynb"), "-p", "strat_year", "2015"], cwd=ROOT, capture_output=True,
                         text=True)
    assert res.returncode == 2 and "unknown parameter(s) ['strat_year']" in res.stderr
    assert not (tmp_path / "x.ipynb").exists()
