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
