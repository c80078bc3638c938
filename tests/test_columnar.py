"""Work once per distinct value gives exactly what the same work on every row gives."""

from __future__ import annotations

import random
import re

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


def test_column_text_refuses_values_with_newlines_or_not_text():
    from regional_ties.columnar import column_text

    assert column_text(pd.Series(["a", "", "b"], dtype=object)) == "a\n\nb"
    assert column_text(pd.Series(["a\nb"], dtype=object)) is None
    assert column_text(pd.Series(["a", 1], dtype=object)) is None
    assert column_text(pd.Series([], dtype=object)) == ""


@pytest.mark.parametrize("seed", range(3))
def test_strip_text_strips_as_str_strip(seed):
    from regional_ties.columnar import strip_text

    rng = random.Random(seed)
    for _ in range(300):
        values = _random_values(rng, ["a", " ", "\t", "\u00a0", "\u2003", "b"], rng.randint(0, 8))
        assert strip_text(values).tolist() == [v.strip() for v in values]


@pytest.mark.parametrize("listed", [False, True])
def test_ids_seen_valid_over_the_column_are_valid_one_by_one(listed):
    from regional_ties.load import _ID_RE, ids_all_valid

    pattern = re.compile(rf"{_ID_RE}(\s*;\s*{_ID_RE})*" if listed else _ID_RE)
    rng = random.Random(1)
    seen_valid = 0
    for _ in range(3000):
        values = _random_values(rng, ["a", "b", "1", ";", ",", " ", "\u00a0", ""], rng.randint(1, 4))
        one_by_one = all(pattern.fullmatch(v) for v in values if v)
        if ids_all_valid(values, listed=listed):
            seen_valid += 1
            assert one_by_one, values.tolist()
    assert seen_valid > 100


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


@pytest.mark.parametrize("values", [["", "a;b", ";;", "ж;ж;", "x"], ["a\nb;", "c;"], []])
def test_count_in_each_counts_as_str_count(values):
    s = pd.Series(values, dtype=object)
    assert columnar.count_in_each(s, ";").tolist() == [v.count(";") for v in values]
