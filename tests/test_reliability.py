import math

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
    table, dis = coding_agreement(first, second, n_boot=50)
    t = table.set_index("field")
    assert t.loc["kz_region", "agreement"] == 1.0
    assert t.loc["area", "agreement"] == pytest.approx(2 / 3, abs=1e-4)
    assert dis.to_dict("records") == [{"event_id": "E2", "field": "area", "first": "education", "second": "youth"}]
