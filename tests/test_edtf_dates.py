"""Dates known only as bounds (EDTF) in legal_documents.csv: reading, validation, cleaning. Fixtures only."""

import datetime as dt

import pytest

from regional_ties import clean, edtf_dates
from regional_ties.load import RawDataError, read_raw

from .conftest import read_rows, set_cell, write_rows

D = dt.date


@pytest.mark.parametrize("text,lo,hi", [
    ("2014", D(2014, 1, 1), D(2014, 12, 31)),
    ("2014-02", D(2014, 2, 1), D(2014, 2, 28)),
    ("2014-02-10", D(2014, 2, 10), D(2014, 2, 10)),
    ("../2014-02-10", None, D(2014, 2, 10)),
    ("[..2014-02-10]", None, D(2014, 2, 10)),
    ("2014-02-10/..", D(2014, 2, 10), None),
    ("[2014-02-10..]", D(2014, 2, 10), None),
    ("2017/2019", D(2017, 1, 1), D(2019, 12, 31)),
    ("2016-09/2017-03", D(2016, 9, 1), D(2017, 3, 31)),
    ("2014?", D(2013, 1, 1), D(2015, 12, 31)),
    ("2014~", D(2013, 1, 1), D(2015, 12, 31)),
    ("2014-02?", D(2014, 1, 1), D(2014, 3, 31)),
    ("2014-01-31?", D(2014, 1, 30), D(2014, 2, 1)),
    ("[2014, 2016]", D(2014, 1, 1), D(2016, 12, 31)),
])
def test_accepted_forms_and_their_bounds(text, lo, hi):
    assert edtf_dates.bounds(text) == (lo, hi)


@pytest.mark.parametrize("bad", ["2014-02-30", "2014-13", "2014-21", "20140210", "2014-2-1", "2017/2015", "soon",
                                 "..2014"])
def test_rejected_forms(bad):
    assert not edtf_dates.is_valid(bad)
    with pytest.raises(ValueError, match="EDTF"):
        edtf_dates.bounds(bad)


def test_loader_accepts_bounds_and_names_the_cell_it_rejects(valid_raw):
    set_cell(valid_raw / "legal_documents.csv", 0, "signed", "../2014-02-10")
    assert read_raw(valid_raw)["legal_documents"]["signed"].iloc[0] == "../2014-02-10"
    set_cell(valid_raw / "legal_documents.csv", 0, "signed", "before 2014")
    with pytest.raises(RawDataError) as err:
        read_raw(valid_raw)
    p = next(p for p in err.value.problems if p.column == "signed")
    assert p.file == "legal_documents.csv" and p.line == 2 and "../2014-02-10" in p.expected


def test_loader_rejects_an_end_that_cannot_follow_the_start(valid_raw):
    rows = read_rows(valid_raw / "legal_documents.csv")
    rows[0].update(signed="2016/2018", in_force_from="", in_force_to="../2015")
    write_rows(valid_raw / "legal_documents.csv", rows)
    with pytest.raises(RawDataError) as err:
        read_raw(valid_raw)
    assert any(p.column == "in_force_to" and "on or after" in p.expected for p in err.value.problems)
    rows[0].update(in_force_to="../2017")  # may follow a start in 2016
    write_rows(valid_raw / "legal_documents.csv", rows)
    read_raw(valid_raw)


def test_cleaning_derives_the_bounds_and_the_window_status(valid_raw):
    rows = read_rows(valid_raw / "legal_documents.csv")
    rows[0].update(signed="../2014-02-10", in_force_from="", in_force_to="")
    rows[1].update(signed="", in_force_from="2017/2019", in_force_to="")
    write_rows(valid_raw / "legal_documents.csv", rows)
    tables = read_raw(valid_raw)
    docs = clean.clean_legal_documents(tables["legal_documents"], 2015, 2020, "Sverdlovsk").set_index("doc_id")
    first, second = docs.loc[rows[0]["doc_id"]], docs.loc[rows[1]["doc_id"]]
    assert (first["start_earliest"], first["start_latest"], first["end_earliest"]) == ("..", "2014-02-10", "")
    assert first["force_start"] == "2014" and first["in_force_whole_window"] == "yes"
    assert (second["start_earliest"], second["start_latest"]) == ("2017-01-01", "2019-12-31")
    assert second["in_force_in_window"] == "yes" and second["in_force_whole_window"] == "no"
