"""The study's configuration: its settings, its notebooks and its folders, read once.

The settings of the study (the Russian region, the analysis window, the COVID year, the bootstrap seed and
resamples, the comparison region and the compilation read) live in one TOML study file, `study.toml` at the
project root. A run may override any of them (make's variables, Snakemake's `--config`, a notebook's
`settings` parameter); an override equal to the study file's value (a region by another of its names
included) is no override.

    run = config.setup(settings, out=out)    # in each notebook, after the Papermill parameters cell

returns a `Run`: its `settings` (`Settings`), its `folders` (`Folders`, absolute paths), whether it is the
study's own run, its folder's name and the settings that differ from the study file's. The study's own
compilation with the study's own settings writes the committed outputs (the project folder, and the
generated blocks of README.md and data/README.md); any other run writes under `runs/<name>/` (or the folder
`out` names), where `<name>` is readable (the input's name, the Russian region transliterated, the settings
that differ) and ends in a short hash of every setting, so that two different runs never share a folder.

Every setting is checked before any notebook runs (`check`; the workflow resolves the run when it is read):
an unknown key of the study file or of the overrides, a window whose start is after its end, a window outside
the years of the compilation's events, a COVID year outside the window, an unknown Russian or comparison
region. Each stops with one message naming the setting (`SettingsError`).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import paths

STUDY_FILE = "study.toml"
RUNS = "runs"

#: The chain, in order: each notebook with the notebooks whose products it reads.
NOTEBOOKS: dict[str, tuple[str, ...]] = {
    "01_compile_events": (),
    "02_clean_events": ("01_compile_events",),
    "03_descriptive_stats": ("02_clean_events",),
    "04_figures": ("02_clean_events",),
    # 05 adds figures 7-8 to figures/manifest.json, which 04 writes; 06 adds figure 9 after 05.
    "05_findings": ("02_clean_events", "04_figures"),
    "06_comparison": ("02_clean_events", "05_findings"),
}

_TABLES = {
    "01_compile_events": ("screening_flow", "search_language", "search_target_area", "search_target_unit",
                          "search_rounds", "search_tail"),
    "02_clean_events": ("accounting", "coding_reliability", "coding_disagreements", "completeness"),
    "03_descriptive_stats": ("events_by_area", "events_by_unit", "events_by_year", "events_by_year_area",
                             "actor_kinds", "sectors", "format_by_year", "concentration", "legal_basis"),
    "05_findings": ("multiverse_summary",),
    "06_comparison": ("comparison_search_effort", "comparison_by_area", "comparison_by_year",
                      "comparison_partners", "comparison_claims"),
}
_FIGURES = {
    "04_figures": ("fig1_events_by_year_area", "fig2_events_by_unit", "fig3_tile_map", "fig4_actor_kinds",
                   "fig5_format_by_year", "fig6_legal_timeline"),
    "05_findings": ("fig7_claim_verdicts", "fig8_specification_curve"),
    "06_comparison": ("fig9_comparison",),
}
_OTHER = {
    "01_compile_events": ("data/interim/events_compiled.csv",),
    "02_clean_events": ("data/processed/events.csv", "data/processed/legal_documents.csv",
                        "data/processed/indicators.csv", "data/processed/datapackage.json"),
    "04_figures": ("figures/manifest.json",),
    "05_findings": ("reports/findings.json", "reports/findings.md", "reports/tables/multiverse.csv"),
}
#: Products written only when the compilation holds what they show: notebook 02 writes the indicators only from an
#: indicators table, the coding tables only from a second coding, the completeness estimate only from events found
#: by two search rounds; notebook 06 writes its tables and figure 9 only when the comparison region has events in
#: the window. They are declared for the study's own run only, where they are committed.
CONDITIONAL = frozenset(["data/processed/indicators.csv"]
                        + [f"reports/tables/{t}.{e}" for t in ("coding_reliability", "coding_disagreements",
                                                               "completeness") for e in ("csv", "tex")]
                        + [f"reports/tables/{t}.{e}" for t in _TABLES["06_comparison"] for e in ("csv", "tex")]
                        + [f"figures/fig9_comparison.{e}" for e in ("pdf", "png", "svg")])


def products(notebook: str, *, conditional: bool) -> list[str]:
    """The files a notebook writes, relative to the run's folder, its executed notebook first; `conditional`: with
    those written only when the compilation holds what they show."""
    out = [f"reports/{notebook}.ipynb"]
    out += list(_OTHER.get(notebook, ()))
    out += [f"reports/tables/{t}.{ext}" for t in _TABLES.get(notebook, ()) for ext in ("csv", "tex")]
    out += [f"figures/{f}.{ext}" for f in _FIGURES.get(notebook, ()) for ext in ("pdf", "png", "svg")]
    return [p for p in out if conditional or p not in CONDITIONAL]


class SettingsError(ValueError):
    """A setting that cannot be run; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    """One run's settings. The study's are those of study.toml."""

    raw: str                # the compilation: a folder of CSV files or one .xlsx workbook (relative: to the root)
    ru_region: str          # the Russian region studied (any of its names)
    start_year: int         # the analysis window, inclusive
    end_year: int
    covid_year: int         # the year read as the COVID year (inside the window)
    seed: int               # the bootstrap seed
    n_boot: int             # bootstrap resamples
    compare_region: str     # the comparison region of notebook 06

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


