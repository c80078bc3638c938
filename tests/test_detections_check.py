"""load.missing_detections: every (event, round) pair the source rows imply is in detections.csv."""

from pathlib import Path

import pandas as pd

from regional_ties.load import missing_detections

FIXTURE = Path(__file__).parent / "fixtures" / "detections"
LABELS = {"detections": "detections.csv", "sources": "sources.csv"}


def tables(**drop):
    t = {name: pd.read_csv(FIXTURE / f"{name}.csv", dtype=str, keep_default_na=False)
         for name in ("queries", "sources", "events", "rounds", "detections")}
    for name, pairs in drop.items():
        d = t[name]
        for ev, rd in pairs:
            d = d[~((d["event_id"] == ev) & (d["round"] == rd))]
        t[name] = d
    return t


def pairs(problems):
    return sorted((p.expected.split("(")[1].split(")")[0], p.value) for p in problems)


def test_complete_detections_report_nothing():
    assert missing_detections(tables(), LABELS) == []


def test_pair_of_the_cited_sources_own_query_is_reported_with_event_round_and_source():
    problems = missing_detections(tables(detections=[("E1", "A")]), LABELS)
    assert pairs(problems) == [("E1, A", "A")]
    (p,) = problems
    assert p.file == "detections.csv" and p.column == "round"
    assert "E1" in p.expected and "S1" in p.expected and "round A" in p.expected


def test_pair_named_in_the_notes_is_reported():
    assert pairs(missing_detections(tables(detections=[("E1", "B")]), LABELS)) == [("E1, B", "B")]


def test_pair_of_an_excluded_further_report_is_reported():
    problems = missing_detections(tables(detections=[("E2", "B")]), LABELS)
    assert pairs(problems) == [("E2, B", "B")] and "S2" in problems[0].expected


def test_round_of_another_region_is_not_required_but_is_without_rounds_table():
    t = tables()
    assert missing_detections(t, LABELS) == []  # E1 and E2 reached by round C (Chelyabinsk): not required
    del t["rounds"]
    assert pairs(missing_detections(t, LABELS)) == [("E1, C", "C"), ("E2, C", "C")]


def test_no_detections_table_means_no_check():
    t = tables()
    del t["detections"]
    assert missing_detections(t, LABELS) == []
