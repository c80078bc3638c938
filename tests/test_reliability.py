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
