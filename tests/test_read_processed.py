"""Processed tables are read back with their types (booleans as booleans), as the descriptor gives them."""

import shutil

import pytest

from regional_ties.datapackage import read_processed

from .conftest import ROOT, read_rows, write_rows


def test_the_study_processed_events_come_back_typed():
    ev = read_processed(ROOT / "data" / "processed", "events")
    assert ev["in_analysis"].dtype == bool and ev["government_led"].dtype == bool
    assert ev["year"].dtype == "int64" and ev["n_sources"].dtype == "int64"
    assert set(ev["in_analysis"]) <= {True, False}
    docs = read_processed(ROOT / "data" / "processed", "legal_documents")
    assert docs["force_start"].isin(["", *map(str, range(1900, 2100))]).all()  # text: empty when not known


def test_a_value_that_does_not_fit_its_type_is_named(tmp_path):
    for name in ("events.csv", "legal_documents.csv", "datapackage.json"):
        shutil.copy(ROOT / "data" / "processed" / name, tmp_path / name)
    rows = read_rows(tmp_path / "events.csv")
    assert rows[0]["in_window"] in ("True", "False")
    rows[0]["in_window"] = "yes"
    write_rows(tmp_path / "events.csv", rows)
    with pytest.raises(ValueError, match=r"events.csv, line 2, column 'in_window', value 'yes'"):
        read_processed(tmp_path, "events")
