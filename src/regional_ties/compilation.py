"""Stage 1: compile the validated raw tables into one events table, and the screening flow."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .columnar import join_per_group
from .contract import EXCLUSION_REASONS
from .load import LINE, explode_ids
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


def _join_per_event(refs: pd.DataFrame, column: str, sep: str = " ; ") -> pd.Series:
    """Join a column's values per event, in reference order, without a Python call per event.

    `refs` holds each event's rows together (as explode_ids gives them)."""
    events = refs["event_id"].to_numpy()
    start = np.ones(len(events), dtype=bool)
    start[1:] = events[1:] != events[:-1]
    return pd.Series(join_per_group(start, refs[column].to_numpy(), sep), index=events[start])


def compile_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events with their sources' outlets, URLs and count attached; one row per raw event, in raw order."""
    events = tables["events"]
    src = tables["sources"].drop_duplicates("source_id").set_index("source_id")
    refs = explode_ids(events, "source_ids", ["event_id"])
    refs = refs.join(src[["url", "outlet", "published"]], on="ref")
    grouped = pd.DataFrame({
        "n_sources": refs.groupby("event_id", sort=False).size(),
        "source_urls": _join_per_event(refs, "url"),
        "source_outlets": _join_per_event(refs.drop_duplicates(["event_id", "outlet"]), "outlet"),
    })
    out = events.drop(columns=[LINE]).join(grouped, on="event_id")
    out.insert(len(out.columns), "raw_line", events[LINE].to_numpy())
    return out.reset_index(drop=True)


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
