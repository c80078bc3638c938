"""Work once per distinct value gives exactly what the same work on every row gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regional_ties import columnar
from regional_ties.load import check_dates


@pytest.mark.parametrize("n", [columnar.SAMPLE - 1, columnar.SAMPLE, columnar.SAMPLE + 1])
@pytest.mark.parametrize("distinct", [3, 10**6])
def test_per_value_equals_the_function_on_every_row(n, distinct):
    values = pd.Series([f" v{i % distinct} " for i in range(n)], dtype=object, index=np.arange(n) * 2)

    def func(u):
        return u.str.strip().str.upper()

    got = columnar.per_value(values, func)
    pd.testing.assert_series_equal(got, func(values), check_dtype=False)


def test_per_value_keeps_missing_values_apart_from_text():
    values = pd.Series(["a", None, "a", "nan"], dtype=object)
    assert columnar.per_value(values, lambda u: u.isna()).tolist() == [False, True, False, False]


def test_per_row_value_broadcasts_each_distinct_row():
    frame = pd.DataFrame({"date": ["2019", "2019", "2019-05", "2019"], "p": ["year", "year", "month", "day"]},
                         index=[10, 11, 12, 13])
    calls = []

    def func(distinct):
        calls.append(len(distinct))
        return pd.DataFrame({"key": distinct["date"] + "/" + distinct["p"]})

    got = columnar.per_row_value(frame, func)
    assert calls == [3]
    assert got["key"].tolist() == ["2019/year", "2019/year", "2019-05/month", "2019/day"]
    assert got.index.tolist() == [10, 11, 12, 13]


def test_join_per_group_joins_consecutive_rows_in_order():
    start = np.array([True, False, False, True, True, False])
    values = np.array(["a", "b", "c", "d", "e", "f"], dtype=object)
    assert columnar.join_per_group(start, values, " ; ").tolist() == ["a ; b ; c", "d", "e ; f"]
    assert columnar.join_per_group(np.array([], dtype=bool), np.array([], dtype=object), ";").tolist() == []


def test_date_checks_are_the_same_on_a_column_of_many_repeats():
    good, bad = ["2019", "2019-02", "2020-02-29", ""], ["2019-02-30", "2019-13", "19", "2019-1-1"]
    values = pd.Series((good + bad) * 5000, dtype=object)  # above the sample: the distinct-value path
    flagged = check_dates(values)
    assert flagged.tolist() == ([False] * 4 + [True] * 4) * 5000


# ----------------------------------------------------------------------------- questions answered over a column's text


def _random_values(rng, alphabet, n):
    return pd.Series(["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(n)],
                     dtype=object)


@pytest.mark.parametrize("seed", range(3))
def test_join_per_group_joins_groups_of_any_size_in_order(seed):
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 5, 8, 33, 200], size=60)
    values = np.array([f"v{i}" for i in range(sizes.sum())], dtype=object)
    start = np.zeros(len(values), dtype=bool)
    start[np.r_[0, np.cumsum(sizes)[:-1]]] = True
    bounds = np.r_[0, np.cumsum(sizes)]
    expected = [";".join(values[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    assert columnar.join_per_group(start, values, ";").tolist() == expected
