"""Stage 0: read the raw tables (a folder of CSV files or one .xlsx workbook) and validate them.

Every problem in every table is collected and reported at once, each naming the file, the line,
the column, the value and what was expected. Nothing is dropped or coerced: values stay text,
stripped of surrounding spaces. What spreadsheets do to CSV files is read as meant: a byte-order mark
(Excel's "CSV UTF-8"), UTF-16 text (Excel's "Unicode text"), Windows line endings, and ';' or tab as
the separator (Excel in a Russian or other European locale). An optional table may be left out, or
kept with its header only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import contract, csv_blocks, edtf_dates, gazetteer
from .columnar import SPACE, column_text, per_value, strip_text
from .contract import TABLES, TableSpec

LINE = "_line"  # column holding the source line (CSV) or sheet row (xlsx) of each record
TEMPLATES = "data/templates"  # blank copies of every table, named in the message for a missing one
SEPARATORS = {",": "','", ";": "';'", "\t": "tab"}
_DATE_FORMS = {4: "year", 7: "month", 10: "day"}
_DATE_RE = r"\d{4}(-\d{2}(-\d{2})?)?"
_ID_RE = r"[^\s;,]+"


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


# ----------------------------------------------------------------------------- reading


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


def _csv_layout(raw: bytes) -> tuple[list[str], str, int] | None:
    """Header, separator and number of records of a CSV text that csv_blocks can read; None if it cannot."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    end = body.find(b"\n")
    try:
        first = (body if end == -1 else body[:end]).decode("utf-8").removesuffix("\r")
        sep = detect_separator(first)
        header = next(csv.reader([first], strict=True, delimiter=sep))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    n = csv_blocks.count_records(raw, sep, len(header), offset=len(raw) - len(body))
    return None if n is None else (header, sep, n)


def _read_csv_blocks(source: bytes | Path) -> tuple[list[str], pd.DataFrame, np.ndarray, str] | None:
    """Header, records (a frame of text cells), their line numbers and the separator's note, read by pandas' C
    parser when the bytes show it reads them as the csv module does (see csv_blocks); else None. A file's
    bytes are let go before the parser reads it."""
    layout = _csv_layout(source.read_bytes() if isinstance(source, Path) else source)
    if layout is None:
        return None
    header, sep, n = layout
    records = csv_blocks.read_records(source, sep, len(header), n)
    if records is None:
        return None
    return [h.strip() for h in header], records, np.arange(2, len(records) + 2), _separator_note(sep)


def _read_csv(path: Path, problems: list[Problem]) -> tuple[list[str], list[list[str]] | pd.DataFrame,
                                                             list[int] | np.ndarray, str] | None:
    """Header, records, their line numbers, and a note naming the separator when it is not ','.

    A large well-formed file is read column by column (`_read_csv_blocks`); any other file record by record
    with the csv module, which names every problem with its line."""
    read = _read_csv_blocks(path)
    if read is not None:
        return read
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
    if isinstance(records, pd.DataFrame):  # read by columns: every record has the header's fields
        df = records.set_axis(header, axis=1)
        good_lines = np.asarray(lines, dtype="int64")
    else:
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
        df[c] = strip_text(df[c])
    df.insert(0, LINE, pd.Series(good_lines, dtype="int64"))
    blank = df[expected[0]] == ""  # a record of empty fields is a blank row, as the csv module reads it
    if blank.any():
        blank &= (df.loc[blank, expected[1:]] == "").all(axis=1).reindex(df.index, fill_value=False)
    if blank.any():
        df = df[~blank].reset_index(drop=True)
    if not len(records) or (isinstance(records, pd.DataFrame) and df.empty):  # no record, or blank ones only
        if spec.required_table:
            problems.append(Problem(label, None, None, None,
                                    f"at least one data row in {spec.name}, a required table; the table is empty"))
        return None
    return df


