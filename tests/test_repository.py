"""The repository as committed: notebooks reviewable, evidence base sound, outputs described."""

from __future__ import annotations

import csv
import json

import nbformat
import pytest

from regional_ties.contract import TABLES
from regional_ties.load import read_raw
from regional_ties.run import declared_parameters

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

def test_six_ordered_notebooks():
    assert [p.stem[:3] for p in NOTEBOOKS] == ["01_", "02_", "03_", "04_", "05_", "06_"]

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs_and_has_parameters(path):
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "clear the outputs before committing"
    # the run's settings (none: the study's, of study.toml) and folder (none: chosen from the settings)
    assert declared_parameters(path) == {"settings": {}, "out": ""}
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")

def test_the_evidence_base_passes_the_contract():
    tables = read_raw(ROOT / "data/raw")
    assert len(tables["queries"]) >= 400
    assert len(tables["legal_documents"]) >= 12
    cited = set()
    for name in ("events", "legal_documents", "indicators"):
        for v in tables[name]["source_ids"]:
            cited.update(x.strip() for x in v.split(";"))
    included = set(tables["sources"].loc[tables["sources"]["decision"] == "include", "source_id"])
    assert included == cited, "every included source supports a row, and only included sources are cited"

def test_no_fixture_or_placeholder_rows_in_the_evidence():
    for path in (ROOT / "data/raw").glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        # the markers every made-up fixture row carries (see tests/fixtures/README.md), and filler words
        for marker in ("example.org", "FIXTURE", "placeholder", "lorem ipsum", "SYNTHETIC"):
            assert marker not in text, f"{path.name} contains {marker!r}"

def test_every_unit_and_area_was_searched():
    with open(ROOT / "data/raw/queries.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    from collections import Counter

    from regional_ties.contract import AREAS
    from regional_ties.gazetteer import SUBNATIONAL_KEYS

    units, areas = Counter(r["target_unit"] for r in rows), Counter(r["target_area"] for r in rows)
    assert {u: units[u] for u in SUBNATIONAL_KEYS if units[u] < 10} == {}
    assert {a: areas[a] for a in AREAS if areas[a] < 20} == {}
    assert {r["language"] for r in rows} == {"ru", "en", "kk"}

def test_committed_figures_and_manifest_agree():
    manifest = json.loads((ROOT / "figures/manifest.json").read_text(encoding="utf-8"))
    listed = {f for entry in manifest.values() for f in entry["files"]}
    on_disk = {p.name for p in (ROOT / "figures").iterdir() if p.name != "manifest.json"}
    assert listed == on_disk

def test_datapackage_describes_the_processed_csv_files():
    dp = json.loads((ROOT / "data/processed/datapackage.json").read_text(encoding="utf-8"))
    for res in dp["resources"]:
        with open(ROOT / "data/processed" / res["path"], encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        fields = res["schema"]["fields"]
        assert reader.fieldnames == [fd["name"] for fd in fields]
        for fd in fields:
            enum = fd.get("constraints", {}).get("enum")
            if enum:
                bad = {r[fd["name"]] for r in rows} - set(enum) - {""}
                assert not bad, f"{res['name']}.{fd['name']}: {bad}"

def test_templates_match_the_contract():
    for name, spec in TABLES.items():
        header = (ROOT / "data/templates" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == spec.column_names
