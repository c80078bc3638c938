"""Dates known only as bounds: the Extended Date/Time Format (EDTF, Library of Congress) as the contract uses it.

A legal document's `signed`, `in_force_from` and `in_force_to` may be known to the day, or only as
"on or before" a day, as "some time between" two dates, or as an uncertain year. Each accepted form is
read into the earliest and the latest day it allows; an open side is unbounded (None).

Accepted forms (each date part is YYYY, YYYY-MM or YYYY-MM-DD):

* a plain date: `2014`, `2014-02`, `2014-02-10` (earliest: its first day; latest: its last day);
* a date marked uncertain `?`, approximate `~` or both `%`: `2014?` -- the bounds widen by one unit of
  the date's precision on each side (`2014?`: 2013-01-01 to 2015-12-31; `2014-02?`: January to March 2014);
* on or before / on or after: `../2014-02-10` or `[..2014-02-10]`; `2014-02-10/..` or `[2014-02-10..]`;
* an interval, "some time between": `2017/2019`, `2016-09/2017-03`;
* one of a set: `[2014, 2016]` (earliest of the first, latest of the last).

The `edtf` package checks that the text is valid EDTF; the bounds are computed here so that the
widening of uncertain dates is the study's stated rule rather than a library default.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import edtf
import numpy as np
import pandas as pd

ACCEPTED = (
    "YYYY, YYYY-MM or YYYY-MM-DD, optionally marked uncertain (2014?) or approximate (2014~); "
    "on or before ../2014-02-10 or [..2014-02-10]; on or after 2014-02-10/.. or [2014-02-10..]; "
    "an interval 2017/2019; one of a set [2014, 2016]"
)
_PART = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?")
_OPEN = ("..", "")


def _part(text: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day of one date part; raises ValueError if it is not a real date."""
    m = _PART.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    y = int(m["y"])
    if m["d"]:
        lo = hi = dt.date(y, int(m["m"]), int(m["d"]))
        step = "day"
    elif m["m"]:
        month = int(m["m"])
        if not 1 <= month <= 12:
            raise ValueError(text)
        lo, hi = dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1])
        step = "month"
    else:
        lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
        step = "year"
    if m["q"]:
        lo, hi = _widen(lo, hi, step)
    return lo, hi


def _widen(lo: dt.date, hi: dt.date, step: str) -> tuple[dt.date, dt.date]:
    if step == "day":
        return lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    if step == "month":
        prev = (lo.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        nxt = hi + dt.timedelta(days=1)
        return prev, nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
    return dt.date(lo.year - 1, 1, 1), dt.date(hi.year + 1, 12, 31)


def bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """(earliest, latest) day that an accepted form allows; None for an open side.

    Raises ValueError naming what was expected if the text is not one of the accepted forms.
    """
    t = text.strip()
    try:
        edtf.parse_edtf(t)
    except Exception as err:  # noqa: BLE001 - the package raises several kinds for invalid text
        raise ValueError(f"an EDTF date: {ACCEPTED}") from err
    try:
        if t.startswith("[") and t.endswith("]"):
            inner = t[1:-1].strip()
            if inner.startswith(".."):
                return None, _part(inner[2:])[1]
            if inner.endswith(".."):
                return _part(inner[:-2])[0], None
            parts = [_part(p) for p in inner.split(",")]
            return min(p[0] for p in parts), max(p[1] for p in parts)
        if "/" in t:
            a, b = (x.strip() for x in t.split("/", 1))
            lo = None if a in _OPEN else _part(a)[0]
            hi = None if b in _OPEN else _part(b)[1]
            if lo is not None and hi is not None and hi < lo:
                raise ValueError("reversed")
            return lo, hi
        return _part(t)
    except ValueError as err:
        raise ValueError(f"an EDTF date: {ACCEPTED}") from err


def is_valid(text: str) -> bool:
    try:
        bounds(text)
    except ValueError:
        return False
    return True


def iso(day: dt.date | None) -> str:
    """A bound as ISO text; an open side as the empty string."""
    return "" if day is None else day.isoformat()


def bound_years(docs: pd.DataFrame) -> pd.DataFrame:
    """The four validity bounds of processed legal documents as years (floats; +-inf where unbounded).

    Reads the columns written by clean.force_bounds: `..` is an open side (towards the past for the
    earliest bounds and for an end known only as "on or before", towards the future otherwise); an
    empty end means open-ended (in force until now).
    """

    def year(col: str, unbounded: float, empty: float) -> pd.Series:
        s = docs[col].astype(str).replace("nan", "")
        out = pd.to_numeric(s.str.slice(0, 4).where(~s.isin(["", ".."])), errors="coerce").astype(float)
        out[s == ".."] = unbounded
        out[s == ""] = empty
        return out

    return pd.DataFrame(
        {
            "start_earliest": year("start_earliest", -np.inf, -np.inf),
            "start_latest": year("start_latest", np.inf, np.inf),
            "end_earliest": year("end_earliest", -np.inf, np.inf),
            "end_latest": year("end_latest", np.inf, np.inf),
        },
        index=docs.index,
    )