def read_raw(path: str | Path) -> dict[str, pd.DataFrame]:
    """Read and validate the raw tables. Raises RawDataError listing every problem."""
    path = Path(path)
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    if not path.exists():
        raise RawDataError([Problem(str(path), None, None, None, "an existing folder of CSV files or an .xlsx file")])
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
    for name, df in tables.items():
        problems += validate_table(TABLES[name], df, labels[name])
    problems += validate_references(tables, labels)
    if not unread and all(n in tables for n in contract.REQUIRED_TABLES):
        problems += uncited_sources(tables, labels["sources"])
    if problems:
        raise RawDataError(problems)
    return tables


# ----------------------------------------------------------------------------- validation


def _bad(df: pd.DataFrame, mask: pd.Series, label: str, column: str, expected: str) -> list[Problem]:
    sub = df.loc[mask, [LINE, column]]
    return [Problem(label, int(line), column, val, expected) for line, val in sub.itertuples(index=False)]


def _bad_dates(s: pd.Series) -> pd.Series:
    form_ok = s.str.fullmatch(_DATE_RE).astype(bool)
    padded = s.where(s.str.len() != 4, s + "-01-01").where(s.str.len() != 7, s + "-01")
    parsed = pd.to_datetime(padded.where(form_ok, None), format="%Y-%m-%d", errors="coerce")
    return (s != "") & (~form_ok | parsed.isna())


def check_dates(values: pd.Series) -> pd.Series:
    """True where a non-empty value is not a real date written as YYYY, YYYY-MM or YYYY-MM-DD.

    Checked once per distinct value (a million events hold a few thousand dates)."""
    return per_value(values.fillna("").astype(object), _bad_dates).astype(bool)


def _fails(s: pd.Series, pattern: str, *, full: bool = True) -> pd.Series:
    """True where a value does not match the pattern, checked once per distinct value."""
    def check(u: pd.Series) -> pd.Series:
        return ~(u.str.fullmatch(pattern) if full else u.str.match(pattern)).astype(bool)

    return per_value(s, check).astype(bool)


def ids_all_valid(s: pd.Series, *, listed: bool) -> bool:
    """True if every non-empty value is an id (`listed`: a list of ids separated by ';'), seen from the whole
    column's text at once: no whitespace, no ',', and no ';' (or, in lists, no empty id around a ';').
    False when it cannot tell; the values are then checked one by one."""
    text = column_text(s)
    if text is None or "," in text or SPACE.search(text):
        return False
    if not listed:
        return ";" not in text
    return not (";;" in text or "\n;" in text or ";\n" in text or text.startswith(";") or text.endswith(";"))


def _bad_ids(s: pd.Series, *, listed: bool) -> pd.Series:
    """True where a non-empty value is not an id (not a list of ids)."""
    if ids_all_valid(s, listed=listed):
        return pd.Series(False, index=s.index)
    return (s != "") & _fails(s, rf"{_ID_RE}(\s*;\s*{_ID_RE})*" if listed else _ID_RE)


def validate_table(spec: TableSpec, df: pd.DataFrame, label: str) -> list[Problem]:
    """Check every cell of one table against its column definitions."""
    problems: list[Problem] = []
    for col in spec.columns:
        s = df[col.name]
        empty = s == ""
        if col.required:
            problems += _bad(df, empty, label, col.name, "a value; the cell is empty")
        filled = ~empty
        if col.codes is not None:
            bad = filled & ~s.isin(col.codes)
            problems += _bad(df, bad, label, col.name, f"one of {list(col.codes)}")
        if col.kind == "date":
            problems += _bad(df, check_dates(s), label, col.name,
                             "a real date written YYYY-MM-DD, YYYY-MM or YYYY")
        elif col.kind == "edtf":
            problems += _bad(df, filled & ~s.map(edtf_dates.is_valid), label, col.name, edtf_dates.ACCEPTED)
        elif col.kind == "integer":
            problems += _bad(df, filled & _fails(s, r"-?\d+"), label, col.name, "a whole number")
        elif col.kind == "number":
            not_number = per_value(s, lambda u: pd.to_numeric(u.where(u != "", None), errors="coerce").isna())
            problems += _bad(df, filled & not_number.astype(bool), label, col.name, "a number (decimal point '.')")
        elif col.kind == "url":
            problems += _bad(df, filled & _fails(s, r"https?://\S+$", full=False), label, col.name,
                             "an http(s) URL with no spaces")
        elif col.kind == "id":
            problems += _bad(df, _bad_ids(s, listed=False), label, col.name, "an id without spaces, ';' or ','")
        elif col.kind == "id_list":
            problems += _bad(df, _bad_ids(s, listed=True), label, col.name, "ids separated by ';'")
    if spec.key:
        dup = df[spec.key].duplicated(keep=False) & (df[spec.key] != "")
        problems += _bad(df, dup, label, spec.key, f"a unique {spec.key}; this one is used more than once")
    problems += _table_rules(spec.name, df, label)
    return problems


