"""End to end: the whole Papermill chain through `make`, on the made-up fixture compilation, into tmp dirs.

Every test here shares one run of the chain (the fixture `built`, made once per test run, under paths with
spaces) and leaves its outputs as it found them; they run in one pytest-xdist worker, in this order.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regional_ties.check_outputs import COMMITTED as OUTPUT_GLOBS  # the outputs CI compares byte for byte

from .conftest import NOTEBOOKS, ROOT, make, queued, ran

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
    # one HTML rendering: the report of all six notebooks, not one per notebook
    assert sorted(p.name for p in (out / "reports").glob("*.html")) == ["study.html"]
    html = (out / "reports/study.html").read_text(encoding="utf-8")
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
    res = make("paper", f"RAW={built.raw}", f"OUT={built.out}", f"DEST={dest}")
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
    assert "Nothing to be done" in res.stdout


def test_changing_only_notebook_03_reruns_only_03(built):
    # -W: as if the file had just changed; -n: say what would run without running it
    assert queued(built.make("-n", "-W", "notebooks/03_descriptive_stats.ipynb")) == ["03_descriptive_stats"]
    assert queued(built.make("-n", "-W", "notebooks/04_figures.ipynb")) == ["04_figures", "05_findings",
                                                                             "06_comparison"]


def test_changing_a_module_reruns_only_the_notebooks_that_import_it(built):
    assert queued(built.make("-n", "-W", "src/regional_ties/search_log.py")) == ["01_compile_events", "02_clean_events",
                                                                                 "03_descriptive_stats", "04_figures",
                                                                                 "05_findings", "06_comparison"]
    assert queued(built.make("-n", "-W", "src/regional_ties/figures.py")) == ["04_figures", "05_findings",
                                                                               "06_comparison"]
    assert queued(built.make("-n", "-W", "src/regional_ties/report.py")) == ["05_findings", "06_comparison"]


def test_unknown_parameter_is_an_error_before_the_kernel_starts(tmp_path):
    res = subprocess.run([sys.executable, "-m", "regional_ties.run", "notebooks/01_compile_events.ipynb",
                          str(tmp_path / "x.ipynb"), "-p", "strat_year", "2015"], cwd=ROOT, capture_output=True,
                         text=True)
    assert res.returncode == 2 and "unknown parameter(s) ['strat_year']" in res.stderr
    assert not (tmp_path / "x.ipynb").exists()


def test_deleted_products_and_an_edit_under_a_raw_path_rerun_what_they_must_and_a_kill_leaves_every_output_intact(
        built):
    """One rerun of the chain checks three things: a deleted product queues its step and what depends on it; an
    edit under the raw path (which has a space) queues the whole chain; a make killed part-way leaves every
    output whole, and the next make finishes the work with the same bytes."""
    original = outputs(built.out)
    (built.out / "reports/findings.md").unlink()  # written by 05
    assert queued(built.make("-n")) == ["05_findings", "06_comparison"]
    (built.out / "figures/fig1_events_by_year_area.png").unlink()  # written by 04
    assert queued(built.make("-n")) == ["04_figures", "05_findings", "06_comparison"]
    (built.out / "data/processed/events.csv").unlink()  # written by 02
    assert queued(built.make("-n")) == ["02_clean_events", "03_descriptive_stats", "04_figures", "05_findings",
                                        "06_comparison"]
    assert " " in str(built.raw)
    events = built.raw / "events.csv"
    events.write_bytes(events.read_bytes())  # saved again: same content, new modification time
    assert queued(built.make("-n")) == list(NOTEBOOKS)
    before = outputs(built.out)
    compiled = built.out / "reports/01_compile_events.ipynb"
    start = compiled.stat().st_mtime_ns
    log = built.out.parent / "killed make.log"
    with open(log, "w") as f:
        proc = subprocess.Popen(["make", "--no-print-directory", "all", f"RAW={built.raw}", f"OUT={built.out}"],
                                cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
        # stop it part-way: once the first notebook has been written again, or after at most 60 s
        deadline = time.time() + 60
        while time.time() < deadline and compiled.stat().st_mtime_ns == start:
            time.sleep(0.1)
        time.sleep(1.0)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    after = outputs(built.out)
    assert set(before) <= set(after), f"outputs lost in a kill: {sorted(set(before) - set(after))}"
    broken = [k for k in after if after[k] != original.get(k)]  # rewritten ones carry the same bytes, none half-written
    assert not broken, f"outputs changed or half-written after a kill: {broken}"
    killed = ran(subprocess.CompletedProcess([], 0, log.read_text(), ""))
    res = built.make()  # the next make runs what the killed one did not finish
    assert "05_findings" in ran(res)
    assert set(killed) | set(ran(res)) == set(NOTEBOOKS)
    assert outputs(built.out) == original  # every product back, byte for byte
    assert "Nothing to be done" in built.make().stdout
