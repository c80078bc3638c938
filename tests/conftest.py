"""Shared helpers. Every table under tests/fixtures/ is a made-up fixture, not evidence."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def valid_raw(tmp_path) -> Path:
    """A fresh copy of the valid fixture compilation, safe to edit."""
    dest = tmp_path / "raw"
    shutil.copytree(FIXTURES / "valid", dest)
    (dest / "README.md").unlink(missing_ok=True)
    return dest


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict], fieldnames=None) -> None:
    fieldnames = fieldnames or list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fieldnames)
        w.writeheader()
        w.writerows(rows)


def set_cell(path: Path, row_index: int, column: str, value: str) -> None:
    rows = read_rows(path)
    rows[row_index][column] = value
    write_rows(path, rows)
