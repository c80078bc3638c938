"""Column-wide work computed once per distinct value, and the joining of grouped values.

A compilation holds far fewer distinct dates, place names and codes than events: text checks and
transformations (the gazetteer, date parsing) are evaluated on the distinct values of a column and
broadcast back to every row.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

SAMPLE = 10_000


def per_value(values: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`func(values)`, evaluated on the distinct values only. `func` maps a Series to a Series of the same length.

    A column whose first rows are mostly distinct (ids, URLs, summaries) gains nothing from it: `func` then runs
    on the whole column, with the same result."""
    if len(values) > SAMPLE and values.iloc[:SAMPLE].nunique(dropna=False) > SAMPLE // 2:
        return func(values)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    distinct = pd.Series(uniques, dtype=values.dtype if values.dtype != object else object)
    result = func(distinct)
    return pd.Series(np.asarray(result)[codes], index=values.index,
                     dtype=result.dtype if isinstance(result, pd.Series) else None)


def per_row_value(frame: pd.DataFrame, func: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    """`func(frame)`, evaluated on the distinct rows only (e.g. distinct (date, precision) pairs)."""
    codes = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy()
    distinct = frame.drop_duplicates().reset_index(drop=True)
    result = func(distinct)
    return result.iloc[codes].set_index(frame.index)


def join_per_group(group_start: np.ndarray, values: np.ndarray, sep: str) -> np.ndarray:
    """Join the values of consecutive rows of each group with `sep`; `group_start` marks each group's first row."""
    values = np.asarray(values, dtype=object)
    group = np.cumsum(np.asarray(group_start, dtype=bool)) - 1
    if not len(values):
        return values
    return pd.Series(values, dtype=object).groupby(group, sort=True).agg(sep.join).to_numpy(dtype=object)
