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


def test_incidence_keeps_only_the_events_and_rounds_asked_for_and_counts_a_round_once():
    det = pd.DataFrame({"event_id": ["EV002", "EV001", "EV001", "EV003", "EV001"],
                        "round": ["B", "A", "A", "A", "Z"]})
    t = completeness.incidence(det, ["EV002", "EV001"], ["B", "A", "C"])
    assert t.index.tolist() == ["EV001", "EV002"] and t.columns.tolist() == ["A", "B", "C"]
    assert t.to_numpy().tolist() == [[1, 0, 0], [0, 1, 0]]  # EV001 twice in A: once; Z and EV003 left out
    assert str(t.dtypes.iloc[0]) == "int64"


def test_incidence_refuses_an_event_reached_only_by_rounds_not_asked_for():
    det = pd.DataFrame({"event_id": ["EV001", "EV002"], "round": ["A", "Z"]})
    with pytest.raises(ValueError, match="EV002"):
        completeness.incidence(det, ["EV001", "EV002"], ["A"])


def test_chao2_variance_with_two_doubletons_and_rounding():
    # q1 = 3, q2 = 2, m = 4, s_obs = 6
    t = _table([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1], [1, 1, 1, 0]])
    r = completeness.chao2(t)
    a, q1, q2 = 0.75, 3, 2
    unseen = a * q1 * (q1 - 1) / (2 * (q2 + 1))
    var = (unseen + a ** 2 * q1 * (2 * q1 - 1) ** 2 / (4 * (q2 + 1) ** 2)
           + a ** 2 * q1 ** 2 * q2 * (q1 - 1) ** 2 / (4 * (q2 + 1) ** 4))
    k = math.exp(1.96 * math.sqrt(math.log(1 + var / unseen ** 2)))
    assert r["estimated_events"] == round(6 + unseen, 2) == 6.75
    assert r["estimated_events_low"] == round(6 + unseen / k, 2)
    assert r["estimated_events_high"] == round(6 + unseen * k, 2)
    assert r["share_found"] == round(6 / 6.75, 4)
    assert r["share_found_low"] == round(6 / (6 + unseen * k), 4)
    assert r["share_found_high"] == round(6 / (6 + unseen / k), 4)


def test_chao2_counts_only_events_some_round_reached():
    r = completeness.chao2(_table([[1, 0], [0, 1], [1, 1], [0, 0]]))
    assert r["events_found"] == 3 and r["found_by_one_round"] == 2 and r["found_by_two_rounds"] == 1


def test_chao2_with_one_event_found_estimates():
    r = completeness.chao2(_table([[1, 0]]))
    assert r["events_found"] == 1 and r["estimated_events"] == 1.0 and r["share_found"] == 1.0


def test_chao2_of_nothing_found_is_not_estimated():
    r = completeness.chao2(_table([[0, 0], [0, 0]]))
    assert r["events_found"] == 0 and all(r[c] is None for c in completeness.COLUMNS[4:])


def _events():
    return pd.DataFrame({"event_id": ["EV001", "EV002"], "year": ["2014", "2016"],
                         "merged_event_ids": ["EV008;EV009", ""], "ru_region": ["Sverdlovsk region"] * 2})


@pytest.mark.parametrize("det", [None, pd.DataFrame(columns=["event_id", "round"])])
def test_table_without_capture_histories_is_empty(det):
    t = completeness.completeness_table(_events(), det, None, 2015, 2020)
    assert t.empty and t.columns.tolist() == ["scope", *completeness.COLUMNS]


def test_table_without_rounds_uses_every_round_of_the_detections():
    det = pd.DataFrame({"event_id": ["EV009", "EV002", "EV002", "EV777"], "round": ["A", "A", "B", "C"]})
    t = completeness.completeness_table(_events(), det, None, 2015, 2020)
    assert t.columns.tolist() == ["scope", *completeness.COLUMNS]
    allyears, window = t.iloc[0].to_dict(), t.iloc[1].to_dict()
    # EV009 counts for EV001 (merged into it); EV777 is no event of the region: its round C reached nothing here
    assert (allyears["events_found"], allyears["rounds"]) == (2, 2)
    assert (allyears["found_by_one_round"], allyears["found_by_two_rounds"]) == (1, 1)
    assert window["scope"] == "2015-2020" and window["events_found"] == 1


def test_share_words_round_each_end():
    row = {"share_found": 0.666, "share_found_low": 0.347, "share_found_high": 0.884}
    assert completeness.share_words(row) == "about 67% (35-88%)"


def test_sentence_without_estimate_says_so_exactly():
    assert completeness.completeness_sentence({"share_found": None}) == (
        "The completeness of the record cannot be estimated: no capture histories are recorded.")
    assert completeness.completeness_sentence({}) == completeness.completeness_sentence({"share_found": None})
