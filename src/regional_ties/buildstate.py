"""What `make` compares: the run's output folder, its settings, the raw files and each step's products.

make runs this file with the system Python (standard library only) while it reads the Makefile:

    python src/regional_ties/buildstate.py --raw data/raw --out '' --start-year 2015 --end-year 2020 \
        --ru-region Sverdlovsk --seed 2015

and reads back one line: the state folder of the run (under `.make/`, a path without spaces).

* Safe by default. Only the study's own raw data with the study's own settings writes the study's
  outputs (the project folder and the README's verdict table). Any other raw data or setting writes
  under `runs/<name>/` (ignored by git) unless OUT names a folder; OUT may not be the project itself.
* The state folder holds `settings.json` and `raw.txt` (the list of raw files with their sizes and
  modification times), each rewritten only when it changes, so that make re-runs the chain when a
  setting changes or a raw file is added, removed or edited; `deps.mk`, the package modules each
  notebook imports; and for every step of the chain `<step>.done` with `<step>.products`, the files
  the step wrote. A step whose recorded product is missing loses its `.done`, so make re-runs it.

Paths may contain spaces: make never sees them, only the state folder.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import sys
from pathlib import Path

#: The study's own settings. Any other value writes elsewhere than the committed outputs.
STUDY = {"raw": "data/raw", "start_year": 2015, "end_year": 2020, "ru_region": "Sverdlovsk", "seed": 2015}
RUNS = "runs"
STATE_ROOT = ".make"
NOTEBOOKS = ("01_compile_events", "02_clean_events", "03_descriptive_stats", "04_figures", "05_findings",
             "06_comparison")
REPORT = "report"  # the step that writes reports/study.html from the executed notebooks
#: Modules that execute a notebook: a change to them re-runs every notebook.
DRIVER_MODULES = ("__init__", "run", "outputs")


class BuildError(ValueError):
    pass


def _int(name: str, value) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise BuildError(f"{name}={value!r}: expected a whole number") from None


def settings_of(raw: str, start_year, end_year, ru_region: str, seed) -> dict:
    if not str(raw).strip():
        raise BuildError("RAW is empty: give a folder of CSV files or an .xlsx workbook")
    if not str(ru_region).strip():
        raise BuildError("RU_REGION is empty: give the Russian region studied")
    return {"raw": str(raw), "start_year": _int("START_YEAR", start_year), "end_year": _int("END_YEAR", end_year),
            "ru_region": str(ru_region).strip(), "seed": _int("SEED", seed)}


def _same_path(a: str | Path, b: str | Path, root: Path) -> bool:
    return (root / a).resolve() == (root / b).resolve()


def differences_from_study(settings: dict, root: Path) -> list[str]:
    """The settings of a run that are not the study's own, as NAME=value."""
    diff = []
    if not _same_path(settings["raw"], STUDY["raw"], root):
        diff.append(f"RAW={settings['raw']}")
    for key in ("start_year", "end_year", "seed"):
        if settings[key] != STUDY[key]:
            diff.append(f"{key.upper()}={settings[key]}")
    if settings["ru_region"].casefold() != STUDY["ru_region"].casefold():
        diff.append(f"RU_REGION={settings['ru_region']}")
    return diff


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "run"


def run_name(settings: dict, root: Path) -> str:
    """The folder name under runs/ of a run that is not the study's: the raw input's name, then the settings
    that differ from the study's (e.g. `mydata`, `raw_Chelyabinsk_2010-2025`)."""
    raw = (root / settings["raw"]).resolve()
    name = raw.stem if raw.suffix.lower() == ".xlsx" else raw.name
    parts = [name]
    if settings["ru_region"].casefold() != STUDY["ru_region"].casefold():
        parts.append(settings["ru_region"])
    if (settings["start_year"], settings["end_year"]) != (STUDY["start_year"], STUDY["end_year"]):
        parts.append(f"{settings['start_year']}-{settings['end_year']}")
    if settings["seed"] != STUDY["seed"]:
        parts.append(f"seed{settings['seed']}")
    return _slug("_".join(parts))


def output_folder(settings: dict, out: str, root: Path) -> tuple[str, bool]:
    """Where the run writes, and whether it writes the README's verdict table (only the study itself does)."""
    diff = differences_from_study(settings, root)
    if out.strip():
        if _same_path(out, ".", root) and diff:
            raise BuildError(
                f"OUT={out} is the project folder, which holds the study's committed outputs; only the study's own "
                f"data and settings write there, and this run has {', '.join(diff)}. Leave OUT out to write under "
                f"{RUNS}/{run_name(settings, root)}/, or give another folder.")
        is_root = _same_path(out, ".", root)
        return ("." if is_root else out), is_root
    if not diff:
        return ".", True
    return f"{RUNS}/{run_name(settings, root)}", False


def state_folder(out: str, root: Path) -> str:
    """The state folder of a run, under .make/, named without spaces after its output folder."""
    if _same_path(out, ".", root):
        return f"{STATE_ROOT}/study"
    absolute = str((root / out).resolve())
    digest = hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:10]
    return f"{STATE_ROOT}/{_slug(Path(absolute).name)[:40]}-{digest}"


def raw_files(raw: Path) -> list[Path]:
    if raw.is_file():
        return [raw]
    return sorted(p for p in raw.iterdir() if p.is_file() and p.suffix.lower() == ".csv")