#: Make's variable (and the command line's name) for each setting.
VARIABLES = {"raw": "RAW", "ru_region": "RU_REGION", "start_year": "START_YEAR", "end_year": "END_YEAR",
             "covid_year": "COVID_YEAR", "seed": "SEED", "n_boot": "N_BOOT", "compare_region": "COMPARE_REGION"}
_INTS = {"start_year", "end_year", "covid_year", "seed", "n_boot"}


@dataclass(frozen=True)
class Folders:
    """Where one run reads and writes: absolute paths."""

    root: Path              # the project
    out: Path               # the run's folder (the project itself for the study's own run)
    raw: Path               # the compilation read
    interim: Path           # out/data/interim
    processed: Path         # out/data/processed
    tables: Path            # out/reports/tables
    figures: Path           # out/figures
    reports: Path           # out/reports (executed notebooks, findings, the HTML report)
    readme: Path | None     # README.md when the run is the study's own (its generated blocks are written), else None


@dataclass(frozen=True)
class Run:
    settings: Settings
    folders: Folders
    is_study: bool          # the study's own compilation and settings: it writes the committed outputs
    name: str               # the run's folder relative to the root ('.' for the study's own run), or as given
    differs: tuple[str, ...]  # the settings that are not the study file's

    @property
    def overrides(self) -> dict:
        """The settings that differ from the study file's: what a notebook of this run is given."""
        return {k: getattr(self.settings, k) for k in self.differs}


def _label(key: str) -> str:
    return f"{VARIABLES[key]} ({key})"


def read_study(path: str | Path | None = None) -> dict:
    """The study file's settings; an unknown or missing key is an error naming it and the file."""
    path = Path(path) if path else paths.project_root() / STUDY_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: the study file does not exist") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not a valid TOML file: {err}") from None
    unknown = sorted(set(data) - set(VARIABLES))
    if unknown:
        raise SettingsError(f"{path}: unknown key(s) {unknown}; a study file sets {sorted(VARIABLES)}")
    missing = sorted(set(VARIABLES) - set(data))
    if missing:
        raise SettingsError(f"{path}: missing key(s) {missing}")
    return _typed(data, str(path))


def _typed(values: dict, where: str) -> dict:
    out = {}
    for key, value in values.items():
        if key not in VARIABLES:
            raise SettingsError(f"{where}: unknown setting {key!r}; the settings are {sorted(VARIABLES)}")
        if key in _INTS:
            try:
                out[key] = int(str(value).strip())
            except ValueError:
                raise SettingsError(f"{_label(key)}={value!r}: expected a whole number") from None
        else:
            text = str(value).strip()
            if not text:
                raise SettingsError(f"{_label(key)} is empty")
            out[key] = text
    return out


