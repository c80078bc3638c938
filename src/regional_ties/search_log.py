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
