"""The comparison of two regions: differences of shares and of concentration, distances, on made-up data."""

import math

import numpy as np
import pandas as pd
import pytest

from regional_ties import comparison


def test_newcombe_matches_the_published_worked_example():
    # Newcombe (1998), table II, example (a): 56/70 vs 48/80 -> 0.2, interval 0.0524 to 0.3339
    d, lo, hi = comparison.newcombe_difference(56, 70, 48, 80)
    assert d == 0.2
    assert lo == pytest.approx(0.0524, abs=1e-4)
    assert hi == pytest.approx(0.3339, abs=1e-4)


def test_equal_shares_give_an_interval_around_zero():
    d, lo, hi = comparison.newcombe_difference(5, 10, 10, 20)
    assert d == 0 and lo < 0 < hi


def test_distance_of_one_degree_of_latitude():
    assert comparison.distance_km(50, 60, 51, 60) == pytest.approx(111.19, abs=0.01)


def test_every_kazakh_unit_and_both_regions_have_coordinates_with_a_source():
    caps = comparison.capitals()
    from regional_ties import gazetteer

    needed = {u for u in gazetteer.UNITS if u != "national"} | {"sverdlovsk", "chelyabinsk"}
    assert needed <= set(caps["key"])
    assert caps["url"].str.startswith("http").all()


def test_normalized_hhi_bounds():
    assert comparison.normalized_hhi(np.array([5, 0, 0, 0]))[()] == 1.0
    assert comparison.normalized_hhi(np.array([2, 2, 2, 2]))[()] == 0.0


def test_hhi_difference_sign_and_interval():
    concentrated, spread = np.array([10, 1, 0, 0]), np.array([3, 3, 3, 2])
    r = comparison.hhi_difference(concentrated, spread, n_boot=4000, seed=1)
    assert r["difference"] > 0 and r["low"] < r["difference"] < r["high"]
    assert r == comparison.hhi_difference(concentrated, spread, n_boot=4000, seed=1)  # deterministic


def _events(units, authorities):
    """Fixture events: one per unit, with the Russian actor an authority or not."""
    return pd.DataFrame({"kz_unit": units, "area": ["education"] * len(units),
                         "ru_actor_kind": ["regional_authority" if a else "ngo" for a in authorities],
                         "kz_actor_kind": ["ngo"] * len(units)})


def test_claim_differences_reads_the_direction():
    a = _events(["kostanay"] * 9 + ["pavlodar"], [False] * 10)
    b = _events(["pavlodar"] * 9 + ["kostanay"], [True] * 10)
    t = comparison.claim_differences(a, b, ("sverdlovsk", "chelyabinsk"), n_boot=2000, seed=2015).set_index("statistic")
    partners = t.loc["share of events with a named key partner"]
    assert partners["sverdlovsk"] == 0.9 and partners["chelyabinsk"] == 0.1
    assert partners["low"] > 0 and partners["reading"].startswith("sverdlovsk has the higher")
    within = t.loc["share of events with no authority on either side"]
    assert within["difference"] == 1.0 and within["high"] <= 1.0
    assert not math.isnan(t.loc["concentration over areas (normalised HHI)", "difference"])
