"""Column-wide work computed once per distinct value.

A compilation of a million events holds a few thousand distinct dates, a few dozen place names and
codes, and a handful of actor kinds. Text checks and transformations (regular expressions, case
folding, stripping, date formatting) are evaluated on the distinct values of a column, with pandas'
vectorised methods, and broadcast back to every row with one array take: the cost grows with the
number of distinct values, not of rows, and no Python runs per row.
"""

from __future__ import annotations

import re
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
    """Join the values of consecutive rows of each group with `sep`; `group_start` marks each group's first row.

    Neighbours are joined in pairs, pairs of pairs next, and so on: a group of k values takes about log2(k)
    rounds of array operations, however large the groups, and no Python call per group."""
    values = np.asarray(values, dtype=object)
    group_start = np.asarray(group_start, dtype=bool)
    group = np.cumsum(group_start) - 1
    while len(values) > (group[-1] + 1 if len(group) else 0):
        start = np.ones(len(group), dtype=bool)
        start[1:] = group[1:] != group[:-1]
        position = np.arange(len(group)) - np.flatnonzero(start)[np.cumsum(start) - 1]
        same_next = np.zeros(len(group), dtype=bool)
        same_next[:-1] = group[1:] == group[:-1]
        left = (position % 2 == 0) & same_next  # joins the value after it
        at = np.flatnonzero(left)
        joined = values.copy()
        joined[at] = values[at] + sep + values[at + 1]
        keep = np.ones(len(values), dtype=bool)
        keep[at + 1] = False
        values, group = joined[keep], group[keep]
    return values


def count_in_each(values: pd.Series, char: str) -> np.ndarray:
    """How many times `char` (one character) occurs in each value, counted over the column's text at once."""
    text = column_text(values)
    if not len(values):
        return np.zeros(0, dtype="int64")
    if text is None:
        return values.str.count(re.escape(char)).to_numpy(dtype="int64")
    code = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    ends = np.append(np.flatnonzero(code == ord("\n")), len(code))
    return np.diff(np.searchsorted(np.flatnonzero(code == ord(char)), ends), prepend=0)


def column_text(values: pd.Series) -> str | None:
    """The column's text values joined by newlines, or None if some value is not text or holds a newline.

    A regular expression searched once over this text answers a question about every value at C speed."""
    if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
        return None
    array = values.to_numpy(dtype=object)
    try:
        text = "\n".join(array)
    except TypeError:  # a value that is not text
        return None
    return text if text.count("\n") == max(len(array) - 1, 0) else None


SPACE = re.compile(r"[^\S\n]")  # whitespace other than the newline that joins two values
_SPACE_AFTER_NEWLINE = re.compile(r"\n[^\S\n]")  # a literal first: searched at memchr speed


def has_edge_space(text: str) -> bool:
    """True if some value of a column's text (see column_text) starts or ends with whitespace."""
    if not text:
        return False
    return (text[0].isspace() or text[-1].isspace() or _SPACE_AFTER_NEWLINE.search(text) is not None
            or _SPACE_AFTER_NEWLINE.search(text[::-1]) is not None)


def strip_text(values: pd.Series) -> pd.Series:
    """Every value stripped of surrounding whitespace (as str.strip); the column as it is when no value has any."""
    text = column_text(values)
    if text is not None and not has_edge_space(text):
        return values
    return per_value(values, lambda u: u.str.strip())
