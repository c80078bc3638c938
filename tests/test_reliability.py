import math

import numpy as np
import pandas as pd
import pytest

from regional_ties.reliability import coding_agreement, krippendorff_alpha


def test_alpha_hand_computed_example():
    # pairs (a,a) (a,b) (b,b) (b,b): o_aa=2, o_ab=o_ba=1, o_bb=4; n=8
    # D_o = 2/8, D_e = (64 - 9 - 25) / 56, alpha = 1 - D_o / D_e = 0.5333...
    a = pd.Series(["a", "a", "b", "b"])
    b = pd.Series(["a", "b", "b", "b"])
    assert krippendorff_alpha(a, b) == pytest.approx(1 - 0.25 / (30 / 56))


def test_alpha_perfect_and_undefined():
    s = pd.Series(["x", "y", "x"])
    assert krippendorff_alpha(s, s) == 1.0
    assert math.isnan(krippendorff_alpha(pd.Series(["x", "x"]), pd.Series(["x", "x"])))


def test_coding_agreement_compares_units_through_the_gazetteer():
    first = pd.DataFrame({"event_id": ["E1", "E2", "E3"], "area": ["arts", "education", "youth"],
                          "kz_region": ["Костанайская область", "Astana", "Almaty"],
                          "ru_actor_kind": ["ngo"] * 3, "kz_actor_kind": ["ngo"] * 3, "format": ["online"] * 3})
    second = first.assign(kz_region=["Kostanay", "Nur-Sultan", "Almaty"], area=["arts", "youth", "youth"])
    table, dis = coding_agreement(first, second, n_boot=50, seed=2015)
    t = table.set_index("field")
    assert t.loc["kz_region", "agreement"] == 1.0
    assert t.loc["area", "agreement"] == pytest.approx(2 / 3, abs=1e-4)
    assert dis.to_dict("records") == [{"event_id": "E2", "field": "area", "first": "education", "second": "youth"}]


def test_alpha_agrees_with_the_krippendorff_package_on_the_study_codings():
    import krippendorff
    import numpy as np

    from regional_ties import gazetteer
    from regional_ties.load import read_raw

    from .conftest import ROOT

    t = read_raw(ROOT / "data" / "raw")
    first = t["coding_first"].set_index("event_id")
    second = t["coding_check"].set_index("event_id").loc[first.index]
    for field in ("area", "kz_region", "ru_actor_kind", "kz_actor_kind", "format"):
        a, b = first[field], second[field]
        if field == "kz_region":
            a, b = a.map(gazetteer.normalize_region), b.map(gazetteer.normalize_region)
        cats = sorted(set(a) | set(b))
        data = np.array([[cats.index(x) for x in a], [cats.index(x) for x in b]], dtype=float)
        ours = krippendorff_alpha(a.reset_index(drop=True), b.reset_index(drop=True))
        if np.isnan(ours):
            continue
        assert ours == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def test_a_missing_code_is_left_out_not_counted_as_a_category():
    import krippendorff
    import numpy as np

    a = pd.Series(["a", "a", "b", "b", "c", "", "b"])
    b = pd.Series(["a", "b", "b", "b", "c", "a", ""])
    expected = krippendorff.alpha(reliability_data=[[0, 0, 1, 1, 2, np.nan, 1], [0, 1, 1, 1, 2, 0, np.nan]],
                                  level_of_measurement="nominal")
    assert krippendorff_alpha(a, b) == pytest.approx(expected)
    assert krippendorff_alpha(a.replace("", None), b.replace("", None)) == pytest.approx(expected)
    assert math.isnan(krippendorff_alpha(pd.Series(["", ""]), pd.Series(["a", ""])))


def test_alpha_interval_is_a_95_percent_interval():
    from regional_ties.reliability import alpha_interval

    rng = np.random.default_rng(0)
    a = pd.Series(rng.choice(list("abc"), 60))
    b = a.where(rng.random(60) < 0.7, pd.Series(rng.choice(list("abc"), 60)))
    alpha, lo, hi = alpha_interval(a, b, n_boot=400, seed=5)
    # the same resamples by hand: 2.5th and 97.5th percentiles
    from regional_ties.reliability import _alpha_from_pairs, _pairable_codes

    x, y, k = _pairable_codes(a, b)
    idx = np.random.default_rng(5).integers(0, 60, size=(400, 60))
    boots = np.array([_alpha_from_pairs(x[i], y[i], k) for i in idx])
    assert (lo, hi) == pytest.approx(tuple(np.nanpercentile(boots, [2.5, 97.5])))
    assert lo < alpha < hi


