"""Copy the figures, the tables and a LaTeX snippet of captions into a manuscript folder.

    python -m regional_ties.paper --figures figures --tables reports/tables --dest ../manuscript
    python -m regional_ties.paper --state .make/study --dest ../manuscript   (the run's own folders; make paper)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from .figures import caption_snippet
from .outputs import atomic_path, write_text


def export(figures_dir: str | Path, tables_dir: str | Path, dest: str | Path) -> list[Path]:
    figures_dir, tables_dir, dest = Path(figures_dir), Path(tables_dir), Path(dest)
    manifest_path = figures_dir / "manifest.json"
    if not manifest_path.exists():
        raise FileNotFoundError(f"{manifest_path} is missing: run make first")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    written = []
    for entry in manifest.values():
        for fname in entry["files"]:
            written.append(_copy(figures_dir / fname, dest / "figures" / fname))
    for table in sorted(tables_dir.glob("*.tex")) + sorted(tables_dir.glob("*.csv")):
        written.append(_copy(table, dest / "tables" / table.name))
    written.append(write_text(dest / "figures.tex", caption_snippet(manifest)))
    return written


def _copy(src: Path, target: Path) -> Path:
    with atomic_path(target) as tmp:
        shutil.copyfile(src, tmp)
    return target


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--figures", default="figures")
    ap.add_argument("--tables", default="reports/tables")
    ap.add_argument("--state", help="a run's state folder: export that run's figures and tables")
    ap.add_argument("--dest", required=True)
    args = ap.parse_args(argv)
    if args.state:
        from .chain import output_paths

        out = json.loads((Path(args.state) / "settings.json").read_text(encoding="utf-8"))["out"]
        args.figures, args.tables = output_paths(out)["figures_dir"], output_paths(out)["tables_dir"]
    try:
        written = export(args.figures, args.tables, args.dest)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"copied {len(written)} files into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
