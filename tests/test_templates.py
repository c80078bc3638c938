"""The blank templates, filled with a few made-up fixture rows as a new user would, run first time; optional tables
stay as copied (header only). The events sheet is saved as Excel does in a Russian locale: ';'-separated, with a
byte-order mark. Every row here is a fixture (FIXTURE in its text, example.org in its URLs), not evidence."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess

import pytest

from regional_ties.contract import TABLES
from regional_ties.load import read_raw

from .conftest import ROOT

TEMPLATES = ROOT / "data" / "templates"

ROWS = {
    "queries": [
        {"query_id": "TQ1", "run_date": "2026-02-01", "query": "FIXTURE query", "language": "ru",
         "target_unit": "any", "target_area": "any", "n_results_seen": "10", "n_new_candidates": "2"},
    ],
    "sources": [
        {"source_id": f"TS{i}", "url": f"https://example.org/fixture/t{i}", "outlet": "Fixture Gazette",
         "published": "2017", "language": "ru", "title": "FIXTURE", "query_id": "TQ1", "decision": "include",
         "exclusion_reason": "", "notes": ""} for i in (1, 2)
    ] + [{"source_id": "TS3", "url": "https://example.org/fixture/t3", "outlet": "Fixture Gazette", "published": "",
          "language": "ru", "title": "FIXTURE", "query_id": "TQ1", "decision": "exclude",
          "exclusion_reason": "no_ru_region_party", "notes": ""}],
    "events": [
        {"event_id": "T1", "date": "2017-03", "date_precision": "month", "summary_en": "FIXTURE exhibition",
         "area": "arts", "ru_region": "Омская область", "ru_actor": "Fixture Museum",
         "ru_actor_kind": "state_institution",
         "kz_region": "Павлодар", "kz_actor": "Fixture Gallery", "kz_actor_kind": "state_institution",
         "format": "in_person", "source_ids": "TS1"},
        {"event_id": "T2", "date": "2019-11-05", "date_precision": "day", "summary_en": "FIXTURE student exchange",
         "area": "education", "ru_region": "Omsk", "ru_actor": "Fixture University",
         "ru_actor_kind": "state_institution",
         "kz_region": "North Kazakhstan region", "kz_actor": "Fixture Kz University",
         "kz_actor_kind": "state_institution", "format": "in_person", "source_ids": "TS1;TS2"},
    ],
    "legal_documents": [
        {"doc_id": "TD1", "title_en": "FIXTURE agreement", "doc_type": "interregional_agreement", "level": "regional",
         "parties": "Fixture Government of Omsk region; Fixture Akimat of Pavlodar region", "signed": "2016-06-01",
         "kz_region": "Pavlodar", "covers_culture": "yes", "source_ids": "TS2"},
    ],
}


def _write(path, rows, sep=",", bom=b""):
    header = next(csv.reader([path.read_text(encoding="utf-8-sig").splitlines()[0]]))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, delimiter=sep, restval="", lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(bom + buf.getvalue().encode("utf-8"))


@pytest.fixture
def filled(tmp_path):
    raw = tmp_path / "my_compilation"
    raw.mkdir()
    for p in TEMPLATES.glob("*.csv"):
        shutil.copy(p, raw / p.name)
    for name, rows in ROWS.items():
        if name == "events":  # saved by Excel in a Russian locale: "CSV UTF-8", ';' as the separator
            _write(raw / f"{name}.csv", rows, sep=";", bom=b"\xef\xbb\xbf")
        else:
            _write(raw / f"{name}.csv", rows)
    return raw


def test_templates_filled_with_a_few_rows_load_with_their_optional_tables_empty(filled):
    tables = read_raw(filled)
    assert set(tables) == {"queries", "sources", "events", "legal_documents"}
    assert {n for n, t in TABLES.items() if not t.required_table} == {"indicators", "coding_check", "coding_first",
                                                                      "rounds", "detections"}
    assert tables["events"]["ru_region"].tolist() == ["Омская область", "Omsk"]


@pytest.mark.slow
def test_templates_filled_with_a_few_rows_run_first_time(filled, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    res = subprocess.run(["make", "--no-print-directory", "all", f"RAW={filled}", f"OUT={out}", "RU_REGION=Omsk"],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    findings = json.loads((out / "reports/findings.json").read_text(encoding="utf-8"))
    assert all(f["verdict"] == "too_few_events" for f in findings[:6])  # two events: too few to decide
    rows = dict(line.rsplit(",", 1) for line in (out / "reports/tables/accounting.csv").read_text().splitlines()[1:])
    assert rows["  in the analysis (both)"] == "2"
    assert not (out / "reports/tables/coding_reliability.csv").exists()  # no second coding: nothing to compare
    assert "Omsk region" in (out / "figures/manifest.json").read_text(encoding="utf-8")


def test_the_workbook_template_filled_with_a_few_rows_loads_and_says_when_excel_made_a_month_a_day(tmp_path):
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(TEMPLATES / "compilation_template.xlsx")
    for name, rows in ROWS.items():
        ws = wb[name]
        header = [c.value for c in ws[1]]
        for r in rows:
            ws.append([r.get(h, "") for h in header])
    book = tmp_path / "my_compilation.xlsx"
    wb.save(book)
    assert set(read_raw(book)) == {"queries", "sources", "events", "legal_documents"}  # optional sheets empty

    ws = wb["events"]
    date_col = [c.value for c in ws[1]].index("date") + 1
    ws.cell(row=2, column=date_col).value = dt.datetime(2017, 3, 1)  # what Excel stores when "2017-03" is typed
    wb.save(book)
    from regional_ties.load import RawDataError

    with pytest.raises(RawDataError) as err:
        read_raw(book)
    [p] = err.value.problems
    assert (p.file, p.line, p.column, p.value) == ("my_compilation.xlsx[events]", 2, "date", "2017-03-01")
    assert "a spreadsheet probably turned '2017-03' into a full date" in p.expected


def test_the_workbook_keeps_dates_as_text():
    """Excel reads a column formatted as text as typed: `2017-03` stays a month, not a day."""
    import openpyxl

    wb = openpyxl.load_workbook(TEMPLATES / "compilation_template.xlsx")
    for name, spec in TABLES.items():
        ws = wb[name]
        formats = {c.value: ws.column_dimensions[c.column_letter].number_format for c in ws[1]}
        for column in spec.columns:
            assert (formats[column.name] == "@") == (column.kind in ("date", "edtf")), (name, column.name)
