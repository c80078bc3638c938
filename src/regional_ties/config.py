"""The study's configuration: its settings, its notebooks and its folders, read once.

The settings of the study (the Russian region, the analysis window, the COVID year, the bootstrap seed and
resamples, the comparison region or none, and the compilation read) and what belongs to one article (its
title, the Kazakh partners and the areas it names, and the words of its claims) live in one TOML study file:
`study.toml` at the project root, the Sverdlovsk article's, is the default; `study.template.toml` says what
each key means. A run may name another study file (make's STUDY, Snakefile's `--config study=`, the key
"study" of a notebook's `settings`), which then writes under runs/, and may override any setting of
`VARIABLES` (make's variables, Snakemake's `--config`, a notebook's `settings` parameter); an override equal to
the study file's value (a region by another of its names included) is no override.

    run = config.setup(settings, out=out)    # in each notebook, after the Papermill parameters cell

returns a `Run`: its `settings` (`Settings`), its `folders` (`Folders`, absolute paths), whether it is the
study's own run, its folder's name and the settings that differ from the study file's. The study's own
compilation with the study's own settings writes the committed outputs (the project folder, and the
generated blocks of README.md and data/README.md); any other run writes under `runs/<name>/` (or the folder
`out` names), where `<name>` is readable (the input's name, the Russian region transliterated, the settings
that differ) and ends in a short hash of every setting, so that two different runs never share a folder.

Every setting is checked before any notebook runs (`check`; the workflow resolves the run when it is read):
an unknown key of the study file or of the overrides, an unknown partner key or area code, a window whose
start is after its end, a window outside the years of the compilation's events, a COVID year outside the
window, an unknown Russian or comparison region. Each stops with one message naming the setting (`SettingsError`).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
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
    compare_region: str     # the comparison region of notebook 06; "" for none
    # what belongs to one article (study file only, no command-line override)
    title: str = ""                     # the title of the study
    partners: tuple[str, ...] = ()      # the Kazakh units the article names as key partners (gazetteer keys)
    areas: tuple[str, ...] = ()         # the areas the article names as the main ones (area codes)
    claims: dict = field(default_factory=dict)  # claim id -> {"claim"/"reading"/"statistic": the article's words}

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


#: Make's variable (and the command line's name) for each setting.
VARIABLES = {"raw": "RAW", "ru_region": "RU_REGION", "start_year": "START_YEAR", "end_year": "END_YEAR",
             "covid_year": "COVID_YEAR", "seed": "SEED", "n_boot": "N_BOOT", "compare_region": "COMPARE_REGION"}
_INTS = {"start_year", "end_year", "covid_year", "seed", "n_boot"}
#: The study file's keys that belong to one article (read from the study file only); those that may be left out.
ARTICLE_KEYS = ("title", "partners", "areas", "claims")
OPTIONAL = {"compare_region": "", "title": "", "claims": {}}
#: The words of a claim a study file may give (claims.ClaimRecord's fields of the same names).
CLAIM_WORDS = ("claim", "reading", "statistic")


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
    differs: tuple[str, ...]  # the settings that are not the default study file's
    study: str = ""           # the study file read when it is not study.toml (absolute path)

    @property
    def overrides(self) -> dict:
        """What a notebook of this run is given: the study file when it is not study.toml ("study"), and the
        settings of `VARIABLES` that differ from the default study file's (the article's keys come from the
        study file)."""
        given = {"study": self.study} if self.study else {}
        for k in self.differs:
            if k in VARIABLES:  # no comparison region is said as "none" (an empty value overrides nothing)
                given[k] = getattr(self.settings, k) if getattr(self.settings, k) != "" else "none"
        return given


def _label(key: str) -> str:
    return f"{VARIABLES[key]} ({key})"


def read_study(path: str | Path | None = None) -> dict:
    """The study file's settings; an unknown or missing key, an unknown partner, area or claim is an error
    naming it and the file."""
    path = Path(path) if path else paths.project_root() / STUDY_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: the study file does not exist") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not a valid TOML file: {err}") from None
    known = set(VARIABLES) | set(ARTICLE_KEYS)
    unknown = sorted(set(data) - known)
    if unknown:
        raise SettingsError(f"{path}: unknown key(s) {unknown}; a study file sets {sorted(known)}")
    missing = sorted(known - set(data) - set(OPTIONAL))
    if missing:
        raise SettingsError(f"{path}: missing key(s) {missing}")
    data = {**OPTIONAL, **data}
    return {**_typed({k: data[k] for k in VARIABLES}, str(path)), **_article(data, str(path))}


def _names(data: dict, key: str, known, where: str) -> tuple[str, ...]:
    values = data[key]
    if isinstance(values, str) or not isinstance(values, list) or not values \
            or not all(isinstance(v, str) and v.strip() for v in values):
        raise SettingsError(f"{where}: {key} = {values!r}: expected a non-empty list of names; the known values "
                            f"are {list(known)}")
    values = tuple(v.strip() for v in values)
    unknown = [v for v in values if v not in known]
    if unknown:
        raise SettingsError(f"{where}: {key}: unknown value(s) {unknown}; the known values are {list(known)}")
    twice = sorted({v for v in values if values.count(v) > 1})
    if twice:
        raise SettingsError(f"{where}: {key}: {twice} named more than once")
    return values


def _article(data: dict, where: str) -> dict:
    """The study file's keys that belong to one article, checked: partners against the gazetteer's Kazakh units,
    areas against the codebook's, the claims' words against the claims' records."""
    from .claims import CLAIMS_BY_ID
    from .contract import AREAS
    from .gazetteer import SUBNATIONAL_KEYS

    words = data["claims"]
    if not isinstance(words, dict):
        raise SettingsError(f"{where}: claims: expected a table [claims.<claim id>]; the claims are "
                            f"{list(CLAIMS_BY_ID)}")
    claims = {}
    for cid, given in words.items():
        if cid not in CLAIMS_BY_ID:
            raise SettingsError(f"{where}: claims: unknown claim {cid!r}; the claims are {list(CLAIMS_BY_ID)}")
        bad = sorted(set(given) - set(CLAIM_WORDS)) if isinstance(given, dict) else [str(given)]
        if bad:
            raise SettingsError(f"{where}: claims.{cid}: unknown key(s) {bad}; a claim's words are {list(CLAIM_WORDS)}")
        for k, v in given.items():
            if not isinstance(v, str) or not v.strip():
                raise SettingsError(f"{where}: claims.{cid}.{k} is empty or not text")
        claims[cid] = {k: " ".join(given[k].split()) for k in CLAIM_WORDS if k in given}
    title = data["title"]
    if not isinstance(title, str):
        raise SettingsError(f"{where}: title = {title!r}: expected text")
    return {"title": title.strip(), "partners": _names(data, "partners", SUBNATIONAL_KEYS, where),
            "areas": _names(data, "areas", AREAS, where), "claims": claims}


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
            if key == "compare_region" and text.casefold() == "none":  # COMPARE_REGION=none: no comparison region
                text = ""
            if not text and key != "compare_region":  # no comparison region: ""
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
        elif key in ("ru_region", "compare_region") and value and base:
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
        if key == "raw" or key in ARTICLE_KEYS:  # an article's names: in the hash, not in the name
            continue
        if key == "compare_region" and not value:
            value = "no-comparison"
        elif key in ("ru_region", "compare_region"):
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
        if key == "compare_region" and not settings.compare_region:  # no comparison region
            continue
        try:
            resolve_ru_region(getattr(settings, key))
        except UnknownRussianRegion as err:
            raise SettingsError(f"{VARIABLES[key]}={getattr(settings, key)}: {err}") from None


