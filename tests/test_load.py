"""Each bad input goes through the real loading path; the message names file, line, column, expectation."""

import pytest

from regional_ties.load import RawDataError, read_raw

from .conftest import FIXTURES, read_rows, set_cell, write_rows


def problems_of(path):
    with pytest.raises(RawDataError) as err:
        read_raw(path)
    return err.value.problems, str(err.value)


def test_valid_fixture_loads_every_table():
    tables = read_raw(FIXTURES / "valid")
    assert len(tables["events"]) == 7
    # the fixture keeps no coding_first table: it is optional
    assert set(tables) == {"queries", "sources", "events", "legal_documents", "indicators", "coding_check",
                           "coding_first"}
    assert tables["events"]["_line"].tolist() == [2, 3, 4, 5, 6, 7, 8]


def test_missing_raw_folder(tmp_path):
    probs, msg = problems_of(tmp_path / "nowhere")
    assert "does not exist" in msg or "existing folder" in msg


def test_missing_file(valid_raw):
    (valid_raw / "sources.csv").unlink()
    probs, msg = problems_of(valid_raw)
    assert any(p.file == "sources.csv" for p in probs)


def test_missing_and_unknown_columns(valid_raw):
    rows = read_rows(valid_raw / "events.csv")
    for r in rows:
        r.pop("format")
        r["colour"] = "red"
    write_rows(valid_raw / "events.csv", rows)
    probs, msg = problems_of(valid_raw)
    assert any(p.column == "format" and "a column named" in p.expected for p in probs)
    assert any(p.column == "colour" and "unknown extra column" in p.expected for p in probs)


def test_empty_table(valid_raw):
    header = (valid_raw / "legal_documents.csv").read_text(encoding="utf-8").splitlines()[0]
    (valid_raw / "legal_documents.csv").write_text(header + "\n", encoding="utf-8")
    probs, _ = problems_of(valid_raw)
    assert any(p.file == "legal_documents.csv" and "empty" in p.expected for p in probs)


def test_duplicate_ids(valid_raw):
    set_cell(valid_raw / "events.csv", 1, "event_id", "E1")
    probs, _ = problems_of(valid_raw)
    dup = [p for p in probs if p.column == "event_id"]
    assert [p.line for p in dup] == [2, 3]


def test_reference_to_unknown_and_to_excluded_source(valid_raw):
    set_cell(valid_raw / "events.csv", 0, "source_ids", "S1;S99")
    set_cell(valid_raw / "events.csv", 2, "source_ids", "S4")
    probs, _ = problems_of(valid_raw)
    assert any(p.value == "S99" and p.line == 2 and "unknown" in p.expected for p in probs)
    assert any(p.value == "S4" and p.line == 4 and "marked exclude" in p.expected for p in probs)


@pytest.mark.parametrize("bad", ["2019-13-01", "31.02.2018", "2018-02-30", "19-05-2019"])
def test_impossible_or_malformed_dates(valid_raw, bad):
    set_cell(valid_raw / "events.csv", 0, "date", bad)
    probs, _ = problems_of(valid_raw)
    assert any(p.column == "date" and p.value == bad and p.line == 2 and "YYYY-MM-DD" in p.expected for p in probs)


def test_precision_that_does_not_match_the_date(valid_raw):
    set_cell(valid_raw / "events.csv", 3, "date_precision", "day")  # E4: 2019-05
    probs, _ = problems_of(valid_raw)
    hit = [p for p in probs if p.line == 5]
    assert [(p.column, p.value) for p in hit] == [("date_precision", "day")]
    assert "spreadsheet" not in hit[0].expected


@pytest.mark.parametrize("row, line, precision, date, typed", [
    (3, 5, "month", "2019-05-01", "2019-05"),  # Excel turned the month 2019-05 into 1 May 2019
    (2, 4, "year", "2017-01-01", "2017"),
])
def test_a_month_or_year_turned_into_a_day_says_a_spreadsheet_did_it(valid_raw, row, line, precision, date, typed):
    set_cell(valid_raw / "events.csv", row, "date", date)
    probs, msg = problems_of(valid_raw)
    hit = [p for p in probs if p.line == line]
    assert [(p.column, p.value) for p in hit] == [("date", date)]
    assert f"spreadsheet probably turned '{typed}' into a full date" in hit[0].expected
    assert "keep the cell as text" in hit[0].expected and f"'{typed}" in hit[0].expected
    assert f"events.csv, line {line}, column 'date', value '{date}'" in msg


