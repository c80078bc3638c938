"""Stage 2: clean the compiled events: places, dates, actor sectors, duplicates, window flags."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import edtf_dates, gazetteer
from .columnar import join_per_group, per_row_value, per_value
from .contract import AUTHORITY_KINDS, sector_of
from .load import LINE, explode_ids


class NoEventsOfRegion(ValueError):
    """The compilation holds no event of the Russian region studied."""


def _parse_distinct_dates(pairs: pd.DataFrame) -> pd.DataFrame:
    date, precision = pairs["date"], pairs["precision"]
    first = pd.to_datetime(
        date.where(precision != "year", date + "-01-01").where(precision != "month", date + "-01"),
        format="%Y-%m-%d",
    )
    last = first.where(precision == "day", first + pd.offsets.MonthEnd(0)).where(
        precision != "year", first + pd.offsets.YearEnd(0)
    )
    return pd.DataFrame({"date_first": first, "date_last": last, "year": first.dt.year.astype("int64")})


def parse_dates(date: pd.Series, precision: pd.Series) -> pd.DataFrame:
    """First and last day covered by a date of a given precision (2019 -> 2019-01-01 .. 2019-12-31).

    Computed once per distinct (date, precision) pair."""
    return per_row_value(pd.DataFrame({"date": date, "precision": precision}), _parse_distinct_dates)


def normalize_units(names: pd.Series, first_day: pd.Series, last_day: pd.Series | None = None) -> pd.Series:
    """normalize_region for every row on the event's days, computed once per distinct (name, days) triple."""
    last_day = first_day if last_day is None else last_day

    def units(distinct: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"unit": [gazetteer.normalize_region(n, a.date(), until=b.date())
                                      for n, a, b in distinct.itertuples(index=False)]}, dtype=object)

    return per_row_value(pd.DataFrame({"name": names, "first": first_day, "last": last_day}), units)["unit"]


def official_names(units: pd.Series, first_day: pd.Series) -> pd.Series:
    """gazetteer.official_name for every row, computed once per distinct (unit, day) pair."""
    def names(distinct: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"name": [gazetteer.official_name(u, d.date())
                                      for u, d in distinct.itertuples(index=False)]}, dtype=object)

    return per_row_value(pd.DataFrame({"unit": units, "day": first_day}), names)["name"]


def add_dates_and_units(events: pd.DataFrame) -> pd.DataFrame:
    """First and last day and year of each date, and the canonical Kazakh unit: what duplicates are found by."""
    out = events.copy(deep=False)  # copy-on-write: the caller's columns are shared, never changed
    d = parse_dates(out["date"], out["date_precision"])
    for column in d.columns:
        out[column] = d[column]
    out["kz_unit"] = normalize_units(out["kz_region"], out["date_first"], out["date_last"])
    return out


def add_names_and_sectors(events: pd.DataFrame) -> pd.DataFrame:
    """ISO code and official name of the Kazakh unit, actor sectors, government lead."""
    out = events.copy(deep=False)
    out["kz_iso"] = out["kz_unit"].map({k: u.iso for k, u in gazetteer.UNITS.items()})
    out["kz_unit_name"] = official_names(out["kz_unit"], out["date_first"])
    out["ru_sector"] = sector_of(out["ru_actor_kind"])
    out["kz_sector"] = sector_of(out["kz_actor_kind"])
    out["government_led"] = out["ru_actor_kind"].isin(AUTHORITY_KINDS) | out["kz_actor_kind"].isin(AUTHORITY_KINDS)
    return out


def _fold(s: pd.Series) -> pd.Series:
    return per_value(s, lambda u: u.str.casefold().str.replace(r"[\W_]+", " ", regex=True).str.strip())


