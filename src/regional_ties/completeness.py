"""How complete is the record? Capture-recapture over the search rounds.

Each search round of the protocol is treated as one sample of the events that the stored pages hold:
an event is "captured" by a round when a query of that round reached a report of it
(data/raw/detections.csv). From how many events were reached by exactly one round (Q1) and by
exactly two (Q2), the incidence-based Chao2 estimator estimates the number of events the pages hold,
including those that no round reached (Chao 1987; Chao et al. 2014):

    S_chao2 = S_obs + ((m - 1) / m) * Q1 * (Q1 - 1) / (2 * (Q2 + 1))      (bias-corrected form)

with m the number of rounds, and a 95% interval from the log-normal method, whose lower end is never
below S_obs. The estimate is neither an upper nor a lower bound here, because its assumptions fail in
both directions (BIAS_WORDS says so in every sentence that reports it):

* closed population: the stored collection of pages does not change between rounds (true);
* heterogeneity: events that are hard to find in every round are under-counted, which biases the
  estimate of the missing events down and the share found up;
* dependence between rounds: targeted rounds that search for the same kind of event, and rounds that
  re-find known events by name, inflate re-finding (Q2 up, Q1 down), which biases the estimate of the
  missing events down and the share found up; rounds aimed at different units, areas and years re-find
  less than independent samples would (Q1 up), which biases the estimate of the missing events up and
  the share found down; events outside every round's aim leave no trace at all and are not estimated.

Which of these weighs most is not known from the record, so no bound is claimed.
"""

from __future__ import annotations

import math

import pandas as pd

from . import gazetteer

COLUMNS = ["events_found", "rounds", "found_by_one_round", "found_by_two_rounds", "estimated_events",
           "estimated_events_low", "estimated_events_high", "share_found", "share_found_low", "share_found_high"]


def incidence(detections: pd.DataFrame, event_ids, rounds) -> pd.DataFrame:
    """Event x round table of 0/1: which rounds reached which event.

    Events of `event_ids` that no row of `detections` names are an error: an event in the record
    was reached by at least one round, so a missing capture history is a gap in the data.
    """
    event_ids = list(event_ids)
    rounds = sorted(set(rounds))
    d = detections[detections["event_id"].isin(event_ids) & detections["round"].isin(rounds)]
    missing = sorted(set(event_ids) - set(d["event_id"]))
    if missing:
        raise ValueError(f"detections.csv: expected at least one round for every event; none for {missing}")
    table = pd.crosstab(d["event_id"], d["round"]).clip(upper=1)
    return table.reindex(index=sorted(event_ids), columns=rounds, fill_value=0).astype("int64")


def chao2(table: pd.DataFrame) -> dict:
    """Bias-corrected Chao2 estimate of the number of events, with a 95% log-normal interval."""
    m = table.shape[1]
    per_event = table.sum(axis=1)
    s_obs = int((per_event > 0).sum())
    q1 = int((per_event == 1).sum())
    q2 = int((per_event == 2).sum())
    out = {"events_found": s_obs, "rounds": m, "found_by_one_round": q1, "found_by_two_rounds": q2}
    if s_obs == 0 or m < 2:
        return out | {c: None for c in COLUMNS[4:]}
    a = (m - 1) / m
    unseen = a * q1 * (q1 - 1) / (2 * (q2 + 1))
    estimate = s_obs + unseen
    # Variance of the bias-corrected estimator (Chao 1987, as in EstimateS).
    var = (a * q1 * (q1 - 1) / (2 * (q2 + 1))
           + a ** 2 * q1 * (2 * q1 - 1) ** 2 / (4 * (q2 + 1) ** 2)
           + a ** 2 * q1 ** 2 * q2 * (q1 - 1) ** 2 / (4 * (q2 + 1) ** 4))
    if unseen > 0 and var > 0:
        k = math.exp(1.96 * math.sqrt(math.log(1 + var / unseen ** 2)))
        low, high = s_obs + unseen / k, s_obs + unseen * k
    else:  # nothing suggests unseen events: the interval collapses onto what was found
        low = high = float(s_obs)
    return out | {
        "estimated_events": round(estimate, 2),
        "estimated_events_low": round(low, 2),
        "estimated_events_high": round(high, 2),
        "share_found": round(s_obs / estimate, 4),
        "share_found_low": round(s_obs / high, 4),
        "share_found_high": round(s_obs / low, 4),
    }


def completeness_table(events: pd.DataFrame, detections: pd.DataFrame | None, rounds: pd.DataFrame | None,
                       start_year: int, end_year: int) -> pd.DataFrame:
    """Chao2 for the events of the region studied, over all years and inside the analysis window.

    `events` are the processed events of the region studied (event_id, year, merged_event_ids, ru_region):
    a detection of a row merged into another counts for the row kept. `rounds` (optional) restricts the
    samples to the rounds that searched the region of these events.
    """
    if detections is None or detections.empty:
        return pd.DataFrame(columns=["scope", *COLUMNS])
    kept = {}
    for event_id, merged in zip(events["event_id"], events["merged_event_ids"], strict=True):
        kept[event_id] = event_id
        for m in str(merged).split(";"):
            if m.strip():
                kept[m.strip()] = event_id
    det = detections.assign(event_id=detections["event_id"].map(kept)).dropna(subset=["event_id"])
    if rounds is not None and not rounds.empty:
        # the region is compared by the gazetteer, whatever name each table uses for it: the region the
        # events share (every event of the region studied names it)
        named = [set(gazetteer.ru_region_keys(v)) for v in events["ru_region"].unique()]
        shared = set.intersection(*named) if named else set()
        used = rounds.loc[rounds["ru_region"].map(lambda v: bool(shared & set(gazetteer.ru_region_keys(v)))),
                          "round"]
    else:
        used = det["round"]
    rows = []
    in_window = events["year"].astype("int64").between(start_year, end_year)
    for scope, ids in (("all years", events["event_id"]),
                       (f"{start_year}-{end_year}", events.loc[in_window, "event_id"])):
        rows.append({"scope": scope, **chao2(incidence(det, ids, used))})
    return pd.DataFrame(rows, columns=["scope", *COLUMNS])


#: The direction in which each failed assumption biases the estimate; said wherever the share is reported.
BIAS_WORDS = ("This is an estimate, not a bound: rounds that search for the same kind of event, and rounds that "
              "re-find known events by name, inflate re-finding and bias the estimate of the missing events down "
              "(the share found up), as do events hard to find in every round; rounds aimed at different units "
              "and areas re-find less than independent samples would and bias it up (the share found down).")


def share_words(row: dict) -> str:
    """The share found with its interval, in words: 'about 67% (35-88%)'."""
    return (f"about {100 * row['share_found']:.0f}% ({100 * row['share_found_low']:.0f}-"
            f"{100 * row['share_found_high']:.0f}%)")


def completeness_sentence(row: dict) -> str:
    """Plain sentences for reports: the share of the events the pages hold that the record holds, and the
    direction in which each assumption biases it."""
    if row.get("share_found") is None:
        return "The completeness of the record cannot be estimated: no capture histories are recorded."
    return (f"Over {row['rounds']} search rounds, {row['events_found']} events were found, "
            f"{row['found_by_one_round']} of them by one round only; the Chao2 estimate puts the events "
            f"the searched pages hold at {row['estimated_events']:.0f} (95% interval "
            f"{row['estimated_events_low']:.0f}-{row['estimated_events_high']:.0f}), so the record holds "
            f"{share_words(row)} of them. {BIAS_WORDS}")