def test_a_day_date_ending_in_01_with_day_precision_is_fine(valid_raw):
    set_cell(valid_raw / "events.csv", 3, "date", "2019-05-01")
    set_cell(valid_raw / "events.csv", 3, "date_precision", "day")
    read_raw(valid_raw)


def test_end_before_start(valid_raw):
    set_cell(valid_raw / "events.csv", 0, "date_end", "2016-02-01")
    probs, _ = problems_of(valid_raw)
    assert any(p.column == "date_end" and p.line == 2 for p in probs)


@pytest.mark.parametrize("column, value", [("area", "culture"), ("ru_actor_kind", "university"),
                                           ("format", "virtual")])
def test_unknown_codes(valid_raw, column, value):
    set_cell(valid_raw / "events.csv", 3, column, value)
    probs, _ = problems_of(valid_raw)
    hit = [p for p in probs if p.column == column and p.value == value]
    assert hit and hit[0].line == 5 and "one of" in hit[0].expected


def test_unknown_place_name_with_suggestions(valid_raw):
    set_cell(valid_raw / "events.csv", 0, "kz_region", "Kostanaj region")
    probs, msg = problems_of(valid_raw)
    hit = [p for p in probs if p.column == "kz_region"]
    assert hit and "kostanay" in hit[0].expected
    assert "events.csv, line 2, column 'kz_region', value 'Kostanaj region'" in msg


@pytest.mark.parametrize("date, refused", [("1998-05-05", True), ("1998", True), ("1998-05-06", False),
                                           ("2017", False)])
def test_a_name_of_two_units_on_the_row_date_is_refused_naming_the_candidates(valid_raw, date, refused):
    set_cell(valid_raw / "events.csv", 0, "kz_region", "Akmola")
    set_cell(valid_raw / "events.csv", 0, "date", date)
    set_cell(valid_raw / "events.csv", 0, "date_precision", {4: "year", 7: "month"}.get(len(date), "day"))
    set_cell(valid_raw / "events.csv", 0, "date_end", "")
    if refused:
        probs, msg = problems_of(valid_raw)
        hit = [p for p in probs if p.column == "kz_region"]
        assert hit and "Akmola (akmola), Astana (Nur-Sultan) (astana)" in hit[0].expected
        assert "events.csv, line 2, column 'kz_region', value 'Akmola'" in msg
    else:
        assert read_raw(valid_raw)["events"]["kz_region"].iloc[0] == "Akmola"


def test_windows_1251_file_is_named_as_such(valid_raw):
    text = (valid_raw / "events.csv").read_text(encoding="utf-8")
    (valid_raw / "events.csv").write_bytes(text.encode("cp1251"))
    probs, msg = problems_of(valid_raw)
    assert any(p.file == "events.csv" and "Windows-1251" in p.expected for p in probs)


def test_broken_quoting(valid_raw):
    path = valid_raw / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("FIXTURE theatre tour", '"FIXTURE theatre "tour')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    probs, _ = problems_of(valid_raw)
    assert any(p.file == "events.csv" and p.line == 4 for p in probs)


def test_bom_crlf_and_stray_spaces_are_accepted(valid_raw):
    path = valid_raw / "events.csv"
    rows = read_rows(path)
    rows[0]["area"] = "  education "
    write_rows(path, rows)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    tables = read_raw(valid_raw)
    assert tables["events"].loc[0, "area"] == "education"
    assert tables["events"]["_line"].tolist()[:2] == [2, 3]


def test_every_problem_is_reported_at_once(valid_raw):
    set_cell(valid_raw / "events.csv", 0, "area", "culture")
    set_cell(valid_raw / "sources.csv", 0, "url", "not a url")
    set_cell(valid_raw / "queries.csv", 0, "n_results_seen", "eight")
    probs, _ = problems_of(valid_raw)
    assert {p.file for p in probs} >= {"events.csv", "sources.csv", "queries.csv"}