def _codings(n_region_window, n_other):
    """Fixture codings: the first n_region_window events agree on every field but one disagreement in area; the
    others disagree on area often."""
    ids = [f"E{i}" for i in range(n_region_window + n_other)]
    areas = (["arts", "education", "youth", "media"] * 20)[: len(ids)]
    first = pd.DataFrame({"event_id": ids, "area": areas, "kz_region": ["Kostanay"] * len(ids),
                          "ru_actor_kind": ["ngo", "university"] * (len(ids) // 2) + ["ngo"] * (len(ids) % 2),
                          "kz_actor_kind": ["ngo"] * len(ids), "format": ["online"] * len(ids)})
    second = first.copy()
    second.loc[n_region_window:, "area"] = "other"
    second.loc[0, "area"] = "youth" if first.loc[0, "area"] != "youth" else "arts"
    return first, second


def test_alpha_is_given_pooled_and_for_the_analysed_events():
    from regional_ties.reliability import ANALYSED, POOLED

    first, second = _codings(12, 8)
    table, dis = coding_agreement(first, second, n_boot=200, seed=2015,
                                  analysed=[f"E{i}" for i in range(12)] + ["NOT_CODED"])
    assert list(table["scope"]) == [POOLED] * 5 + [ANALYSED] * 5
    pooled = table[table["scope"] == POOLED].set_index("field")
    analysed = table[table["scope"] == ANALYSED].set_index("field")
    assert (pooled["n"] == 20).all() and (analysed["n"] == 12).all()
    assert analysed.loc["area", "agreement"] == pytest.approx(11 / 12, abs=1e-4)
    assert pooled.loc["area", "agreement"] == pytest.approx(11 / 20, abs=1e-4)
    assert analysed.loc["area", "alpha"] > pooled.loc["area", "alpha"]
    assert analysed.loc["area", "alpha"] == pytest.approx(
        krippendorff_alpha(first["area"][:12], second["area"][:12]), abs=1e-4)
    assert len(dis) == 9  # the disagreements are listed once, over every event coded twice


def test_without_analysed_ids_only_the_pooled_figure():
    from regional_ties.reliability import POOLED

    first, second = _codings(6, 4)
    table, _ = coding_agreement(first, second, n_boot=50, seed=2015)
    assert set(table["scope"]) == {POOLED} and len(table) == 5


def test_analysed_ids_are_the_flagged_rows_and_the_rows_merged_into_them():
    from regional_ties.reliability import analysed_event_ids

    processed = pd.DataFrame({"event_id": ["E1", "E2", "E3", "E4"], "merged_event_ids": ["E9; E8", "", "E7", ""],
                              "in_analysis": ["True", "False", "True", "true"]})
    assert analysed_event_ids(processed) == ["E1", "E9", "E8", "E3", "E7", "E4"]


@pytest.mark.parametrize(("low_shift", "meets"), [(0.0, True), (-0.0001, False), (0.0001, True)])
def test_target_is_met_when_the_lower_end_reaches_it(monkeypatch, low_shift, meets):
    from regional_ties import reliability

    first, second = _codings(6, 0)
    lo = 0.5
    monkeypatch.setattr(reliability, "alpha_interval", lambda a, b, *, n_boot, seed: (0.9, lo + low_shift, 0.99))
    monkeypatch.setattr(reliability, "TARGETS", dict.fromkeys(reliability.FIELDS, lo))
    table, _ = reliability.coding_agreement(first, second, n_boot=10, seed=2015)
    assert (table["meets_target"] == meets).all()


def test_study_targets_are_krippendorffs():
    from regional_ties.reliability import TARGETS

    assert TARGETS == {"area": 0.8, "kz_region": 0.8, "ru_actor_kind": 0.667, "kz_actor_kind": 0.667,
                       "format": 0.667}


def test_an_undefined_interval_never_meets_its_target():
    first = pd.DataFrame({"event_id": ["E1", "E2"], "area": ["arts", "arts"], "kz_region": ["Kostanay"] * 2,
                          "ru_actor_kind": ["ngo"] * 2, "kz_actor_kind": ["ngo"] * 2, "format": ["online"] * 2})
    table, _ = coding_agreement(first, first.copy(), n_boot=20, seed=2015)
    assert not table["meets_target"].any()  # one category only: alpha undefined


def test_each_row_holds_its_fields_interval_rounded_to_four_places_with_the_seed_given():
    from regional_ties.reliability import FIELDS, TARGETS, alpha_interval

    first, second = _codings(12, 8)
    table, _ = coding_agreement(first, second, n_boot=200, seed=7)
    t = table.set_index("field")
    assert list(t.index) == list(FIELDS)
    for field in FIELDS:
        alpha, lo, hi = alpha_interval(first[field], second[field], n_boot=200, seed=7)
        assert (t.loc[field, "alpha"], t.loc[field, "alpha_low"], t.loc[field, "alpha_high"]) == (
            round(alpha, 4), round(lo, 4), round(hi, 4)) or math.isnan(alpha)
        assert t.loc[field, "target"] == TARGETS[field]
    assert t.loc["area", "alpha_low"] < t.loc["area", "alpha"] < t.loc["area", "alpha_high"]
    assert t.loc["area", "agreement"] == 0.55  # 11 / 20
    table2, _ = coding_agreement(first, second, n_boot=200, seed=7)
    pd.testing.assert_frame_equal(table, table2)


def test_agreement_is_rounded_to_four_places():
    first = pd.DataFrame({"event_id": ["E1", "E2", "E3"], "area": ["arts", "education", "youth"],
                          "kz_region": ["Kostanay"] * 3, "ru_actor_kind": ["ngo"] * 3, "kz_actor_kind": ["ngo"] * 3,
                          "format": ["online"] * 3})
    table, _ = coding_agreement(first, first.assign(area=["arts", "youth", "youth"]), n_boot=20, seed=1)
    assert table.set_index("field").loc["area", "agreement"] == 0.6667


def test_one_unit_in_disagreement_gives_alpha_zero():
    # pairs (a,b) and (b,a): n = 2, D_o = 1, D_e = (4 - 2) / 2 = 1, alpha = 1 - 1 / 1 = 0
    assert krippendorff_alpha(pd.Series(["a"]), pd.Series(["b"])) == 0.0


def test_no_pairable_unit_gives_no_alpha_and_no_interval():
    from regional_ties.reliability import alpha_interval

    out = alpha_interval(pd.Series(["", "a"]), pd.Series(["b", ""]), n_boot=20, seed=1)
    assert len(out) == 3 and all(math.isnan(x) for x in out)


def test_events_coded_once_only_are_left_out_and_no_disagreement_keeps_the_columns():
    first, second = _codings(4, 0)
    second = second.assign(area=first["area"])
    extra = first.assign(event_id=[f"X{i}" for i in range(4)], area="media")
    table, dis = coding_agreement(pd.concat([first, extra], ignore_index=True), second, n_boot=20, seed=1)
    assert (table["n"] == 4).all() and (table["agreement"] == 1.0).all()
    assert dis.empty and list(dis.columns) == ["event_id", "field", "first", "second"]


def test_no_event_coded_twice_gives_undefined_rows_that_meet_no_target():
    first, second = _codings(3, 0)
    table, dis = coding_agreement(first, second.assign(event_id=["Y1", "Y2", "Y3"]), n_boot=20, seed=1)
    assert (table["n"] == 0).all() and table["alpha"].isna().all() and table["agreement"].isna().all()
    assert not table["meets_target"].any() and dis.empty


def test_rows_round_alpha_and_its_interval_to_four_places():
    from regional_ties.reliability import alpha_interval

    first = pd.DataFrame({"event_id": ["E1", "E2", "E3", "E4"], "area": ["a", "a", "b", "b"],
                          "kz_region": ["Kostanay"] * 4, "ru_actor_kind": ["ngo"] * 4, "kz_actor_kind": ["ngo"] * 4,
                          "format": ["online"] * 4})
    second = first.assign(area=["a", "b", "b", "b"])
    row = coding_agreement(first, second, n_boot=300, seed=3)[0].set_index("field").loc["area"]
    assert row["alpha"] == 0.5333  # the hand-computed example: 1 - 0.25 / (30 / 56)
    _, lo, hi = alpha_interval(first["area"], second["area"], n_boot=300, seed=3)
    assert (row["alpha_low"], row["alpha_high"]) == (round(lo, 4), round(hi, 4))


def test_one_pairable_unit_has_an_alpha_and_an_interval():
    from regional_ties.reliability import alpha_interval

    alpha, lo, hi = alpha_interval(pd.Series(["a"]), pd.Series(["b"]), n_boot=20, seed=1)
    assert (alpha, lo, hi) == (0.0, 0.0, 0.0)


def test_the_analysed_rows_use_the_seed_given():
    first, second = _codings(12, 8)
    analysed = [f"E{i}" for i in range(12)]
    one, _ = coding_agreement(first, second, n_boot=200, seed=11, analysed=analysed)
    two, _ = coding_agreement(first, second, n_boot=200, seed=11, analysed=analysed)
    pd.testing.assert_frame_equal(one, two)