def duplicate_merge(events: pd.DataFrame) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Which rows stay when rows reporting the same event are merged (same first day, area, Kazakh unit and
    both actors), and their new `source_ids`, `merged_event_ids` and `n_sources`.

    The first row (in raw order) of each event stays; the sources of all its rows are united in its
    `source_ids`, `n_sources` is recounted and `merged_event_ids` lists the ids merged into it. Whole-column
    work: the rows of events with duplicates are put side by side and joined per event
    (columnar.join_per_group). Returns the positions of the rows that stay and the three columns for them."""
    key = pd.DataFrame(
        {
            "d": events["date_first"],
            "p": events["date_precision"],
            "a": events["area"],
            "u": events["kz_unit"],
            "r": _fold(events["ru_actor"]),
            "k": _fold(events["kz_actor"]),
        }
    )
    group = key.groupby(list(key.columns), sort=False).ngroup().to_numpy()
    del key
    first = ~pd.Series(group).duplicated().to_numpy()
    stay = np.flatnonzero(first)
    source_ids = events["source_ids"].to_numpy(dtype=object)[stay]
    merged_event_ids = np.full(len(stay), "", dtype=object)
    if not first.all():
        sizes = np.bincount(group)
        in_merge = np.flatnonzero(sizes[group] > 1)
        order = in_merge[np.argsort(group[in_merge], kind="stable")]  # each group's rows together, in raw order
        refs = explode_ids(pd.DataFrame({"g": group[order], "source_ids": events["source_ids"].to_numpy()[order]}),
                           "source_ids", ["g"]).drop_duplicates(["g", "ref"])
        g_refs = refs["g"].to_numpy()
        united = join_per_group(np.r_[True, g_refs[1:] != g_refs[:-1]], refs["ref"].to_numpy(), ";")
        del refs, g_refs
        dups = order[~first[order]]
        g_dups = group[dups]
        absorbed = np.flatnonzero(sizes[group[stay]] > 1)  # among the rows that stay, those that absorb others
        source_ids[absorbed] = united
        merged_event_ids[absorbed] = join_per_group(np.r_[True, g_dups[1:] != g_dups[:-1]],
                                                    events["event_id"].to_numpy()[dups], ";")
    n_sources = pd.Series(source_ids, dtype=object).str.count(";").to_numpy(dtype="int64") + 1
    return stay, {"source_ids": source_ids, "merged_event_ids": merged_event_ids, "n_sources": n_sources}


def merge_duplicates(events: pd.DataFrame) -> pd.DataFrame:
    """The rows that stay after duplicate_merge, with their new columns."""
    stay, columns = duplicate_merge(events)
    out = events.take(stay).reset_index(drop=True)
    for name, values in columns.items():
        out[name] = values
    return out


def ru_region_counts(ru_region: pd.Series) -> pd.DataFrame:
    """Events per Russian region named in the `ru_region` column (an event naming two counts for both)."""
    per_name = ru_region.value_counts()
    counts: dict[str, int] = {}
    for name, n in per_name.items():  # once per distinct name, not per row
        for key in gazetteer.ru_region_keys(name):
            counts[key] = counts.get(key, 0) + int(n)
    t = pd.DataFrame({"ru_region": list(counts), "events": list(counts.values())}, columns=["ru_region", "events"])
    t["name"] = t["ru_region"].map(lambda k: gazetteer.RU_SUBJECTS[k].name_en)
    t = t.sort_values(["events", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return t[["ru_region", "name", "events"]]


def region_match(ru_region: pd.Series, studied: gazetteer.RuSubject) -> pd.Series:
    """True where the row's Russian party is of the region studied (one of its named regions is)."""
    by_name = {name: studied.key in gazetteer.ru_region_keys(name) for name in ru_region.unique()}
    return ru_region.map(by_name).astype(bool)


def require_region_events(ru_region: pd.Series, studied: gazetteer.RuSubject) -> None:
    """Zero events of the region studied is an error that lists the regions the compilation does hold."""
    if region_match(ru_region, studied).any():
        return
    held = ru_region_counts(ru_region)
    listed = ", ".join(f"{name} ({n})" for name, n in zip(held["name"], held["events"], strict=True))
    raise NoEventsOfRegion(f"the compilation holds no event of {studied.name_en} (RU_REGION); its events are "
                           f"of: {listed or 'no region at all'}. Run with RU_REGION set to one of these.")


def flag_scope(events: pd.DataFrame, start_year: int, end_year: int, ru_region: str) -> pd.DataFrame:
    """Flag (never drop) the rows inside the analysis window and of the Russian region studied.

    `ru_region` is any name of a federal subject (see gazetteer.resolve_ru_region); no event of that
    region is an error (NoEventsOfRegion) listing the regions present.
    """
    studied = gazetteer.resolve_ru_region(ru_region)
    require_region_events(events["ru_region"], studied)
    out = events.copy(deep=False)
    out["ru_region_match"] = region_match(out["ru_region"], studied)
    out["in_window"] = out["year"].between(start_year, end_year)
    out["in_analysis"] = out["ru_region_match"] & out["in_window"]
    return out


PROCESSED_COLUMNS = [
    "event_id", "date", "date_precision", "date_end", "date_first", "date_last", "year",
    "summary_en", "area", "area_detail",
    "ru_region", "ru_actor", "ru_actor_kind", "ru_sector",
    "kz_region", "kz_unit", "kz_iso", "kz_unit_name", "kz_actor", "kz_actor_kind", "kz_sector",
    "government_led", "location", "format", "source_ids", "n_sources", "source_outlets", "source_urls",
    "merged_event_ids", "ru_region_match", "in_window", "in_analysis", "notes",
]


def clean_events(compiled: pd.DataFrame, start_year: int, end_year: int, ru_region: str) -> pd.DataFrame:
    """The whole cleaning stage: derived columns, duplicate merge, scope flags; dates as ISO text."""
    out = flag_scope(add_dates_and_units(compiled), start_year, end_year, ru_region)
    stay, merged = duplicate_merge(out)
    # the rows that stay, by first day then id, taken once; the columns derived row by row added after
    order = np.lexsort((out["event_id"].to_numpy()[stay], out["date_first"].to_numpy()[stay]))
    out = out[[c for c in out.columns if c in PROCESSED_COLUMNS and c not in merged]].take(stay[order])
    out = add_names_and_sectors(out.reset_index(drop=True))
    for name, values in merged.items():
        out[name] = values[order]
    out = out[PROCESSED_COLUMNS]
    out["date_first"] = per_value(out["date_first"], lambda u: u.dt.strftime("%Y-%m-%d"))
    out["date_last"] = per_value(out["date_last"], lambda u: u.dt.strftime("%Y-%m-%d"))
    return out


