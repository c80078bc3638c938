"""Stage 1: compile the validated raw tables into one events table, and the screening flow."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .columnar import join_per_group
from .contract import EXCLUSION_REASONS
from .load import LINE, id_pairs
from .outputs import write_csv


def screening_flow(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The PRISMA-style flow: queries run, candidates screened, excluded by reason, included, events."""
    q, s, e = tables["queries"], tables["sources"], tables["events"]
    rows = [
        ("queries run", len(q)),
        ("queries that found a new candidate", int((q["n_new_candidates"].astype("int64") > 0).sum())),
        ("candidate documents screened", len(s)),
    ]
    excluded = s[s["decision"] == "exclude"]
    rows.append(("excluded", len(excluded)))
    counts = excluded["exclusion_reason"].value_counts()
    rows += [(f"  excluded: {r}", int(counts.get(r, 0))) for r in EXCLUSION_REASONS]
    rows.append(("included", int((s["decision"] == "include").sum())))
    rows.append(("events compiled", len(e)))
    rows.append(("legal documents", len(tables["legal_documents"])))
    if "indicators" in tables:
        rows.append(("indicator values", len(tables["indicators"])))
    return pd.DataFrame(rows, columns=["step", "n"])


def _per_event(n_events: int, record: np.ndarray, values: np.ndarray, sep: str = " ; ") -> np.ndarray:
    """Each event's values joined in reference order (`record`: the event of each value, grouped), without a
    Python call per event; NaN for an event with none."""
    out = np.full(n_events, np.nan, dtype=object)
    if len(record):
        start = np.r_[True, record[1:] != record[:-1]]
        out[record[start]] = join_per_group(start, values, sep)
    return out


def compile_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events with their sources' outlets, URLs and count attached; one row per raw event, in raw order."""
    events = tables["events"]
    src = tables["sources"].drop_duplicates("source_id")
    record, refs = id_pairs(events["source_ids"])
    at = pd.Index(src["source_id"]).get_indexer(refs)  # every id is a known source (load checked it)
    del refs
    outlets = src["outlet"].to_numpy(dtype=object)[at]
    first_of_outlet = ~pd.DataFrame({"r": record, "o": outlets}).duplicated().to_numpy()
    n_sources = pd.Series(np.bincount(record, minlength=len(events)), dtype="int64")
    out = events.drop(columns=[LINE]).reset_index(drop=True)
    out["n_sources"] = n_sources if (n_sources > 0).all() else n_sources.where(n_sources > 0)  # NaN: no source
    out["source_urls"] = _per_event(len(events), record, src["url"].to_numpy(dtype=object)[at])
    out["source_outlets"] = _per_event(len(events), record[first_of_outlet], outlets[first_of_outlet])
    out["raw_line"] = events[LINE].to_numpy()
    return out


INTERIM_TABLES = ("events", "sources", "queries", "legal_documents", "indicators", "coding_check", "coding_first",
                  "rounds", "detections")


def write_interim(tables: dict[str, pd.DataFrame], compiled: pd.DataFrame, interim_dir) -> None:
    """The compiled events and validated copies of the other tables, for the cleaning stage."""
    interim_dir = Path(interim_dir)
    write_csv(interim_dir / "events_compiled.csv", compiled, spreadsheet_safe=False)
    for name in INTERIM_TABLES:
        path = interim_dir / f"{name}.csv"
        if name in tables:
            write_csv(path, tables[name], spreadsheet_safe=False)
        elif path.exists():
            path.unlink()  # a table the compilation does not have must not linger from an earlier run


def read_interim(interim_dir) -> dict[str, pd.DataFrame]:
    interim_dir = Path(interim_dir)
    out = {}
    for name in ("events_compiled",) + INTERIM_TABLES:
        path = interim_dir / f"{name}.csv"
        if path.exists():
            out[name] = pd.read_csv(path, dtype=str, keep_default_na=False)
            if LINE in out[name].columns:
                out[name][LINE] = out[name][LINE].astype("int64")
    for name in ("n_sources", "raw_line"):
        out["events_compiled"][name] = out["events_compiled"][name].astype("int64")
    return out