def _unit_problems(df: pd.DataFrame, label: str, column: str) -> list[Problem]:
    """Every non-empty place name the gazetteer does not know, with the closest known names, and every name
    that named several units (Akmola: the city and the region) on the row's date, with the candidates."""
    out = []
    names = df[column]
    for name in names[names != ""].unique():
        if not gazetteer.is_known(name):
            sugg = gazetteer.suggest_names(name)
            hint = f" (closest known: {', '.join(sugg)})" if sugg else ""
            out += _bad(df, names == name, label, column, f"a Kazakh place name the gazetteer knows{hint}")
            continue
        rows = names == name
        dates = df.loc[rows, "date"] if "date" in df.columns else pd.Series(None, index=df.index[rows], dtype=object)
        for day in dates.unique():
            first = last = None
            if isinstance(day, str) and day and not check_dates(pd.Series([day])).iloc[0]:
                first = dt.date.fromisoformat((day + "-01-01")[:10] if len(day) == 4 else (day + "-01")[:10])
                last = (dt.date(first.year, 12, 31) if len(day) == 4 else
                        (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date() if len(day) == 7 else first)
            try:
                gazetteer.normalize_region(name, first, until=last)
            except gazetteer.AmbiguousPlaceName as err:
                candidates = ", ".join(f"{gazetteer.UNITS[k].name_en} ({k})" for k in err.candidates)
                when = "on the row's date" if first else "without a date"
                same_day = (dates == day) if isinstance(day, str) else dates.isna()
                out += _bad(df, rows & same_day.reindex(df.index, fill_value=False), label, column,
                            f"a place name that names one unit {when}; it names {candidates}: write the region's "
                            f"or the city's name")
    return out


def _ru_region_problems(df: pd.DataFrame, label: str, column: str) -> list[Problem]:
    """Every non-empty name of a Russian region the gazetteer does not know, with the closest known names."""
    out = []
    names = df[column]
    for name in names[names != ""].unique():
        try:
            gazetteer.ru_region_keys(name)
        except gazetteer.UnknownRussianRegion as err:
            hint = f" (closest known: {', '.join(err.suggestions)})" if err.suggestions else ""
            out += _bad(df, names == name, label, column,
                        f"a Russian federal subject the gazetteer knows, by any of its names{hint}")
    return out


def _parties_problems(df: pd.DataFrame, label: str) -> list[Problem]:
    """Below the national level a document applies to its Russian region only: its parties must name it."""
    below = (df["level"] != "national") & df["level"].isin(contract.DOC_LEVELS)
    named = df["parties"].map(lambda text: bool(gazetteer.ru_regions_named_in(text)))
    return _bad(df, below & (df["parties"] != "") & ~named, label, "parties",
                "the Russian region among the parties of a document below the national level, named as the "
                "gazetteer knows it (\"Government of Chelyabinsk region\", \"Правительство Челябинской "
                "области\") or by its capital (\"Ural State Agrarian University (Yekaterinburg)\")")


_SPREADSHEET_DATE_HINT = (
    "; a spreadsheet probably turned {typed!r} into a full date: keep the cell as text (format the column as "
    "Text before typing, or type an apostrophe first: '{typed}) and save again"
)


def _precision_problems(df: pd.DataFrame, label: str) -> list[Problem]:
    """A date whose form does not match date_precision; a month or year padded with '-01' gets a hint."""
    prec_of = per_value(df["date"], lambda u: u.str.len().map(_DATE_FORMS))
    valid_prec = df["date_precision"].isin(contract.DATE_PRECISIONS) & (df["date"] != "")
    mismatch = valid_prec & ~check_dates(df["date"]) & (prec_of != df["date_precision"])
    expected = "the precision of the date as written (day/month/year)"
    padded_month = mismatch & (df["date_precision"] == "month") & ~_fails(df["date"], r"\d{4}-\d{2}-01")
    padded_year = mismatch & (df["date_precision"] == "year") & ~_fails(df["date"], r"\d{4}-01-01")
    out = _bad(df, mismatch & ~padded_month & ~padded_year, label, "date_precision", expected)
    for mask, width in ((padded_month, 7), (padded_year, 4)):
        for line, value in df.loc[mask, [LINE, "date"]].itertuples(index=False):
            out.append(Problem(label, int(line), "date", value, "a date of the precision given in date_precision"
                               + _SPREADSHEET_DATE_HINT.format(typed=value[:width])))
    return out


def _table_rules(name: str, df: pd.DataFrame, label: str) -> list[Problem]:
    p: list[Problem] = []
    if name == "events":
        p += _precision_problems(df, label)
        p += _ru_region_problems(df, label, "ru_region")
        has_end = (df["date_end"] != "") & ~check_dates(df["date_end"]) & ~check_dates(df["date"])
        before = has_end & (per_value(df["date_end"], lambda u: u.str.pad(10, "right", "9")) < df["date"])
        p += _bad(df, before, label, "date_end", "a date on or after the start date")
        p += _unit_problems(df, label, "kz_region")
    elif name == "sources":
        excl = df["decision"] == "exclude"
        p += _bad(df, excl & (df["exclusion_reason"] == ""), label, "exclusion_reason",
                  "a reason for an excluded source")
        p += _bad(df, (df["decision"] == "include") & (df["exclusion_reason"] != ""), label, "exclusion_reason",
                  "no reason for an included source")
    elif name == "queries":
        allowed = set(gazetteer.UNITS) | {"any"}
        p += _bad(df, (df["target_unit"] != "") & ~df["target_unit"].isin(allowed), label, "target_unit",
                  f"a unit key: one of {sorted(allowed)}")
    elif name == "legal_documents":
        p += _unit_problems(df, label, "kz_region")
        p += _parties_problems(df, label)
        start = df["in_force_from"].where(df["in_force_from"] != "", df["signed"])
        for a, first, b in (("signed", df["signed"], "in_force_from"), ("the start", start, "in_force_to")):
            before = pd.Series([_cannot_follow(x, y) for x, y in zip(first, df[b], strict=True)], index=df.index,
                               dtype=bool)
            p += _bad(df, before, label, b, f"a date that can be on or after {a}")
    elif name == "rounds":
        p += _ru_region_problems(df, label, "ru_region")
    elif name in ("coding_check", "coding_first"):
        p += _unit_problems(df, label, "kz_region")
    return p


def uncited_sources(tables: dict[str, pd.DataFrame], label: str) -> list[Problem]:
    """Every included source supports a row: one that nothing cites is an error naming it."""
    cited = [id_pairs(tables[table][column])[1] for table, column in contract.SOURCE_REFERENCES.items()
             if table in tables]
    sources = tables["sources"]
    cited_ids = np.concatenate(cited) if cited else np.array([], dtype=object)
    bad = (sources["decision"] == "include") & ~sources["source_id"].isin(cited_ids)
    return _bad(sources, bad, label, "source_id",
                "an included source cited by an event, a legal document or an indicator (source_ids); "
                "nothing cites this one: cite it, or mark it exclude with its reason")


def _cannot_follow(first: str, then: str) -> bool:
    """True if both are valid dates (or bounds) and `then` must lie before `first`."""
    if not (first and then and edtf_dates.is_valid(first) and edtf_dates.is_valid(then)):
        return False
    earliest, latest = edtf_dates.bounds(first)[0], edtf_dates.bounds(then)[1]
    return earliest is not None and latest is not None and latest < earliest


def split_ids(value: str) -> list[str]:
    return [x.strip() for x in value.split(";") if x.strip()]


def id_pairs(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(record position, referenced id) for every id in a column of ';'-separated lists, in order; ids
    stripped, empty ones left out.

    The whole column is split in one string operation (no Python call per record): its cells are joined with
    newlines, each newline becomes a record mark of its own, and the marks number the ids' records."""
    values = values.fillna("")
    joined = "\n".join(values.to_numpy(dtype=object))
    if not len(values) or joined.count("\n") != len(values) - 1:  # a cell holds a newline: split cell by cell
        refs = values.reset_index(drop=True).str.split(";").explode()
        refs = per_value(refs.fillna(""), lambda u: u.str.strip())
        keep = (refs != "").to_numpy()
        return refs.index.to_numpy()[keep], refs.to_numpy(dtype=object)[keep]
    tokens = np.array(joined.replace("\n", ";\n;").split(";"), dtype=object)
    mark = tokens == "\n"
    record = np.cumsum(mark)[~mark]
    refs = tokens[~mark]
    if re.search(r"[^\S\n]", joined):  # some id has spaces around it
        refs = per_value(pd.Series(refs, dtype=object), lambda u: u.str.strip()).to_numpy(dtype=object)
    keep = refs != ""
    return record[keep], refs[keep]


def explode_ids(df: pd.DataFrame, column: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One row per (record, referenced id) in column `ref`, with the record's `columns` (default: all) kept."""
    record, refs = id_pairs(df[column])
    out = (df if columns is None else df[list(dict.fromkeys([*columns, column]))]).take(record)
    out["ref"] = refs
    return out


def validate_references(tables: dict[str, pd.DataFrame], labels: dict[str, str]) -> list[Problem]:
    """Every reference resolves: sources to queries, events / documents / indicators to included sources."""
    p: list[Problem] = []
    sources = tables.get("sources")
    queries = tables.get("queries")
    if sources is not None and queries is not None:
        known_q = set(queries["query_id"])
        bad = (sources["query_id"] != "") & ~sources["query_id"].isin(known_q)
        p += _bad(sources, bad, labels["sources"], "query_id", "the id of a query in queries.csv")
    if sources is not None:
        decision = sources.drop_duplicates("source_id").set_index("source_id")["decision"]
        for table, column in contract.SOURCE_REFERENCES.items():
            df = tables.get(table)
            if df is None:
                continue
            refs = explode_ids(df, column, [LINE])
            known = refs["ref"].isin(decision.index)
            included = refs["ref"].map(decision).eq("include")
            for line, sid in refs.loc[~known, [LINE, "ref"]].itertuples(index=False):
                p.append(Problem(labels[table], int(line), column, sid,
                                 "the id of a source in sources.csv; this one is unknown"))
            for line, sid in refs.loc[known & ~included, [LINE, "ref"]].itertuples(index=False):
                p.append(Problem(labels[table], int(line), column, sid,
                                 "an included source; this one is marked exclude"))
    events = tables.get("events")
    rounds = tables.get("rounds")
    if rounds is not None and queries is not None:
        bad = (queries["round"] != "") & ~queries["round"].isin(set(rounds["round"]))
        p += _bad(queries, bad, labels["queries"], "round", "the id of a round in rounds.csv")
    detections = tables.get("detections")
    if detections is not None:
        if events is not None:
            bad = ~detections["event_id"].isin(set(events["event_id"]))
            p += _bad(detections, bad, labels["detections"], "event_id", "the id of an event in events.csv")
        if rounds is not None:
            bad = ~detections["round"].isin(set(rounds["round"]))
            p += _bad(detections, bad, labels["detections"], "round", "the id of a round in rounds.csv")
        elif queries is not None:
            bad = ~detections["round"].isin(set(queries["round"]))
            p += _bad(detections, bad, labels["detections"], "round", "a round that some query of queries.csv has")
    for name in ("coding_check", "coding_first"):
        check = tables.get(name)
        if events is not None and check is not None:
            bad = ~check["event_id"].isin(set(events["event_id"]))
            p += _bad(check, bad, labels[name], "event_id", "the id of an event in events.csv")
    return p
