import math

import pandas as pd

from regional_ties import stats


def test_herfindahl():
    assert stats.herfindahl([5, 5]) == 0.5
    assert stats.herfindahl([10]) == 1.0
    assert math.isnan(stats.herfindahl([0, 0]))


def test_count_share_keeps_zero_categories_in_order():
    t = stats.count_share(pd.Series(["b", "b", "a"]), ["a", "b", "c"], "x")
    assert t["x"].tolist() == ["a", "b", "c"]
    assert t["events"].tolist() == [1, 2, 0]
    assert t["share"].tolist() == [0.3333, 0.6667, 0.0]


def test_by_unit_lists_every_unit_ranked():
    ev = pd.DataFrame({"kz_unit": ["kostanay", "kostanay", "astana", "national"]})
    t = stats.by_unit(ev)
    assert len(t) == 18
    assert t["kz_unit"].tolist()[:3] == ["kostanay", "national", "astana"] or t.loc[0, "kz_unit"] == "kostanay"
    assert t.loc[0, "events"] == 2


def test_concentration_counts_units_without_events():
    ev = pd.DataFrame({"kz_unit": ["kostanay"] * 3 + ["national"], "area": ["education"] * 4})
    c = stats.concentration(ev).set_index("measure")["value"]
    assert c["units with no event (of 17)"] == 16
    assert c["Herfindahl index over the 17 units"] == 1.0
    assert c["share of the top five units"] == 1.0


def test_analysis_events_uses_the_flag():
    ev = pd.DataFrame({"in_analysis": ["True", "False", "True"], "x": [1, 2, 3]})
    assert stats.analysis_events(ev)["x"].tolist() == [1, 3]