# ----------------------------------------------------------------------------- resolving a run


def resolve(overrides: dict | None = None, *, out: str | Path | None = None, study_file: str | Path | None = None,
            root: str | Path | None = None, checked: bool = True) -> Run:
    """The run of the study file's settings with `overrides` (a setting whose value is empty is not overridden);
    its folder: the project for the study's own run (the default study file's settings), else `out` or
    runs/<name>/. The study file: `study_file`, else the key "study" of `overrides`, else study.toml."""
    root = Path(root) if root else paths.project_root()
    overrides = dict(overrides or {})
    named = overrides.pop("study", None)
    study_file = study_file or (str(named).strip() if named is not None and str(named).strip() else None)
    default_file = root / STUDY_FILE
    study_path = paths.resolve(study_file, root).resolve() if study_file else default_file.resolve()
    default_values = read_study(default_file)
    study_values = default_values if study_path == default_file.resolve() else read_study(study_path)
    given = _typed({k: v for k, v in overrides.items() if v is not None and str(v).strip() != ""},
                   "the run's settings")
    for key in ("ru_region", "compare_region"):  # the study's region by another of its names is the study's
        if key in given and study_values[key] and _region_key(given[key]) == _region_key(study_values[key]):
            given[key] = study_values[key]
    settings = Settings(**{**study_values, **given})
    if checked:
        check(settings, root)
    diff = differences(settings, Settings(**default_values), root)
    out_text = str(out).strip() if out is not None else ""
    if out_text:
        if _same_path(out_text, ".", root) and diff:
            raise SettingsError(
                f"OUT={out_text} is the project folder, which holds the study's committed outputs; only the study's "
                f"own data and settings write there, and this run sets {', '.join(VARIABLES.get(k, k) for k in diff)}. "
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
    study = "" if study_path == default_file.resolve() else str(study_path)
    return Run(settings, folders, is_study, name, tuple(diff), study)


def setup(settings: dict | None = None, *, out: str = "") -> Run:
    """For a notebook's first cell: the study file's settings (study.toml, or the file of the key "study") with
    this run's `settings`, checked, and the run's
    folders. Left as they are, a notebook run in JupyterLab runs the study itself and rewrites its
    outputs with the same bytes; other settings write under runs/."""
    return resolve(settings, out=out)