def raw_listing(raw: Path) -> str:
    """One line per raw file: name, size, modification time in ns. Any edit, addition or removal changes it."""
    lines = []
    for p in raw_files(raw):
        st = p.stat()
        lines.append(f"{p.name}\t{st.st_size}\t{st.st_mtime_ns}")
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, text: str) -> bool:
    """Write the file only when its content changes, so that its modification time means a change."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def missing_products(products_file: Path) -> list[str]:
    try:
        products = json.loads(products_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ["(the list of products is unreadable)"]
    return [p for p in products if not os.path.exists(p)]


def drop_stale_stamps(state: Path) -> list[str]:
    """Remove the `.done` stamp of every step that has lost one of its products (or its list of products)."""
    dropped = []
    for step in NOTEBOOKS + (REPORT,):
        done = state / f"{step}.done"
        if done.exists() and missing_products(state / f"{step}.products"):
            done.unlink()
            dropped.append(step)
    return dropped


# ----------------------------------------------------------------------------- which modules a notebook uses

_PACKAGE = "regional_ties"


def _imported_modules(source: str, package_dir: Path, inside_package: bool) -> set[str]:
    """Names of the package's modules that a piece of code imports."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {p.stem for p in package_dir.glob("*.py")}  # cannot be known simply: all of them
    known = {p.stem for p in package_dir.glob("*.py")}
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level == 1 and inside_package:
                pkg_relative = base
            elif node.level == 0 and (base == _PACKAGE or base.startswith(_PACKAGE + ".")):
                pkg_relative = base[len(_PACKAGE) + 1:]
            else:
                continue
            if pkg_relative:
                out.add(pkg_relative.split(".")[0])
            else:
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith(_PACKAGE + "."):
                    out.add(a.name.split(".")[1])
    return out & known


def package_imports(package_dir: Path) -> dict[str, set[str]]:
    """For each module of the package, the package modules it imports."""
    return {p.stem: _imported_modules(p.read_text(encoding="utf-8"), package_dir, inside_package=True)
            for p in package_dir.glob("*.py")}


def closure(start: set[str], imports: dict[str, set[str]]) -> list[str]:
    """The modules in `start` and every package module they import, directly or not."""
    todo, seen = set(start), set()
    while todo:
        mod = todo.pop()
        if mod in seen or mod not in imports:
            continue
        seen.add(mod)
        todo |= imports[mod]
    return sorted(seen)


def notebook_modules(notebook: Path, package_dir: Path, imports: dict[str, set[str]] | None = None) -> list[str]:
    """The package modules a notebook imports, directly or through other modules, plus those that execute it."""
    imports = imports if imports is not None else package_imports(package_dir)
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return closure(_imported_modules(code, package_dir, inside_package=False) | set(DRIVER_MODULES), imports)


def _files(modules: list[str], package_dir: Path) -> list[str]:
    """The modules' files and the package data files (JSON) that they name."""
    files = [f"src/{_PACKAGE}/{m}.py" for m in modules]
    for data in sorted(package_dir.glob("*.json")):
        if any(data.name in (package_dir / f"{m}.py").read_text(encoding="utf-8") for m in modules):
            files.append(f"src/{_PACKAGE}/{data.name}")
    return files


def dependency_makefile(root: Path) -> str:
    """`NB_MODULES_<notebook> := ...` for each notebook, and `REPORT_MODULES`, for the Makefile to include."""
    package_dir = root / "src" / _PACKAGE
    imports = package_imports(package_dir)
    lines = []
    for nb in NOTEBOOKS:
        path = root / "notebooks" / f"{nb}.ipynb"
        mods = notebook_modules(path, package_dir, imports) if path.exists() else sorted(imports)
        lines.append(f"NB_MODULES_{nb} := {' '.join(_files(mods, package_dir))}")
    report = closure({"report", "chain", "buildstate"} | set(DRIVER_MODULES), imports)
    lines.append(f"REPORT_MODULES := {' '.join(_files(report, package_dir))}")
    return "\n".join(lines) + "\n"


def update_dependency_makefile(root: Path, target: Path) -> None:
    """Rewrite deps.mk when a notebook or a package file is newer than it (or it is missing)."""
    sources = list((root / "notebooks").glob("*.ipynb")) + list((root / "src" / _PACKAGE).glob("*.*"))
    if target.exists() and all(p.stat().st_mtime_ns <= target.stat().st_mtime_ns for p in sources):
        return
    write_if_changed(target, dependency_makefile(root))
    target.touch()


# ----------------------------------------------------------------------------- the whole preparation


def prepare(root: Path, raw: str, out: str, start_year, end_year, ru_region: str, seed) -> Path:
    """Resolve the run's output folder and bring its state folder up to date; return the state folder."""
    settings = settings_of(raw, start_year, end_year, ru_region, seed)
    raw_path = root / settings["raw"]
    if not raw_path.exists():
        raise BuildError(f"RAW={raw} does not exist: give a folder of CSV files or an .xlsx workbook")
    if raw_path.is_file() and raw_path.suffix.lower() != ".xlsx":
        raise BuildError(f"RAW={raw} is a file but not an .xlsx workbook: give a folder of CSV files or an .xlsx")
    out_dir, writes_study = output_folder(settings, out, root)
    state = root / state_folder(out_dir, root)
    state.mkdir(parents=True, exist_ok=True)
    record = {**settings, "out": out_dir, "readme_path": "README.md" if writes_study else ""}
    write_if_changed(state / "settings.json", json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    write_if_changed(state / "raw.txt", raw_listing(raw_path))
    update_dependency_makefile(root, state / "deps.mk")
    drop_stale_stamps(state)
    return state.relative_to(root)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--raw", required=True)
    ap.add_argument("--out", default="")
    ap.add_argument("--start-year", required=True)
    ap.add_argument("--end-year", required=True)
    ap.add_argument("--ru-region", required=True)
    ap.add_argument("--seed", required=True)
    args = ap.parse_args(argv)
    try:
        state = prepare(Path.cwd(), args.raw, args.out, args.start_year, args.end_year, args.ru_region, args.seed)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(state.as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main())