def _same_path(a: str | Path, b: str | Path, root: Path) -> bool:
    return paths.resolve(a, root).resolve() == paths.resolve(b, root).resolve()


def differences(settings: Settings, study: Settings, root: Path) -> list[str]:
    """The settings of a run that are not the study's, by name."""
    diff = []
    for key, value in settings.as_dict().items():
        base = study.as_dict()[key]
        if key == "raw":
            same = _same_path(value, base, root)
        elif key in ("ru_region", "compare_region"):
            same = _region_key(value) == _region_key(base)
        else:
            same = value == base
        if not same:
            diff.append(key)
    return diff


def _region_key(name: str) -> str:
    from .gazetteer import UnknownRussianRegion, resolve_ru_region

    try:
        return resolve_ru_region(name).key
    except UnknownRussianRegion:
        return name.casefold()


def _region_name(name: str) -> str:
    from .gazetteer import UnknownRussianRegion, resolve_ru_region

    try:
        return resolve_ru_region(name).name_en
    except UnknownRussianRegion:
        return name


def run_name(settings: Settings, diff: list[str], root: Path) -> str:
    """A run's folder name: readable (the input's name, the settings that differ, region names transliterated)
    and unique (a hash of every setting and of the input's absolute path)."""
    from slugify import slugify

    raw = paths.resolve(settings.raw, root).resolve()
    parts = [raw.stem if raw.suffix.lower() == ".xlsx" else raw.name]
    for key in diff:
        value = getattr(settings, key)
        if key == "raw":
            continue
        if key in ("ru_region", "compare_region"):
            value = _region_name(value)
        if key == "start_year" and "end_year" in diff:
            continue
        if key == "end_year" and "start_year" in diff:
            parts.append(f"{settings.start_year}-{settings.end_year}")
            continue
        parts.append(f"{key.replace('_', '')}{value}" if key in _INTS - {"start_year", "end_year"} else str(value))
    identity = json.dumps({**settings.as_dict(), "raw": str(raw)}, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    readable = slugify("_".join(parts), separator="-", max_length=80, word_boundary=True,
                       regex_pattern=r"[^a-zA-Z0-9_.-]+", lowercase=False) or "run"
    return f"{readable}-{digest}"


# ----------------------------------------------------------------------------- checks before anything runs


def event_years(raw: Path) -> tuple[int, int] | None:
    """The first and last year of the compilation's events (their `date`), or None when they cannot be read
    simply (a ';'-separated file, a missing column: notebook 01 then reads or reports the file in full)."""
    years: list[int] = []
    try:
        if raw.is_file():
            from openpyxl import load_workbook

            wb = load_workbook(raw, read_only=True, data_only=True)
            if "events" not in wb.sheetnames:
                return None
            rows = wb["events"].iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows)]
            i = header.index("date")
            values = [str(r[i])[:4] for r in rows if r and r[i] is not None]
        else:
            with open(raw / "events.csv", encoding="utf-8-sig", newline="") as f:
                reader = csv.reader(f)
                header = [h.strip() for h in next(reader)]
                i = header.index("date")
                values = [r[i].strip()[:4] for r in reader if len(r) > i]
    except (OSError, ValueError, StopIteration, KeyError):
        return None
    years = [int(v) for v in values if v.isdigit()]
    return (min(years), max(years)) if years else None


