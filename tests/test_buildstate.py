"""Where a run writes and what make compares (buildstate.py), and how the driver orders the queue (chain.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from regional_ties import buildstate as bs
from regional_ties import chain

from .conftest import FIXTURES, ROOT

STUDY = dict(raw="data/raw", start_year=2015, end_year=2020, ru_region="Sverdlovsk", seed=2015)


def where(out="", **changes):
    return bs.output_folder(bs.settings_of(**{**STUDY, **changes}), out, ROOT)


def test_only_the_study_itself_writes_the_project_and_the_readme():
    assert where() == (".", True)
    assert where(raw=str(ROOT / "data/raw")) == (".", True)  # the same folder, written another way
    assert where(raw="data/raw/") == (".", True)


@pytest.mark.parametrize("changes, folder", [
    ({"raw": "/somewhere/my data"}, "runs/my-data"),
    ({"raw": "/somewhere/compilation.xlsx"}, "runs/compilation"),
    ({"start_year": 2010, "end_year": 2025}, "runs/raw_2010-2025"),
    ({"ru_region": "Chelyabinsk"}, "runs/raw_Chelyabinsk"),
    ({"seed": 7}, "runs/raw_seed7"),
    ({"raw": "/x/mine", "ru_region": "Omsk", "seed": 1}, "runs/mine_Omsk_seed1"),
])
def test_any_other_data_or_setting_writes_under_runs(changes, folder):
    assert where(**changes) == (folder, False)


def test_a_region_written_in_another_case_is_still_the_study():
    assert where(ru_region="sverdlovsk") == (".", True)


def test_out_is_used_as_given_and_never_writes_the_readme_elsewhere(tmp_path):
    assert where(out=str(tmp_path / "my out")) == (str(tmp_path / "my out"), False)
    assert where(out=str(tmp_path), raw="/x/mine") == (str(tmp_path), False)
    assert where(out=".") == (".", True)
    assert where(out=str(ROOT)) == (".", True)


def test_the_project_folder_is_refused_as_out_for_anything_but_the_study():
    with pytest.raises(bs.BuildError, match="START_YEAR=2010"):
        where(out=".", start_year=2010)
    with pytest.raises(bs.BuildError, match="runs/mine"):
        where(out=str(ROOT), raw="/x/mine")


@pytest.mark.parametrize("name, value", [("START_YEAR", "twenty"), ("SEED", "")])
def test_settings_must_be_whole_numbers(name, value):
    key = name.lower()
    with pytest.raises(bs.BuildError, match=name):
        bs.settings_of(**{**STUDY, key: value})


def test_state_folders_have_no_spaces_and_differ_per_output_folder(tmp_path):
    a = bs.state_folder(str(tmp_path / "out one"), ROOT)
    b = bs.state_folder(str(tmp_path / "out two"), ROOT)
    assert a != b and " " not in a + b and a.startswith(".make/")
    assert bs.state_folder(".", ROOT) == ".make/study"


def test_the_raw_listing_changes_when_a_file_is_added_removed_or_edited(tmp_path):
    raw = tmp_path / "raw data"
    raw.mkdir()
    (raw / "events.csv").write_text("a\n")
    first = bs.raw_listing(raw)
    (raw / "indicators.csv").write_text("b\n")
    added = bs.raw_listing(raw)
    assert added != first and "indicators.csv" in added
    (raw / "indicators.csv").unlink()
    assert bs.raw_listing(raw) == first
    (raw / "events.csv").write_text("a,b\n")
    assert bs.raw_listing(raw) != first
    (raw / "notes.txt").write_text("not a table")
    assert "notes.txt" not in bs.raw_listing(raw)


def test_write_if_changed_keeps_the_modification_time_of_an_unchanged_file(tmp_path):
    f = tmp_path / "settings.json"
    assert bs.write_if_changed(f, "x")
    os.utime(f, ns=(1, 1))
    assert not bs.write_if_changed(f, "x") and f.stat().st_mtime_ns == 1
    assert bs.write_if_changed(f, "y") and f.stat().st_mtime_ns > 1


def test_a_step_that_lost_a_product_loses_its_stamp(tmp_path):
    product = tmp_path / "fig 1.png"
    product.write_text("png")
    for step in ("01_compile_events", "02_clean_events"):
        (tmp_path / f"{step}.done").write_text(step)
        (tmp_path / f"{step}.products").write_text(json.dumps([str(product)]))
    (tmp_path / "04_figures.done").write_text("no list of products")
    assert bs.drop_stale_stamps(tmp_path) == ["04_figures"]
    product.unlink()
    assert bs.drop_stale_stamps(tmp_path) == ["01_compile_events", "02_clean_events"]
    assert not list(tmp_path.glob("*.done"))


def test_prepare_records_settings_and_raw_files_and_refuses_a_missing_raw(tmp_path):
    with pytest.raises(bs.BuildError, match="does not exist"):
        bs.prepare(ROOT, str(tmp_path / "nowhere"), str(tmp_path / "out"), 2015, 2020, "Sverdlovsk", 2015)
    state = ROOT / bs.prepare(ROOT, str(FIXTURES / "valid"), str(tmp_path / "out"), 2015, 2020, "Sverdlovsk", 2015)
    settings = json.loads((state / "settings.json").read_text())
    assert settings["out"] == str(tmp_path / "out") and settings["readme_path"] == ""
    assert "events.csv\t" in (state / "raw.txt").read_text()
    assert "NB_MODULES_03_descriptive_stats :=" in (state / "deps.mk").read_text()


def test_notebooks_depend_on_the_modules_they_import_directly_or_not():
    package = ROOT / "src/regional_ties"
    mods = {nb: bs.notebook_modules(ROOT / "notebooks" / f"{nb}.ipynb", package) for nb in bs.NOTEBOOKS}
    assert "search_log" in mods["01_compile_events"] and "figures" not in mods["01_compile_events"]
    assert "figures" in mods["04_figures"] and "figures" not in mods["03_descriptive_stats"]
    assert "contract" in mods["03_descriptive_stats"]  # through stats -> ... -> contract
    assert all({"run", "outputs"} <= set(m) for m in mods.values())


def test_imports_inside_the_package_are_read_relative_and_absolute(tmp_path):
    (tmp_path / "a.py").write_text("from . import b\nfrom .c import x\n")
    for name in ("b", "c", "d"):
        (tmp_path / f"{name}.py").write_text("")
    code = "from regional_ties import a, d\nimport os\nfrom pandas import DataFrame\n"
    assert bs._imported_modules(code, tmp_path, inside_package=False) == {"a", "d"}
    assert bs._imported_modules((tmp_path / "a.py").read_text(), tmp_path, inside_package=True) == {"b", "c"}


# ----------------------------------------------------------------------------- the driver's queue


def test_the_queue_keeps_make_order_and_merges_repeated_lines(tmp_path):
    q = tmp_path / "queue"
    q.write_text("01_compile_events\n02_clean_events 01_compile_events\n04_figures 02_clean_events\n"
                 "05_findings 02_clean_events 04_figures\n04_figures 02_clean_events\n")
    assert chain.read_queue(q) == {"01_compile_events": [], "02_clean_events": ["01_compile_events"],
                                   "04_figures": ["02_clean_events"],
                                   "05_findings": ["02_clean_events", "04_figures"]}
    q.write_text("06_extra\n")
    with pytest.raises(ValueError, match="06_extra"):
        chain.read_queue(q)


def test_the_plan_runs_independent_notebooks_together_and_stops_dependants_of_a_failure():
    queue = {"02_clean_events": [], "03_descriptive_stats": ["02_clean_events"], "04_figures": ["02_clean_events"],
             "05_findings": ["02_clean_events", "04_figures"]}
    assert chain.plan(queue, set(), set(), set()) == (["02_clean_events"], [])
    assert chain.plan(queue, {"02_clean_events"}, set(), set()) == (["03_descriptive_stats", "04_figures"], [])
    assert chain.plan(queue, {"02_clean_events"}, {"04_figures"}, set()) == (["03_descriptive_stats"], [])
    assert chain.plan(queue, {"02_clean_events", "03_descriptive_stats"}, set(), {"04_figures"}) == (
        [], ["05_findings"])
    # a prerequisite that is not queued is up to date: it does not hold anything back
    assert chain.plan({"05_findings": ["02_clean_events", "04_figures"]}, set(), set(), set()) == (["05_findings"], [])


def test_each_notebook_gets_only_the_settings_it_declares(tmp_path):
    params = chain.chain_parameters({"raw": "my raw", "out": "runs/x", "start_year": 2010, "end_year": 2025,
                                     "ru_region": "Omsk", "seed": 7, "readme_path": ""})
    assert params["figures_dir"] == "runs/x/figures" and params["seed"] == 7
    nb = ROOT / "notebooks/03_descriptive_stats.ipynb"
    declared = chain.parameters_for(nb, {**params, "not_declared_anywhere": 1})
    assert "not_declared_anywhere" not in declared and declared["ru_region"] == "Omsk"
    bare = tmp_path / "bare.ipynb"
    bare.write_text(json.dumps({"cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]},
                                           "source": "other = 1", "outputs": [], "execution_count": None}],
                                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(chain.ParameterError, match="declares none"):
        chain.parameters_for(bare, params)


def test_the_study_writes_relative_paths_into_the_project():
    assert chain.output_paths(".")["processed_dir"] == "data/processed"
    assert chain.output_paths("runs/a b/")["tables_dir"] == "runs/a b/reports/tables"


def test_outputs_record_the_files_they_write(tmp_path, monkeypatch):
    from regional_ties import outputs

    log = tmp_path / "written"
    monkeypatch.setenv(outputs.PRODUCTS_LOG, str(log))
    outputs.write_text(tmp_path / "a b.txt", "x")
    outputs.write_json(tmp_path / "c.json", {})
    assert log.read_text().splitlines() == [str((tmp_path / "a b.txt").resolve()), str((tmp_path / "c.json").resolve())]
    monkeypatch.delenv(outputs.PRODUCTS_LOG)
    outputs.write_text(tmp_path / "d.txt", "x")
    assert len(log.read_text().splitlines()) == 2


def test_prepare_state_folder_is_named_in_runs_for_other_settings():
    state = bs.prepare(ROOT, "data/raw", "", 2010, 2025, "Sverdlovsk", 2015)
    assert Path(state).name.startswith("raw_2010-2025-")
    assert json.loads((ROOT / state / "settings.json").read_text())["out"] == "runs/raw_2010-2025"
