"""Merging duplicate rows column-wide gives what merging them row by row gives (made-up fixture rows)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regional_ties.clean import _fold, merge_duplicates


def merge_row_by_row(events: pd.DataFrame) -> pd.DataFrame:
    """The reference: each group's rows in raw order, sources united in order without repeats."""
    key = pd.DataFrame({"d": events["date_first"], "p": events["date_precision"], "a": events["area"],
                        "u": events["kz_unit"], "r": _fold(events["ru_actor"]), "k": _fold(events["kz_actor"])})
    rows = []
    for _, idx in key.groupby(list(key.columns), sort=False).indices.items():
        idx = sorted(idx)
        row = events.iloc[idx[0]].copy()
        if len(idx) > 1:
            ids = [x.strip() for i in idx for x in events["source_ids"].iloc[i].split(";") if x.strip()]
            row["source_ids"] = ";".join(dict.fromkeys(ids))
        row["merged_event_ids"] = ";".join(events["event_id"].iloc[i] for i in idx[1:])
        row["n_sources"] = row["source_ids"].count(";") + 1
        rows.append((idx[0], row))
    return pd.DataFrame([r for _, r in sorted(rows, key=lambda t: t[0])]).reset_index(drop=True)


@pytest.mark.parametrize("seed", range(5))
def test_column_wide_merge_equals_row_by_row(seed):
    rng = np.random.default_rng(seed)
    n = 400
    events = pd.DataFrame({
        "event_id": [f"FIXTURE{i}" for i in range(n)],
        "date_first": pd.to_datetime(rng.choice(["2016-01-01", "2016-05-02", "2017-03-03"], n)),
        "date_precision": rng.choice(["day", "month"], n),
        "area": rng.choice(["arts", "education"], n),
        "kz_unit": rng.choice(["kostanay", "astana"], n),
        "ru_actor": rng.choice(["Ural Univ.", "ural univ", "Theatre"], n),
        "kz_actor": rng.choice(["A", "a", "B"], n),
        "source_ids": [";".join(f" S{j}" for j in rng.integers(0, 6, rng.integers(1, 4))) for _ in range(n)],
        "n_sources": 0,
    })
    got = merge_duplicates(events)
    expected = merge_row_by_row(events)
    pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)
    assert (got["merged_event_ids"] != "").any()


def test_no_duplicates_leaves_the_rows_as_they_are():
    events = pd.DataFrame({"event_id": ["E1", "E2"], "date_first": pd.to_datetime(["2016-01-01", "2016-01-02"]),
                           "date_precision": "day", "area": "arts", "kz_unit": "kostanay", "ru_actor": "A",
                           "kz_actor": "B", "source_ids": ["S1; S2", "S3"], "n_sources": 0})
    got = merge_duplicates(events)
    assert got["source_ids"].tolist() == ["S1; S2", "S3"] and got["merged_event_ids"].tolist() == ["", ""]
    assert got["n_sources"].tolist() == [2, 1]
