"""Validating the raw tables against the contract (contract.py): every cell, the rules within a table,
and the references between tables.

Every problem is a reading.Problem naming the file, the line, the column, the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import contract, edtf_dates, gazetteer
from .columnar import per_value
from .contract import TableSpec
from .reading import LINE, Problem

_DATE_FORMS = {4: "year", 7: "month", 10: "day"}
_DATE_RE = r"\d{4}(-\d{2}(-\d{2})?)?"
_ID_RE = r"[^\s;,]+"


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

    Checked once per distinct value."""
    return per_value(values.fillna("").astype(object), _bad_dates).astype(bool)


def _fails(s: pd.Series, pattern: str, *, full: bool = True) -> pd.Series:
    """True where a value does not match the pattern, checked once per distinct value."""
    def check(u: pd.Series) -> pd.Series:
        return ~(u.str.fullmatch(pattern) if full else u.str.match(pattern)).astype(bool)

    return per_value(s, check).astype(bool)


def _bad_ids(s: pd.Series, *, listed: bool) -> pd.Series:
    """True where a non-empty value is not an id (not a list of ids)."""
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
    stripped, empty ones left out."""
    refs = values.fillna("").reset_index(drop=True).str.split(";").explode()
    refs = refs.fillna("").str.strip()
    keep = (refs != "").to_numpy()
    return refs.index.to_numpy()[keep], refs.to_numpy(dtype=object)[keep]


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


#: Rounds named in a source's notes as having reached the page again ("also reached by queries of rounds
#: G, J", "also reached in round W").
_ALSO_REACHED = re.compile(r"also reached (?:by queries of |in )rounds? ([A-Za-z0-9]+(?:(?:, | and )[A-Za-z0-9]+)*)")
#: An excluded source that is another report of a recorded event says so in its notes.
_FURTHER_REPORT = re.compile(r"a further report of ([^\s;,()]+)")


def _source_rounds(sources: pd.DataFrame, queries: pd.DataFrame) -> dict[str, set[str]]:
    """The rounds whose queries reached each source: its own query's round and the rounds its notes name."""
    round_of = dict(zip(queries["query_id"], queries["round"], strict=True))
    out: dict[str, set[str]] = {}
    for sid, qid, notes in sources[["source_id", "query_id", "notes"]].itertuples(index=False):
        found = {round_of.get(qid, "")}
        for group in _ALSO_REACHED.findall(notes or ""):
            found.update(re.split(r", | and ", group))
        out.setdefault(sid, set()).update(r for r in found if r)
    return out


def missing_detections(tables: dict[str, pd.DataFrame], labels: dict[str, str]) -> list[Problem]:
    """Every (event, round) pair that the source rows imply is in detections.csv.

    A source supports an event when the event cites it (`source_ids`), or when the source is excluded as a
    further report of the event (its notes say "a further report of <event_id>"); it was reached by the round
    of its query and by the rounds its notes name ("also reached by queries of rounds G, J"). Where rounds.csv
    names each round's Russian region, only the rounds that searched a region of the event count (a round of
    another region that met the event screened it out as having no party of its own region). Each pair missing
    from detections.csv is a problem naming the event, the round and the source. Runs only where detections.csv
    is given and queries.csv has rounds.
    """
    detections, events = tables.get("detections"), tables.get("events")
    sources, queries, rounds = tables.get("sources"), tables.get("queries"), tables.get("rounds")
    if detections is None or events is None or sources is None or queries is None or "round" not in queries:
        return []
    reached = _source_rounds(sources, queries)
    record, refs = id_pairs(events["source_ids"])
    supports = list(zip(events["event_id"].to_numpy()[record], refs, strict=True))
    known_events = set(events["event_id"])
    for sid, notes in sources[["source_id", "notes"]].itertuples(index=False):
        supports += [(ev, sid) for ev in _FURTHER_REPORT.findall(notes or "") if ev in known_events]
    def regions(value: str) -> set[str]:
        return set(gazetteer.ru_region_keys(value)) if gazetteer.is_known_ru_region(value) else set()

    region_of_round = (dict(zip(rounds["round"], rounds["ru_region"].map(regions), strict=True))
                       if rounds is not None and "ru_region" in rounds else None)
    event_regions = dict(zip(events["event_id"], events["ru_region"].map(regions), strict=True))
    have = set(zip(detections["event_id"], detections["round"], strict=True))
    line_of = dict(zip(sources["source_id"], sources[LINE], strict=True)) if LINE in sources else {}
    seen: set[tuple[str, str]] = set()
    out: list[Problem] = []
    for ev, sid in sorted(set(supports)):
        for rd in sorted(reached.get(sid, ())):
            if (ev, rd) in have or (ev, rd) in seen:
                continue
            if region_of_round is not None and not (region_of_round.get(rd, set()) & event_regions.get(ev, set())):
                continue
            seen.add((ev, rd))
            where = f" (line {int(line_of[sid])})" if sid in line_of else ""
            out.append(Problem(labels["detections"], None, "round", rd,
                               f"a row ({ev}, {rd}): source {sid} of {labels['sources']}{where} supports event "
                               f"{ev} and was reached by a query of round {rd}"))
    return out
