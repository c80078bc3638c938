"""Blank templates of a compilation: one CSV per table, and one .xlsx workbook with a sheet per table.

In the workbook the date columns (dates and EDTF dates) are formatted as text, so that Excel keeps `2017-03` as
typed instead of turning it into a day.

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
    from openpyxl.utils import get_column_letter

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
        for i, column in enumerate(spec.columns, start=1):
            if column.kind in ("date", "edtf"):  # text, so that Excel keeps 2017-03 as typed
                ws.column_dimensions[get_column_letter(i)].number_format = "@"
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
