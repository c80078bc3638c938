"""Reading the raw tables: a folder of CSV files or one .xlsx workbook, as text cells with their source lines.

Nothing is dropped or coerced: values stay text, stripped of surrounding spaces. What spreadsheets do to
CSV files is read as meant: a byte-order mark (Excel's "CSV UTF-8"), UTF-16 text (Excel's "Unicode text"),
Windows line endings, and ';' or tab as the separator (Excel in a Russian or other European locale). CSV
is read with the csv module in strict mode: a quote left open, or text after a closing quote, is a problem
with its line, as is a record with too few or too many fields. An optional table may be left out, or kept
with its header only. The checks of the contract are in validation.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .contract import TABLES, TableSpec

LINE = "_line"  # column holding the source line (CSV) or sheet row (xlsx) of each record
TEMPLATES = "data/templates"  # blank copies of every table, named in the message for a missing one
SEPARATORS = {",": "','", ";": "';'", "\t": "tab"}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line is not None else "")
        what = f", column '{self.column}'" if self.column else ""
        val = f", value {self.value!r}" if self.value is not None else ""
        return f"{where}{what}{val}: expected {self.expected}"


class RawDataError(ValueError):
    """The raw tables break the contract. `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = f"{len(problems)} problem(s) in the raw data:"
        super().__init__("\n".join([head] + [f"  - {p}" for p in problems]))



def _decode(path: Path, raw: bytes, problems: list[Problem]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            problems.append(Problem(path.name, None, None, None, f"UTF-16 text as its byte-order mark says ({err})"))
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1251")
            looks_1251 = bool(re.search("[А-Яа-я]", text))
        except UnicodeDecodeError:
            looks_1251 = False
        enc = "Windows-1251 (Cyrillic)" if looks_1251 else "not UTF-8"
        problems.append(
            Problem(path.name, line, None, None, f"UTF-8 text, but the file is {enc}: save it as UTF-8 CSV")
        )
        return None


def detect_separator(text: str) -> str:
    """The separator of a CSV text: the one of ',', ';' and tab that splits its header into the most fields."""
    first = text.split("\n", 1)[0]
    counts = {sep: len(next(csv.reader([first], delimiter=sep), [])) for sep in SEPARATORS}
    return max(SEPARATORS, key=lambda sep: counts[sep])  # ties go to ',' (first)


def _separator_note(sep: str) -> str:
    return "" if sep == "," else f" (the file uses {SEPARATORS[sep]} as its separator and is read so)"


def _read_csv(path: Path, problems: list[Problem]) -> tuple[list[str], list[list[str]], list[int], str] | None:
    """Header, records, their line numbers, and a note naming the separator when it is not ','.

    Read record by record with the csv module in strict mode, which names every problem with its line."""
    text = _decode(path, path.read_bytes(), problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sep = detect_separator(text)
    note = _separator_note(sep)
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=sep)
    records: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for rec in reader:
            if header is None:
                header = [h.strip() for h in rec]
            elif "".join(rec).strip():  # not a blank row
                records.append(rec)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(
            Problem(path.name, start, None, None, f"well-formed CSV (quotes closed and doubled){note}: {err}")
        )
        return None
    if header is None:
        problems.append(Problem(path.name, None, None, None, "a header row; the file is empty"))
        return None
    return header, records, lines, note



def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, problems: list[Problem]) -> dict[str, tuple[list[str], list[list[str]], list[int]]]:
    import openpyxl

    out = {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - any failure to open is reported as a problem
        problems.append(Problem(path.name, None, None, None, f"a readable .xlsx workbook ({err})"))
        return out
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            out[ws.title] = ([], [], [])
            continue
        header = [_cell_text(h).strip() for h in header_row]
        while header and header[-1] == "":
            header.pop()
        records, lines = [], []
        for i, row in enumerate(rows, start=2):
            vals = [_cell_text(v) for v in row[: len(header)]]
            vals += [""] * (len(header) - len(vals))
            extra = [_cell_text(v) for v in row[len(header):] if v not in (None, "")]
            if any(v.strip() for v in vals) or extra:
                records.append(vals + extra)
                lines.append(i)
        out[ws.title] = (header, records, lines)
    wb.close()
    return out



def _to_frame(spec: TableSpec, label: str, header: list[str], records, lines, problems,
              note: str = "") -> pd.DataFrame | None:
    """The table as text cells; None if it cannot be read, or if it is an optional table left empty."""
    expected = spec.column_names
    absent_ok = [c.name for c in spec.columns if c.may_be_absent and c.name not in header]
    missing = [c for c in expected if c not in header and c not in absent_ok]
    unknown = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem(label, 1, c, None, f"a column named '{c}' (columns of {spec.name}: {expected}){note}"))
    for c in unknown:
        problems.append(Problem(label, 1, c or "(blank)", None, f"only the columns {expected}; unknown extra column"))
    dup = sorted({c for c in header if header.count(c) > 1})
    for c in dup:
        problems.append(Problem(label, 1, c, None, "each column once; it appears twice"))
    if missing or unknown or dup:
        return None
    good, good_lines = [], []
    for rec, line in zip(records, lines, strict=True):
        if len(rec) != len(header):
            problems.append(
                Problem(label, line, None, None, f"{len(header)} fields as in the header, found {len(rec)}{note}")
            )
            continue
        good.append(rec)
        good_lines.append(line)
    df = pd.DataFrame(good, columns=header, dtype=object)
    for c in absent_ok:
        df[c] = ""
    df = df[expected]
    for c in expected:
        df[c] = df[c].str.strip()
    df.insert(0, LINE, pd.Series(good_lines, dtype="int64"))
    blank = df[expected[0]] == ""  # a record of empty fields is a blank row, as the csv module reads it
    if blank.any():
        blank &= (df.loc[blank, expected[1:]] == "").all(axis=1).reindex(df.index, fill_value=False)
    if blank.any():
        df = df[~blank].reset_index(drop=True)
    if not len(records):  # no record (blank rows are not records)
        if spec.required_table:
            problems.append(Problem(label, None, None, None,
                                    f"at least one data row in {spec.name}, a required table; the table is empty"))
        return None
    return df



def read_tables(path: Path, problems: list[Problem]) -> tuple[dict[str, pd.DataFrame], list[str], dict[str, str]]:
    """The tables of a folder of CSV files or of an .xlsx workbook as text cells with their source lines, the
    names of the tables present but unreadable, and each table's label in messages. Problems are appended."""
    tables: dict[str, pd.DataFrame] = {}
    unread: list[str] = []  # tables present but unreadable: their references cannot be checked
    if path.is_dir():
        for name, spec in TABLES.items():
            f = path / f"{name}.csv"
            if not f.exists() or (not spec.required_table and not f.read_bytes().strip(b"\xef\xbb\xbf \r\n\t")):
                if spec.required_table:
                    problems.append(Problem(f.name, None, None, None,
                                            f"the file {f.name} in {path}, a required table (copy "
                                            f"{TEMPLATES}/{f.name} and fill it)"))
                continue
            n_before = len(problems)
            got = _read_csv(f, problems)
            if got is not None:
                header, records, lines, note = got
                df = _to_frame(spec, f.name, header, records, lines, problems, note)
                if df is not None:
                    tables[name] = df
            if len(problems) > n_before:
                unread.append(name)
    elif path.suffix.lower() == ".xlsx":
        sheets = _read_xlsx(path, problems)
        for name, spec in TABLES.items():
            if name not in sheets or (not spec.required_table and not sheets[name][0]):
                if spec.required_table:
                    problems.append(Problem(path.name, None, None, None,
                                            f"a sheet named '{name}', a required table (copy it from "
                                            f"{TEMPLATES}/compilation_template.xlsx)"))
                continue
            n_before = len(problems)
            df = _to_frame(spec, f"{path.name}[{name}]", *sheets[name], problems)
            if df is not None:
                tables[name] = df
            if len(problems) > n_before:
                unread.append(name)
    else:
        problems.append(Problem(path.name, None, None, None, "a folder of CSV files or an .xlsx workbook"))
    labels = {n: (f"{path.name}[{n}]" if path.is_file() else f"{n}.csv") for n in TABLES}
    return tables, unread, labels