def check(settings: Settings, root: Path) -> None:
    """Stop with one message naming the setting when a run cannot give a meaningful answer."""
    from .gazetteer import UnknownRussianRegion, resolve_ru_region

    raw = paths.resolve(settings.raw, root)
    if not raw.exists():
        raise SettingsError(f"RAW={settings.raw} does not exist: give a folder of CSV files or an .xlsx workbook")
    if raw.is_file() and raw.suffix.lower() != ".xlsx":
        raise SettingsError(f"RAW={settings.raw} is a file but not an .xlsx workbook: give a folder of CSV files "
                            "or an .xlsx workbook")
    if settings.start_year > settings.end_year:
        raise SettingsError(f"START_YEAR={settings.start_year} is after END_YEAR={settings.end_year}: the window "
                            "runs from START_YEAR to END_YEAR inclusive")
    if not settings.start_year <= settings.covid_year <= settings.end_year:
        raise SettingsError(f"COVID_YEAR={settings.covid_year} is outside the window {settings.start_year}-"
                            f"{settings.end_year} (START_YEAR-END_YEAR)")
    if settings.n_boot < 1:
        raise SettingsError(f"N_BOOT={settings.n_boot}: expected at least 1 resample")
    years = event_years(raw)
    if years is not None:
        first, last = years
        if settings.start_year > last:
            raise SettingsError(f"START_YEAR={settings.start_year} is after the last year of the compilation's events "
                                f"({first}-{last}, {raw}): the window holds none of them")
        if settings.end_year < first:
            raise SettingsError(f"END_YEAR={settings.end_year} is before the first year of the compilation's events "
                                f"({first}-{last}, {raw}): the window holds none of them")
    for key in ("ru_region", "compare_region"):
        try:
            resolve_ru_region(getattr(settings, key))
        except UnknownRussianRegion as err:
            raise SettingsError(f"{VARIABLES[key]}={getattr(settings, key)}: {err}") from None


# ----------------------------------------------------------------------------- resolving a run


def resolve(overrides: dict | None = None, *, out: str | Path | None = None, study_file: str | Path | None = None,
            root: str | Path | None = None, checked: bool = True) -> Run:
    """The run of the study file's settings with `overrides` (a setting whose value is empty is not overridden);
    its folder: the project for the study's own run, else `out` or runs/<name>/."""
    root = Path(root) if root else paths.project_root()
    study_values = read_study(study_file or root / STUDY_FILE)
    given = _typed({k: v for k, v in (overrides or {}).items() if v is not None and str(v).strip() != ""},
                   "the run's settings")
    for key in ("ru_region", "compare_region"):  # the study's region by another of its names is the study's
        if key in given and _region_key(given[key]) == _region_key(study_values[key]):
            given[key] = study_values[key]
    settings = Settings(**{**study_values, **given})
    if checked:
        check(settings, root)
    diff = differences(settings, Settings(**study_values), root)
    out_text = str(out).strip() if out is not None else ""
    if out_text:
        if _same_path(out_text, ".", root) and diff:
            raise SettingsError(
                f"OUT={out_text} is the project folder, which holds the study's committed outputs; only the study's "
                f"own data and settings write there, and this run sets {', '.join(VARIABLES[k] for k in diff)}. "
                f"Leave OUT out to write under {RUNS}/{run_name(settings, diff, root)}/, or give another folder.")
        name = "." if _same_path(out_text, ".", root) else out_text
    else:
        name = "." if not diff else f"{RUNS}/{run_name(settings, diff, root)}"
    is_study = not diff and name == "."
    base = paths.resolve(name, root)
    folders = Folders(root=root, out=base, raw=paths.resolve(settings.raw, root), interim=base / "data" / "interim",
                      processed=base / "data" / "processed", tables=base / "reports" / "tables",
                      figures=base / "figures", reports=base / "reports",
                      readme=root / "README.md" if is_study else None)
    return Run(settings, folders, is_study, name, tuple(diff))


def setup(settings: dict | None = None, *, out: str = "") -> Run:
    """For a notebook's first cell: the study file's settings with this run's `settings`, checked, and the run's
    folders. Left as they are, a notebook run in JupyterLab runs the study itself and rewrites its
    outputs with the same bytes; other settings write under runs/."""
    return resolve(settings, out=out)