def test_xlsx_workbook_reads_like_the_folder(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for csv_path in sorted((FIXTURES / "valid").glob("*.csv")):
        ws = wb.create_sheet(csv_path.stem)
        rows = read_rows(csv_path)
        ws.append(list(rows[0]))
        for r in rows:
            ws.append([int(v) if v.isdigit() and len(v) < 4 else v for v in r.values()])
    book = tmp_path / "compilation.xlsx"
    wb.save(book)
    from_book = read_raw(book)
    from_folder = read_raw(FIXTURES / "valid")
    for name in from_folder:
        assert from_book[name].drop(columns="_line").equals(from_folder[name].drop(columns="_line")), name


def test_xlsx_missing_sheet_is_named(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "events"
    book = tmp_path / "c.xlsx"
    wb.save(book)
    probs, msg = problems_of(book)
    assert "a sheet named 'queries'" in msg
    assert "copy it from data/templates/compilation_template.xlsx" in msg  # the template to copy is named


def test_templates_have_exactly_the_contract_columns():
    from regional_ties.contract import TABLES

    root = FIXTURES.parents[1] / "data" / "templates"
    for name, spec in TABLES.items():
        header = (root / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == spec.column_names
    book = read_raw_sheets(root / "compilation_template.xlsx")
    assert {n: h for n, h in book.items()} == {n: s.column_names for n, s in TABLES.items()}


def read_raw_sheets(path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: [c for c in next(ws.iter_rows(values_only=True))] for ws in wb.worksheets}


def test_round_column_may_be_left_out_and_is_read_as_empty(valid_raw):
    tables = read_raw(valid_raw)  # the fixture's queries.csv has no round column
    assert set(tables["queries"]["round"]) == {""}


def test_rounds_and_detections_must_resolve(valid_raw):
    queries = read_rows(valid_raw / "queries.csv")
    for q in queries:
        q["round"] = "A"
    queries[0]["round"] = "Z"
    write_rows(valid_raw / "queries.csv", queries)
    write_rows(valid_raw / "rounds.csv", [{"round": "A", "ru_region": "Sverdlovsk region", "target": "fixture"}])
    event = read_rows(valid_raw / "events.csv")[0]["event_id"]
    write_rows(valid_raw / "detections.csv", [{"event_id": event, "round": "A"},
                                              {"event_id": "EV999", "round": "A"},
                                              {"event_id": event, "round": "Q"}])
    found = [(p.file, p.line, p.column, p.value) for p in problems_of(valid_raw)[0]]
    assert ("queries.csv", 2, "round", "Z") in found
    assert ("detections.csv", 3, "event_id", "EV999") in found
    assert ("detections.csv", 4, "round", "Q") in found
    assert len([f for f in found if f[1] is not None]) == 3  # the rest: pairs its sources imply


# ----------------------------------------------------------------------------- spreadsheet habits


def _resave(path, sep=",", encoding="utf-8", bom=b""):
    """Write a fixture table again as a spreadsheet would export it."""
    rows = read_rows(path)
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=sep, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(bom + buf.getvalue().encode(encoding))


@pytest.mark.parametrize("sep, encoding, bom", [
    (";", "utf-8", b""),                  # Excel "CSV" in a Russian locale
    (";", "utf-8", b"\xef\xbb\xbf"),      # Excel "CSV UTF-8" in a Russian locale
    ("\t", "utf-16-le", b"\xff\xfe"),     # Excel "Unicode text"
    (",", "utf-8", b"\xef\xbb\xbf"),      # Excel "CSV UTF-8"
])
def test_spreadsheet_exports_are_read_as_meant(valid_raw, sep, encoding, bom):
    for name in ("events.csv", "sources.csv"):
        _resave(valid_raw / name, sep, encoding, bom)
    got, expected = read_raw(valid_raw), read_raw(FIXTURES / "valid")
    for name in ("events", "sources"):
        assert got[name].equals(expected[name]), name
    assert got["events"].loc[0, "kz_region"] == "Костанайская область"


def test_a_semicolon_file_with_a_broken_row_says_which_separator_it_was_read_with(valid_raw):
    _resave(valid_raw / "events.csv", ";")
    path = valid_raw / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + ";extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    probs, msg = problems_of(valid_raw)
    hit = [p for p in probs if p.file == "events.csv"]
    assert len(hit) == 1 and hit[0].line == 3
    assert "the file uses ';' as its separator" in hit[0].expected


def test_the_separator_is_the_one_that_splits_the_header_most():
    from regional_ties.load import detect_separator

    assert detect_separator("a,b;c,d\n1,2;3,4") == ","
    assert detect_separator("a;b;c,d\n") == ";"
    assert detect_separator("a\tb\tc\n") == "\t"
    assert detect_separator("a;b\n") == ";"
    assert detect_separator("single\n") == ","  # one field: nothing to detect, ',' as usual


# ----------------------------------------------------------------------------- optional and missing tables


@pytest.mark.parametrize("how", ["header only", "zero bytes", "absent"])
def test_optional_tables_may_be_empty_or_absent(valid_raw, how):
    for name in ("indicators.csv", "coding_check.csv"):
        path = valid_raw / name
        if how == "header only":
            path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        elif how == "zero bytes":
            path.write_bytes(b"")
        else:
            path.unlink()
    tables = read_raw(valid_raw)
    assert "indicators" not in tables and "coding_check" not in tables


def test_an_optional_table_with_wrong_columns_is_still_an_error(valid_raw):
    (valid_raw / "coding_check.csv").write_text("event_id,colour\n", encoding="utf-8")
    probs, _ = problems_of(valid_raw)
    assert any(p.file == "coding_check.csv" and p.column == "area" for p in probs)


def test_a_missing_required_table_names_the_template_to_copy(valid_raw):
    (valid_raw / "legal_documents.csv").unlink()
    probs, msg = problems_of(valid_raw)
    assert [p.file for p in probs] == ["legal_documents.csv"]
    assert "copy data/templates/legal_documents.csv and fill it" in msg


def test_an_empty_required_table_says_it_is_required(valid_raw):
    path = valid_raw / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    probs, msg = problems_of(valid_raw)
    assert any(p.file == "events.csv" and "a required table; the table is empty" in p.expected for p in probs)




# ----------------------------------------------------------------------------- citations and regions


def test_an_included_source_that_nothing_cites_is_an_error_naming_it(valid_raw):
    rows = read_rows(valid_raw / "sources.csv")
    rows.append({**rows[0], "source_id": "S6", "url": "https://example.org/fixture/6"})
    write_rows(valid_raw / "sources.csv", rows)
    probs, msg = problems_of(valid_raw)
    assert [(p.file, p.line, p.column, p.value) for p in probs] == [("sources.csv", 7, "source_id", "S6")]
    assert "nothing cites this one" in msg


def test_an_excluded_source_that_nothing_cites_is_fine(valid_raw):
    rows = read_rows(valid_raw / "sources.csv")
    assert rows[3]["decision"] == "exclude"  # S4, cited by nothing
    read_raw(valid_raw)


@pytest.mark.parametrize("name", ["Челябинская область", "Chelyabinsk oblast", "Челябинск", "Chelyabinsk region",
                                  "Sverdlovsk region; Chelyabinsk region"])
def test_ru_region_accepts_any_name_of_a_federal_subject(valid_raw, name):
    set_cell(valid_raw / "events.csv", 6, "ru_region", name)
    assert read_raw(valid_raw)["events"].loc[6, "ru_region"] == name


def test_unknown_ru_region_is_an_error_with_the_closest_names(valid_raw):
    set_cell(valid_raw / "events.csv", 6, "ru_region", "Chelyabinks region")
    probs, msg = problems_of(valid_raw)
    hit = [p for p in probs if p.column == "ru_region"]
    assert hit and hit[0].line == 8 and "Chelyabinsk region" in hit[0].expected


def test_a_regional_document_must_name_its_russian_region(valid_raw):
    set_cell(valid_raw / "legal_documents.csv", 1, "parties", "Fixture Government; Fixture Akimat of Kostanay region")
    probs, msg = problems_of(valid_raw)
    assert [(p.file, p.line, p.column) for p in probs] == [("legal_documents.csv", 3, "parties")]
    assert "the Russian region among the parties" in msg


def test_the_old_region_specific_exclusion_code_is_rejected(valid_raw):
    set_cell(valid_raw / "sources.csv", 3, "exclusion_reason", "no_sverdlovsk_party")
    probs, _ = problems_of(valid_raw)
    assert [(p.column, p.value) for p in probs] == [("exclusion_reason", "no_sverdlovsk_party")]
    set_cell(valid_raw / "sources.csv", 3, "exclusion_reason", "no_ru_region_party")
    read_raw(valid_raw)
