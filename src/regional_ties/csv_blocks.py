"""A large CSV file read by pandas' C parser, when its bytes show that it reads as Python's csv module reads it.

load.py reads CSV with Python's csv module in strict mode: a quote left open, or text after a closing
quote, is an error with its line, and a record with too few or too many fields is reported. That reader
makes a Python list per record, which at a million records costs seconds and gigabytes. pandas' C parser
is much faster but forgiving: it pads a short record, cuts a long one and reads `"a"b` as `ab`.

So the C parser is used only for a file whose bytes pass these checks, made with numpy over blocks of
whole lines: every line, the header's included, holds exactly the header's number of fields (separators
outside quotes); no quoted field spans lines; every quote opens a field at its start, doubles a quote
inside a quoted field, or closes the field just before a separator or the end of the line; no carriage
return stands outside a Windows line ending and no NUL byte occurs. Such a file is read alike by both
parsers: one record per line, in order, so the record read from line i + 1 is the i-th. Any file that fails
a check is left to the csv module, which names each problem.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

BLOCK = 1 << 24  # bytes per block of whole lines
QUOTE, NEWLINE, RETURN = ord('"'), ord("\n"), ord("\r")


def _quote_runs_well_formed(b: np.ndarray, quotes: np.ndarray, sep: int) -> bool:
    """Within a block of whole lines with no quoted newline: every run of quotes opens, doubles or closes.

    A run of k quotes outside a quoted field must start a field and leaves it open when k is odd; a run inside
    one keeps it open when k is even. A run that leaves the field closed must stand before a separator or
    the end of its line."""
    brk = np.flatnonzero(np.diff(quotes) != 1) + 1
    first = np.concatenate(([0], brk))
    start = quotes[first]
    end = quotes[np.concatenate((brk - 1, [len(quotes) - 1]))]
    k = end - start + 1
    inside = (first % 2).astype(bool)  # quotes before the run, counted from the block's start (lines start even)
    prev = np.where(start > 0, b[np.maximum(start - 1, 0)], NEWLINE)
    after = np.where(end + 1 < len(b), b[np.minimum(end + 1, len(b) - 1)], NEWLINE)
    at_field_start = (prev == sep) | (prev == NEWLINE)
    closes = np.where(inside, k % 2 == 1, k % 2 == 0)
    before_end = (after == sep) | (after == NEWLINE) | (after == RETURN)
    return not ((~inside & ~at_field_start).any() or (closes & ~before_end).any())


def count_records(raw: bytes, sep: str, n_fields: int, offset: int = 0) -> int | None:
    """The number of lines after the header in `raw[offset:]` if every line is one well-formed record of
    `n_fields` fields (trailing line endings ignored), else None."""
    a = np.frombuffer(raw, dtype=np.uint8)
    last = len(a)
    while last > offset and a[last - 1] in (NEWLINE, RETURN):
        last -= 1
    if last == offset or n_fields < 2:
        return None
    if raw.find(b"\x00", offset) != -1 or raw.count(b"\r", offset) != raw.count(b"\r\n", offset):
        return None
    has_quotes = raw.find(b'"', offset) != -1
    s = ord(sep)
    lines = 0
    start = offset
    while start < last:
        stop = raw.find(b"\n", min(start + BLOCK, last), last)
        stop = last if stop == -1 else stop + 1  # the block ends after a newline, or at the last character
        b = a[start:stop]
        ends = np.flatnonzero(b == NEWLINE)
        if stop == last:
            ends = np.append(ends, len(b))  # the last line has no newline of its own
        is_sep = b == s
        if has_quotes:
            is_quote = b == QUOTE
            inside = (np.cumsum(is_quote, dtype=np.uint8) & 1).astype(bool)  # after each byte; parity only
            if inside[ends[ends < len(b)]].any() or inside[-1]:
                return None  # a quoted field runs over the end of its line
            quotes = np.flatnonzero(is_quote)
            if len(quotes) and not _quote_runs_well_formed(b, quotes, s):
                return None
            is_sep &= ~inside
        seps = np.flatnonzero(is_sep)
        per_line = np.diff(np.searchsorted(seps, ends), prepend=0)
        if (per_line != n_fields - 1).any():
            return None
        lines += len(ends)
        start = stop
    return lines - 1


def read_records(source: bytes | Path, sep: str, header_fields: int, records: int | None = None
                 ) -> pd.DataFrame | None:
    """The records after the header as text cells (columns 0 .. header_fields - 1), read by the C parser, or
    None if the bytes do not show that it reads them as the csv module would.

    `records`: the count that count_records already gave for the file at `source` (a path: the parser then
    reads the file in chunks, and its bytes need not stay in memory)."""
    if records is None:
        if isinstance(source, Path):
            source = source.read_bytes()
        records = count_records(source, sep, header_fields, offset=3 if source.startswith(b"\xef\xbb\xbf") else 0)
    if records is None:
        return None
    if records == 0:
        return pd.DataFrame({i: pd.Series([], dtype=object) for i in range(header_fields)})
    try:
        frame = pd.read_csv(source if isinstance(source, Path) else io.BytesIO(source), sep=sep, header=None,
                            skiprows=1, names=list(range(header_fields)), index_col=False, dtype=object,
                            na_filter=False,
                            skip_blank_lines=True,  # trailing blank lines only: count_records refused others
                            quoting=csv.QUOTE_MINIMAL, quotechar='"', doublequote=True, escapechar=None,
                            comment=None, engine="c", encoding="utf-8-sig", encoding_errors="strict")
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError):
        return None
    return frame if len(frame) == records else None