def accounting(raw_events: int, compiled: pd.DataFrame, processed: pd.DataFrame) -> pd.DataFrame:
    """Raw rows -> compiled -> duplicates merged -> processed, and how many are in the analysis."""
    merged_away = int(processed["merged_event_ids"].str.count(";").add(1).where(
        processed["merged_event_ids"] != "", 0).sum())
    rows = [
        ("raw event rows", raw_events),
        ("compiled", len(compiled)),
        ("merged into another row as duplicates", merged_away),
        ("processed (one row per event)", len(processed)),
        ("  of the Russian region studied", int(processed["ru_region_match"].sum())),
        ("  in the analysis window", int(processed["in_window"].sum())),
        ("  in the analysis (both)", int(processed["in_analysis"].sum())),
    ]
    table = pd.DataFrame(rows, columns=["step", "n"])
    if len(compiled) != raw_events or len(processed) + merged_away != len(compiled):
        raise AssertionError(f"rows were lost in cleaning:\n{table}")
    return table


def document_regions(docs: pd.DataFrame) -> pd.Series:
    """The Russian regions (gazetteer keys, ';'-separated) that a document below the national level applies
    to: those its parties name. Empty for national documents, which apply to every region."""
    named = docs["parties"].map(lambda text: ";".join(gazetteer.ru_regions_named_in(text)))
    return named.where(docs["level"] != "national", "")


def force_bounds(docs: pd.DataFrame) -> pd.DataFrame:
    """Earliest and latest possible start and end of validity of each document, as ISO days.

    The start is `in_force_from`, else `signed`; the end is `in_force_to`. Each may be a date or its
    bounds (EDTF, see edtf_dates). An empty start means undated (unbounded both ways, written `..`);
    an empty end means open-ended (both end columns empty); `..` marks a side with no bound.
    """
    start = docs["in_force_from"].where(docs["in_force_from"] != "", docs["signed"])
    rows = []
    for s, e in zip(start, docs["in_force_to"], strict=True):
        s_lo, s_hi = edtf_dates.bounds(s) if s else (None, None)
        e_lo, e_hi = edtf_dates.bounds(e) if e else (None, None)
        end = (edtf_dates.iso(e_lo) or "..", edtf_dates.iso(e_hi) or "..") if e else ("", "")
        rows.append((edtf_dates.iso(s_lo) or "..", edtf_dates.iso(s_hi) or "..", *end))
    return pd.DataFrame(rows, index=docs.index,
                        columns=["start_earliest", "start_latest", "end_earliest", "end_latest"])


def clean_legal_documents(docs: pd.DataFrame, start_year: int, end_year: int, ru_region: str) -> pd.DataFrame:
    """Legal documents with a canonical Kazakh unit, the Russian regions they apply to (flagged for the
    region studied, never dropped), the bounds of their validity, and whether they were in force in the
    window: `yes` if certainly, `no` if certainly not, `unknown` if the bounds allow both."""
    studied = gazetteer.resolve_ru_region(ru_region)
    out = docs.drop(columns=[LINE]).copy()
    names = out["kz_region"].where(out["kz_region"] != "", "Kazakhstan")
    out["kz_unit"] = [gazetteer.normalize_region(n) for n in names]
    out["ru_regions"] = document_regions(out)
    out["ru_region_match"] = (out["level"] == "national") | out["ru_regions"].str.split(";").map(
        lambda keys: studied.key in keys).astype(bool)
    out = pd.concat([out, force_bounds(out)], axis=1)
    years = edtf_dates.bound_years(out)
    # the year from which a document is certainly in force, and the last year it is certainly in force
    out["force_start"] = years["start_latest"].map(lambda y: "" if not np.isfinite(y) else str(int(y)))
    out["force_end"] = years["end_earliest"].map(lambda y: "" if not np.isfinite(y) else str(int(y)))

    def status(certain, possible):
        return np.where(certain, "yes", np.where(possible, "unknown", "no"))

    out["in_force_whole_window"] = status(
        (years["start_latest"] <= start_year) & (years["end_earliest"] >= end_year),
        (years["start_earliest"] <= start_year) & (years["end_latest"] >= end_year))
    out["in_force_in_window"] = status(
        (years["start_latest"] <= end_year) & (years["end_earliest"] >= start_year)
        & (years["start_latest"] <= years["end_earliest"]),
        (years["start_earliest"] <= end_year) & (years["end_latest"] >= start_year))
    order = years["start_latest"].where(np.isfinite(years["start_latest"]), np.inf)
    return (out.assign(_order=order).sort_values(["_order", "doc_id"], kind="stable")
            .drop(columns="_order").reset_index(drop=True))
