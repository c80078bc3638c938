"""Capture-recapture estimate of how complete the record is (Chao2), on made-up capture histories."""

import math

import pandas as pd
import pytest

from regional_ties import completeness


def _table(histories):
    """A fixture incidence table: one list of 0/1 per event, one column per round."""
    rounds = [f"R{i}" for i in range(len(histories[0]))]
    return pd.DataFrame(histories, index=[f"EV{i:03d}" for i in range(len(histories))], columns=rounds)


def test_chao2_matches_a_hand_computation():
    # three events found by one round, one by two, one by all three; m = 3 rounds
    t = _table([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 1, 1]])
    r = completeness.chao2(t)
    assert (r["events_found"], r["found_by_one_round"], r["found_by_two_rounds"], r["rounds"]) == (5, 3, 1, 3)
    # unseen = (2/3) * 3 * 2 / (2 * 2) = 1
    assert r["estimated_events"] == 6.0
    var = 1.0 + (4 / 9) * 3 * 25 / 16 + (4 / 9) * 9 * 4 / (4 * 16)
    k = math.exp(1.96 * math.sqrt(math.log(1 + var)))
    assert r["estimated_events_low"] == round(5 + 1 / k, 2)
    assert r["estimated_events_high"] == round(5 + k, 2)
    assert r["share_found"] == round(5 / 6, 4)
    assert r["share_found_low"] < r["share_found"] < r["share_found_high"] <= 1


def test_every_event_found_twice_or_more_means_nothing_unseen():
    r = completeness.chao2(_table([[1, 1, 0], [0, 1, 1], [1, 1, 1]]))
    assert r["estimated_events"] == 3.0
    assert r["estimated_events_low"] == r["estimated_events_high"] == 3.0
    assert r["share_found"] == 1.0


def test_more_singletons_mean_more_unseen_events():
    few = completeness.chao2(_table([[1, 0], [0, 1], [1, 1], [1, 1]]))
    many = completeness.chao2(_table([[1, 0], [0, 1], [1, 0], [0, 1], [1, 1]]))
    assert many["estimated_events"] - many["events_found"] > few["estimated_events"] - few["events_found"]


def test_one_round_cannot_estimate():
    r = completeness.chao2(_table([[1], [1]]))
    assert r["estimated_events"] is None and r["share_found"] is None


def test_an_event_without_capture_history_is_an_error():
    det = pd.DataFrame({"event_id": ["EV001"], "round": ["A"]})
    with pytest.raises(ValueError, match=r"detections.csv.*EV002"):
        completeness.incidence(det, ["EV001", "EV002"], ["A", "B"])


def test_table_counts_merged_rows_for_the_row_kept_and_splits_the_window():
    events = pd.DataFrame({"event_id": ["EV001", "EV002", "EV003"], "year": [2014, 2016, 2018],
                           "merged_event_ids": ["", "EV009", ""], "ru_region": ["Sverdlovsk region"] * 3})
    det = pd.DataFrame({"event_id": ["EV001", "EV002", "EV009", "EV003", "EV003"],
                        "round": ["A", "A", "B", "B", "C"]})
    # the region by any of its names (the gazetteer compares them); round X searched another region
    rounds = pd.DataFrame({"round": ["A", "B", "C", "X"],
                           "ru_region": ["Sverdlovsk region", "Свердловская область", "Sverdlovsk",
                                         "Chelyabinsk region"]})
    t = completeness.completeness_table(events, det, rounds, 2015, 2020)
    assert list(t["scope"]) == ["all years", "2015-2020"]
    allyears, window = t.iloc[0], t.iloc[1]
    assert allyears["rounds"] == 3  # round X searched another region
    assert (allyears["events_found"], allyears["found_by_one_round"], allyears["found_by_two_rounds"]) == (3, 1, 2)
    assert window["events_found"] == 2 and window["found_by_one_round"] == 0


def test_sentence_names_the_share():
    row = {"rounds": 3, "events_found": 5, "found_by_one_round": 3, "estimated_events": 6.0,
           "estimated_events_low": 5.1, "estimated_events_high": 15.7, "share_found": 0.8333,
           "share_found_low": 0.318, "share_found_high": 0.98}
    s = completeness.completeness_sentence(row)
    assert "83%" in s and "3 search rounds" in s
    assert "cannot be estimated" in completeness.completeness_sentence({"share_found": None})


def test_sentence_says_the_estimate_is_not_a_bound_and_which_way_each_assumption_biases_it():
    row = {"rounds": 3, "events_found": 5, "found_by_one_round": 3, "estimated_events": 6.0,
           "estimated_events_low": 5.1, "estimated_events_high": 15.7, "share_found": 0.8333,
           "share_found_low": 0.318, "share_found_high": 0.98}
    s = completeness.completeness_sentence(row)
    assert "at most" not in s and "upper bound" not in s and "lower bound" not in s
    assert "holds about 83% (32-98%) of them" in s
    assert "not a bound" in s
    assert "same kind of event" in s and "by name" in s and "(the share found up)" in s
    assert "different units and areas" in s and "(the share found down)" in s
    assert completeness.share_words(row) == "about 83% (32-98%)"
