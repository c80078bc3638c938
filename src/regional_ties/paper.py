"""Copy the figures and tables into a manuscript folder, with figures.tex, numbers.tex (the study's numbers as
LaTeX macros, see numbers_tex) and a minimal example.tex whose results paragraph cites them.

    python -m regional_ties.paper --dest ../manuscript [--preset thesis]   (the study's figures and tables)
    python -m regional_ties.paper --dest ../manuscript --config seed=7 raw=mine   (that run's folders; make paper)
    python -m regional_ties.paper ... --check     # also compile example.tex with pdflatex and check the log

The preset (style.PRESETS) is the page the manuscript is set on: "journal" (two columns of 85 mm,
175 mm text width) or "thesis" (one column of 160 mm). For a preset other than the one the committed
figures are drawn for, the figures are drawn again at the preset's sizes from the processed data and
reports/findings.json next to the figures folder. figures.tex puts a figure as wide as a column in
`figure` and a wider one in `figure*`, each at its own size.

The check compiles example.tex twice and fails on a LaTeX error, an overfull box wider than
`OVERFULL_PT`, a float too large for the page, an undefined reference, a figure or table that is
not in the document, and on any figure PDF that `pdf_check` finds fault with.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from . import comparison, figures, gazetteer, numbers_tex, pdf_check, stats, style
from .contract import ARTICLE_PARTNERS
from .outputs import atomic_path, escape_latex, write_text

OVERFULL_PT = 1.0
LATEX_PACKAGES = ("texlive-latex-base", "texlive-latex-recommended", "texlive-latex-extra",
                  "texlive-fonts-recommended", "lmodern")


def figures_tex(manifest: dict, preset: style.Journal) -> str:
    """One float per figure at its own size: `figure` if it fits a column, else `figure*`; caption, label."""
    out = []
    for name, entry in manifest.items():
        width = entry.get("size_mm", [preset.double_mm])[0]
        env = "figure" if width <= preset.single_mm + 0.5 else "figure*"
        out += [rf"\begin{{{env}}}[tbp]", r"\centering", rf"\includegraphics{{figures/{name}.pdf}}",
                rf"\caption{{{escape_latex(entry['caption'])}}}", rf"\label{{fig:{name}}}", rf"\end{{{env}}}", ""]
    return "\n".join(out)


# The results paragraph of example.tex: every number is a macro of numbers.tex, so none is retyped.
RESULTS_PARAGRAPH = (
    r"A search of open sources (\QueriesRun{} logged queries, \DocumentsScreened{} documents screened) finds "
    r"\EventsFound{} dated events of the region with Kazakh partners, \EventsInWindow{} of them inside the window: "
    r"education \EventsEducation, arts \EventsArts, tourism \EventsTourism, media \EventsMedia, youth \EventsYouth, "
    r"sport \EventsSport{} and other areas \EventsOther. By a capture-recapture estimate the record holds about "
    r"\PercentFound\% (\PercentFoundLow--\PercentFoundHigh\%) of the window's events. Two coders agree on the "
    r"area of these events with Krippendorff's $\alpha = \AlphaAreaAnalysed$ (\AlphaAreaAnalysedLow{} to "
    r"\AlphaAreaAnalysedHigh; over all \EventsCodedTwice{} events coded twice, \AlphaArea). Of the "
    r"\ClaimsTested{} claims tested, \ClaimsSupported{} are supported, \ClaimsNotSupported{} not supported and "
    r"\ClaimsInconclusive{} inconclusive. The five named areas hold a share of \COneFiveAreaShare{} of the "
    r"events (95\% interval "
    r"\COneFiveAreaShareLow{} to \COneFiveAreaShareHigh), so claim~1 is \COneVerdict; the share of events with "
    r"no authority on either side is \CFourNoAuthorityShare{} (\CFourNoAuthorityShareLow{} to "
    r"\CFourNoAuthorityShareHigh), so claim~4 is \CFourVerdict.")


def example_tex(manifest: dict, table_names: list[str], preset: style.Journal) -> str:
    """A minimal manuscript on the preset's page: a results paragraph citing the numbers of numbers.tex, then
    a reference to and the input of every figure and table."""
    columns = "twocolumn" if preset.columns == 2 else "onecolumn"
    margin = (210.0 - preset.double_mm) / 2
    refs = ", ".join([rf"Figure~\ref{{fig:{n}}}" for n in manifest]
                     + [rf"Table~\ref{{tab:{t}}}" for t in table_names])
    lines = [
        f"% A minimal manuscript for the {preset.name} preset: every figure and table of the study.",
        rf"\documentclass[{preset.document_pt}pt,{columns},a4paper]{{article}}",
        r"\usepackage[T1]{fontenc}",
        r"\usepackage{lmodern}",
        rf"\usepackage[textwidth={preset.double_mm}mm,textheight={preset.text_height_mm}mm,"
        rf"columnsep={preset.column_gap_mm}mm,hmargin={margin}mm]{{geometry}}",
        r"\usepackage{graphicx}",
        r"\usepackage{booktabs,tabularx,threeparttable,longtable,xltabular}",  # xltabular: a long table that wraps
        r"\usepackage[tableposition=top]{caption}",  # a caption above a table keeps its distance from the top rule
        r"\extrafloats{100}",
        r"\input{numbers.tex}",
        r"\begin{document}",
        r"\section*{Results}",
        RESULTS_PARAGRAPH,
        r"\section*{Figures and tables}",
        f"This page checks that every figure and table typesets on the {escape_latex(preset.name)} page: {refs}.",
        r"\input{figures.tex}",
        r"\clearpage",
    ]
    lines += [rf"\input{{tables/{t}.tex}}" for t in table_names]
    lines += [r"\end{document}", ""]
    return "\n".join(lines)


def export(figures_dir: str | Path, tables_dir: str | Path, dest: str | Path, preset: str = "journal", *,
           start_year: int, end_year: int, ru_region: str, partners: tuple[str, ...] = ARTICLE_PARTNERS,
           compare_region: str = "Chelyabinsk") -> list[Path]:
    figures_dir, tables_dir, dest = Path(figures_dir), Path(tables_dir), Path(dest)
    manifest_path = figures_dir / "manifest.json"
    if not manifest_path.exists():
        raise FileNotFoundError(f"{manifest_path} is missing: run make first")
    if preset not in style.PRESETS:
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(style.PRESETS)}")
    page = style.PRESETS[preset]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    written = []
    if page == style.DEFAULT:
        for entry in manifest.values():
            for fname in entry["files"]:
                written.append(_copy(figures_dir / fname, dest / "figures" / fname))
    else:
        written += redraw(manifest, figures_dir.parent, dest / "figures", page, start_year, end_year, ru_region,
                          partners, compare_region)
        for name, entry in manifest.items():
            entry["size_mm"] = figures.size_mm(dest / "figures" / f"{name}.pdf")
    tex_tables = sorted(tables_dir.glob("*.tex"))
    for table in tex_tables + sorted(tables_dir.glob("*.csv")):
        written.append(_copy(table, dest / "tables" / table.name))
    written.append(write_text(dest / "figures.tex", figures_tex(manifest, page)))
    root = figures_dir.parent  # the run's folder: reports/findings.json and data/processed/ beside figures/
    written.append(numbers_tex.write(root / "reports/findings.json", tables_dir, root / "data/processed",
                                     dest / "numbers.tex"))
    written.append(write_text(dest / "example.tex", example_tex(manifest, [t.stem for t in tex_tables], page)))
    return written


def redraw(manifest: dict, root: Path, out: Path, page: style.Journal, start_year: int, end_year: int,
           ru_region: str, partners: tuple[str, ...] = ARTICLE_PARTNERS,
           compare_region: str = "Chelyabinsk") -> list[Path]:
    """Draw every figure of the manifest again for another page, from the outputs under `root`, with the
    same calls as notebooks 04 and 05."""
    processed = root / "data/processed"
    all_events = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False)
    all_events["year"] = all_events["year"].astype(int)
    docs = stats.region_documents(pd.read_csv(processed / "legal_documents.csv", dtype=str, keep_default_na=False))
    region = gazetteer.resolve_ru_region(ru_region)
    found = json.loads((root / "reports/findings.json").read_text(encoding="utf-8"))
    if isinstance(found, dict):  # the claims as a list, or under a key of a record about them
        found = next((found[k] for k in ("claims", "findings") if isinstance(found.get(k), list)), [])
    ev = stats.analysis_events(all_events)
    calls = {
        "fig1_events_by_year_area": lambda: figures.events_by_year_area(all_events, start_year, end_year),
        "fig2_events_by_unit": lambda: figures.events_by_unit(ev, partners),
        "fig3_tile_map": lambda: figures.tile_map(ev, region),
        "fig4_actor_kinds": lambda: figures.actor_kinds(ev, region),
        "fig5_format_by_year": lambda: figures.format_by_year(all_events, start_year, end_year),
        "fig6_legal_timeline": lambda: figures.legal_timeline(docs, start_year, end_year),
        "fig7_claim_verdicts": lambda: figures.claim_verdicts(found),
        "fig8_specification_curve": lambda: figures.specification_curve(
            pd.read_csv(root / "reports/tables/multiverse.csv", keep_default_na=False, na_values=[""])),
        "fig9_comparison": lambda: comparison.figure_for(all_events, ru_region, start_year, end_year,
                                                           compare_region),
    }
    paths = []
    with style.use(page):
        for name in manifest:
            paths += style.save(calls[name](), out / name)
    return paths


def _copy(src: Path, target: Path) -> Path:
    with atomic_path(target) as tmp:
        shutil.copyfile(src, tmp)
    return target


# ---------------------------------------------------------------------------------------------
# The compile check

_OVERFULL = re.compile(r"^Overfull \\[hv]box \((?P<pt>[0-9.]+)pt too (?:wide|high)\)(?P<where>.*)$", re.M)
_ERROR = re.compile(r"^! .*$", re.M)
_FLOAT = re.compile(r"^LaTeX Warning: Float too large for page.*$", re.M)
_UNDEFINED = re.compile(r"^LaTeX Warning: (?:Reference|Citation) .* undefined.*$", re.M)


def log_problems(log: str, overfull_pt: float = OVERFULL_PT) -> list[str]:
    """What a LaTeX log reports that a manuscript must not have."""
    problems = [m.group(0) for m in _ERROR.finditer(log)]
    problems += [m.group(0).strip() for m in _OVERFULL.finditer(log) if float(m["pt"]) > overfull_pt]
    problems += [m.group(0) for m in _FLOAT.finditer(log)]
    problems += [m.group(0) for m in _UNDEFINED.finditer(log)]
    return problems


def compile_check(dest: str | Path, latex: str = "pdflatex") -> list[str]:
    """Compile dest/example.tex (in a scratch copy) and list every problem; an empty list passes."""
    dest = Path(dest)
    if shutil.which(latex) is None:
        return [f"{latex} not found: install TeX Live ({' '.join(LATEX_PACKAGES)})"]
    problems = []
    with tempfile.TemporaryDirectory(prefix="manuscript-") as tmp:
        work = Path(tmp) / "ms"
        shutil.copytree(dest, work)
        for _ in range(2):  # the second run resolves the references
            res = subprocess.run([latex, "-interaction=nonstopmode", "-halt-on-error", "example.tex"], cwd=work,
                                 capture_output=True, text=True, errors="replace")
        log = (work / "example.log").read_text(encoding="latin-1")
        problems += log_problems(log)
        if res.returncode != 0 and not problems:
            problems.append(f"{latex} exited with {res.returncode}")
        if (work / "example.pdf").exists():
            shutil.copyfile(work / "example.pdf", dest / "example.pdf")
        else:
            problems.append("no example.pdf was written")
        text = (work / "example.tex").read_text(encoding="utf-8")
        for fig in (dest / "figures").glob("*.pdf"):
            if f"figures/{fig.name}" not in (work / "figures.tex").read_text(encoding="utf-8"):
                problems.append(f"{fig.name} is not in figures.tex")
        for tab in (dest / "tables").glob("*.tex"):
            if rf"\input{{tables/{tab.stem}.tex}}" not in text:
                problems.append(f"{tab.name} is not in example.tex")
    for fig in sorted((dest / "figures").glob("*.pdf")):
        problems += [f"{fig.name}: {p}" for p in pdf_check.problems(fig)]
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", nargs="*", default=[], metavar="KEY=VALUE",
                    help="a run's settings as make gives them to the workflow (raw=..., start_year=..., out=...); "
                         "none: the study of study.toml")
    ap.add_argument("--figures", help="the figures folder (default: the run's)")
    ap.add_argument("--tables", help="the tables folder (default: the run's)")
    ap.add_argument("--dest", required=True)
    ap.add_argument("--preset", default="journal", choices=sorted(style.PRESETS))
    ap.add_argument("--check", action="store_true", help="compile example.tex and check the log and the figures")
    args = ap.parse_args(argv)
    from . import config

    given = dict(item.split("=", 1) for item in args.config)
    try:
        run = config.resolve({k: v for k, v in given.items() if k in config.VARIABLES or k == "study"},
                             out=given.get("out"))
    except config.SettingsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        written = export(args.figures or run.folders.figures, args.tables or run.folders.tables, args.dest,
                         args.preset, start_year=run.settings.start_year, end_year=run.settings.end_year,
                         ru_region=run.settings.ru_region, partners=run.settings.partners,
                         compare_region=run.settings.compare_region)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files into {args.dest} ({args.preset} preset)")
    if args.check:
        problems = compile_check(args.dest)
        for p in problems:
            print(f"problem: {p}", file=sys.stderr)
        if problems:
            return 1
        print(f"{args.dest}/example.tex compiles: no error, no overfull box over {OVERFULL_PT} pt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
