"""Blank templates of a compilation: one CSV per table, and one .xlsx workbook with a sheet per table.

    python -m regional_ties.templates data/templates
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .contract import TABLES
from .outputs import atomic_path, write_text


def write_templates(folder: str | Path) -> list[Path]:
    import openpyxl
    from openpyxl.styles import Font

    folder = Path(folder)
    written = [write_text(folder / f"{name}.csv", ",".join(spec.column_names) + "\n")
               for name, spec in TABLES.items()]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, spec in TABLES.items():
        ws = wb.create_sheet(name)
        ws.append(spec.column_names)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    fixed = dt.datetime(2026, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    target = folder / "compilation_template.xlsx"
    with atomic_path(target) as tmp:
        wb.save(tmp)
    written.append(target)
    return written


if __name__ == "__main__":
    for p in write_templates(sys.argv[1] if len(sys.argv) > 1 else "data/templates"):
        print(p)
