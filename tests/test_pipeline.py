"""End to end: the whole Papermill chain through `make`, on the made-up fixture compilation, into tmp dirs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regional_ties.check_outputs import COMMITTED as OUTPUT_GLOBS  # the outputs CI compares byte for byte

from .conftest import FIXTURES, ROOT, set_cell


def make(*args, cwd=ROOT, check=True, **kw):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    res = subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True, env=env,
                         **kw)
    if check and res.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return res


def outputs(out: Path) -> dict[str, bytes]:
    files = sorted({p for g in OUTPUT_GLOBS for p in out.glob(g) if p.is_file() and not p.name.startswith(".")})
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw") / "valid"
    shutil.copytree(FIXTURES / "valid", raw)
    out = tmp_path_factory.mktemp("out")
    first = make("all", f"RAW={raw}", f"OUT={out}")
    return raw, out, first


def test_chain_writes_every_output(built):
    raw, out, _ = built
    for name in ("events.csv", "legal_documents.csv", "indicators.csv", "datapackage.json"):
        assert (out / "data/processed" / name).exists(), name
    for n in ("01_compile_events", "02_clean_events", "03_descriptive_stats", "04_figures", "05_findings"):
        assert (out / "reports" / f"{n}.ipynb").exists() and (out / "reports" / f"{n}.html").exists()
    assert (out / "reports/study.html").stat().st_size > 10_000
    for t in ("screening_flow", "accounting", "events_by_area", "events_by_unit", "concentration", "legal_basis",
              "coding_reliability"):
        assert (out / "reports/tables" / f"{t}.csv").exists() and (out / "reports/tables" / f"{t}.tex").exists()
    findings = json.loads((out / "reports/findings.json").read_text())
    assert [f["id"] for f in findings][:2] == ["C1_areas", "C2_partners"]
    assert all(f["verdict"] == "inconclusive" for f in findings[:6])  # four events: too few to decide


def test_accounting_holds_for_the_fixture(built):
    _, out, _ = built
    rows = dict(line.rsplit(",", 1) for line in (out / "reports/tables/accounting.csv").read_text().splitlines()[1:])
    assert rows == {"raw event rows": "7", "compiled": "7", "merged into another row as duplicates": "1",
                    "processed (one row per event)": "6", "  of the Russian region studied": "5",
                    "  in the analysis window": "5", "  in the analysis (both)": "4"}


def test_manifest_lists_exactly_the_figures(built):
    _, out, _ = built
    manifest = json.loads((out / "figures/manifest.json").read_text())
    listed = {f for entry in manifest.values() for f in entry["files"]}
    on_disk = {p.name for p in (out / "figures").iterdir() if p.name != "manifest.json"}
    assert listed == on_disk and len(manifest) == 7
    for entry in manifest.values():
        assert entry["inputs"] and all(len(i["sha256"]) == 64 for i in entry["inputs"])


def test_second_make_does_nothing_and_says_so(built):
    raw, out, _ = built
    res = make("all", f"RAW={raw}", f"OUT={out}")
    assert "Nothing to be done" in res.stdout


def test_touching_a_raw_table_reruns_the_chain(built):
    raw, out, _ = built
    before = outputs(out)
    time.sleep(1.1)
    (raw / "events.csv").touch()
    res = make("all", f"RAW={raw}", f"OUT={out}")
    assert "ran notebooks/01_compile_events.ipynb" in res.stdout
    assert outputs(out) == before  # same inputs, same bytes


def test_a_clean_rebuild_gives_identical_bytes(built, tmp_path):
    raw, out, _ = built
    make("all", f"RAW={raw}", f"OUT={tmp_path}")
    a, b = outputs(out), outputs(tmp_path)
    assert a.keys() == b.keys()
    differ = [k for k in a if a[k] != b[k]]
    assert not differ, f"not byte-identical: {differ}"


def test_bad_input_stops_the_chain_and_keeps_the_failed_notebook(tmp_path):
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


def test_missing_raw_folder_is_an_error_before_any_notebook(tmp_path):
    res = make("all", f"RAW={tmp_path / 'nowhere'}", f"OUT={tmp_path}", check=False)
    assert res.returncode != 0 and "does not exist" in res.stderr
    assert not (tmp_path / "reports").exists()


def test_unknown_parameter_is_an_error_before_the_kernel_starts(tmp_path):
    res = subprocess.run([sys.executable, "-m", "regional_ties.run", "notebooks/01_compile_events.ipynb",
                          str(tmp_path / "x.ipynb"), "-p", "strat_year", "2015"], cwd=ROOT, capture_output=True,
                         text=True)
    assert res.returncode == 2 and "unknown parameter(s) ['strat_year']" in res.stderr
    assert not (tmp_path / "x.ipynb").exists()


def test_an_interrupted_build_leaves_every_output_intact(built, tmp_path):
    raw, out, _ = built
    before = outputs(out)
    time.sleep(1.1)
    (raw / "events.csv").touch()
    proc = subprocess.Popen(["make", "--no-print-directory", "all", f"RAW={raw}", f"OUT={out}"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    # stop it part-way: once the second notebook has started writing, or after at most 60 s
    deadline = time.time() + 60
    while time.time() < deadline and not (out / "reports/01_compile_events.ipynb").stat().st_mtime > \
            (raw / "events.csv").stat().st_mtime:
        time.sleep(0.2)
    time.sleep(2.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = outputs(out)
    assert after.keys() == before.keys()
    broken = [k for k in after if after[k] != before[k]]
    assert not broken, f"outputs changed or half-written after a kill: {broken}"
    make("all", f"RAW={raw}", f"OUT={out}")  # the next make continues from there
    assert outputs(out) == before


def test_executed_notebooks_carry_no_timestamps(built):
    _, out, _ = built
    for nb in (out / "reports").glob("[!.]*.ipynb"):  # hidden files: scratch of a killed run
        text = nb.read_text(encoding="utf-8")
        assert '"start_time"' not in text and '"end_time"' not in text and '"iopub.execute_input"' not in text, nb


def test_paper_export_copies_figures_tables_and_captions(built, tmp_path):
    _, out, _ = built
    dest = tmp_path / "manuscript"
    res = subprocess.run([sys.executable, "-m", "regional_ties.paper", "--figures", str(out / "figures"),
                          "--tables", str(out / "reports/tables"), "--dest", str(dest)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert len(list((dest / "figures").glob("*.pdf"))) == 7
    assert (dest / "tables/events_by_area.tex").exists() and (dest / "tables/coding_disagreements.tex").exists()
    tex = (dest / "figures.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{figure}") + tex.count(r"\begin{figure*}") == 7 and r"\includegraphics" in tex
    example = (dest / "example.tex").read_text(encoding="utf-8")
    assert r"\input{figures.tex}" in example
    assert all(rf"\input{{tables/{t.stem}.tex}}" in example for t in (out / "reports/tables").glob("*.tex"))
