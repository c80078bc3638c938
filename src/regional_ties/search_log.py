"""How the search protocol covered the Kazakh units, the areas and the languages, and its tail yield."""

from __future__ import annotations

import pandas as pd

from . import gazetteer
from .contract import LANGUAGES, TARGET_AREAS


def _coverage(q: pd.DataFrame, column: str, categories) -> pd.DataFrame:
    new = q["n_new_candidates"].astype("int64")
    g = pd.DataFrame({column: q[column], "found": new > 0, "new": new})
    t = g.groupby(column).agg(queries=("found", "size"), with_new_candidates=("found", "sum"),
                              new_candidates=("new", "sum"))
    t = t.reindex(list(categories), fill_value=0)
    t["yield"] = (t["with_new_candidates"] / t["queries"].where(t["queries"] > 0)).round(4)
    return t.reset_index().rename(columns={"index": column})


def coverage(queries: pd.DataFrame) -> dict[str, pd.DataFrame]:
    units = list(gazetteer.UNITS) + ["any"]
    return {
        "target_unit": _coverage(queries, "target_unit", units),
        "target_area": _coverage(queries, "target_area", TARGET_AREAS),
        "language": _coverage(queries, "language", LANGUAGES),
    }


def tail_yield(queries: pd.DataFrame, last: int = 100) -> dict:
    """Of the last `last` queries in log order, how many found no new candidate."""
    tail = queries.tail(last)
    dry = int((tail["n_new_candidates"].astype("int64") == 0).sum())
    return {"queries": len(tail), "dry": dry, "dry_share": dry / len(tail) if len(tail) else float("nan")}


def rounds_table(queries: pd.DataFrame, detections: pd.DataFrame | None,
                 rounds: pd.DataFrame | None) -> pd.DataFrame:
    """Search effort and yield per round: queries, dry queries, events reached (and reached by it alone)."""
    q = queries.assign(dry=queries["n_new_candidates"].astype("int64") == 0)
    t = q.groupby("round", sort=True).agg(queries=("query_id", "size"), dry_queries=("dry", "sum"))
    if detections is not None and not detections.empty:
        per_event = detections.groupby("event_id")["round"].nunique()
        alone = detections[detections["event_id"].map(per_event) == 1]
        t["events_reached"] = detections.groupby("round")["event_id"].nunique().reindex(t.index, fill_value=0)
        t["events_reached_by_it_alone"] = alone.groupby("round")["event_id"].nunique().reindex(t.index,
                                                                                             fill_value=0)
    t = t.reset_index()
    if rounds is not None and not rounds.empty:
        t = rounds[["round", "ru_region", "target"]].merge(t, on="round", how="right")
    return t.astype({c: "int64" for c in ("queries", "dry_queries") if c in t})


def tail_table(queries: pd.DataFrame, last: int = 100) -> pd.DataFrame:
    """The tail yield as a one-row table (for the reports)."""
    tail = tail_yield(queries, last)
    return pd.DataFrame([{"last_queries": tail["queries"], "dry": tail["dry"],
                          "dry_share": round(tail["dry_share"], 4)}])


def region_search(tables: dict[str, pd.DataFrame], studied) -> dict[str, pd.DataFrame]:
    """The search as it concerns the region studied, for its screening flow and coverage tables.

    A compilation may hold the rounds of several Russian regions (rounds.csv names each round's region).
    The queries kept are those of the rounds that searched the region studied (all queries when the
    compilation records no rounds); the sources kept are those those queries reached, and a source counts
    as included for the region only when a row of the region cites it: a page included for another
    region's event was, for this region's screening, a page with no party of the region
    (`no_ru_region_party`). Events and documents are those of the region (national documents included).
    """
    from .clean import document_regions, region_match

    out = dict(tables)
    rounds = tables.get("rounds")
    if rounds is not None and not rounds.empty and (tables["queries"]["round"] != "").any():
        own = rounds.loc[region_match(rounds["ru_region"], studied), "round"]
        out["queries"] = tables["queries"][tables["queries"]["round"].isin(set(own))]
        out["sources"] = tables["sources"][tables["sources"]["query_id"].isin(set(out["queries"]["query_id"]))]
    ev = tables["events"][region_match(tables["events"]["ru_region"], studied)]
    out["events"] = ev
    docs = tables["legal_documents"]
    named = document_regions(docs).str.split(";").map(lambda keys: studied.key in keys).astype(bool)
    out["legal_documents"] = docs[(docs["level"] == "national") | named]
    if "detections" in tables:
        d = tables["detections"]
        keep = d["event_id"].isin(set(ev["event_id"]))
        if "queries" in out and (out["queries"]["round"] != "").any():
            keep &= d["round"].isin(set(out["queries"]["round"]))
        out["detections"] = d[keep]
    cited: set[str] = set()
    for name in ("events", "legal_documents", "indicators"):
        if name in out:
            for value in out[name]["source_ids"]:
                cited |= {x.strip() for x in value.split(";") if x.strip()}
    s = out["sources"].copy()
    other_region = (s["decision"] == "include") & ~s["source_id"].isin(cited)
    s.loc[other_region, "exclusion_reason"] = "no_ru_region_party"
    s.loc[other_region, "decision"] = "exclude"
    out["sources"] = s
    return out
