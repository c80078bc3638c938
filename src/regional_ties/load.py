"""Stage 0: read the raw tables (a folder of CSV files or one .xlsx workbook) and validate them.

Reading is reading.py (files, encodings, separators, workbooks), validating is validation.py (the
contract's checks). Every problem in every table is collected and reported at once, each naming the file,
the line, the column, the value and what was expected.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import contract
from .contract import TABLES
from .reading import LINE, SEPARATORS, TEMPLATES, Problem, RawDataError, detect_separator, read_tables  # noqa: F401
from .validation import (  # noqa: F401
    _ID_RE,
    check_dates,
    explode_ids,
    id_pairs,
    missing_detections,
    split_ids,
    uncited_sources,
    validate_references,
    validate_table,
)


def read_raw(path: str | Path) -> dict[str, pd.DataFrame]:
    """Read and validate the raw tables. Raises RawDataError listing every problem."""
    path = Path(path)
    problems: list[Problem] = []
    if not path.exists():
        raise RawDataError([Problem(str(path), None, None, None, "an existing folder of CSV files or an .xlsx file")])
    tables, unread, labels = read_tables(path, problems)
    for name, df in tables.items():
        problems += validate_table(TABLES[name], df, labels[name])
    problems += validate_references(tables, labels)
    if not unread and all(n in tables for n in contract.REQUIRED_TABLES):
        problems += uncited_sources(tables, labels["sources"])
        problems += missing_detections(tables, labels)
    if problems:
        raise RawDataError(problems)
    return tables

