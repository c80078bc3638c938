"""The manuscript export: figures.tex by the figures' widths, example.tex, and a real LaTeX compile of both presets."""

from __future__ import annotations

import os
import shutil

import pytest

from regional_ties import paper, style

from .conftest import ROOT

STUDY = {"start_year": 2015, "end_year": 2020, "ru_region": "Sverdlovsk"}  # the settings of study.toml

HAS_LATEX = shutil.which("pdflatex") is not None
# CI installs TeX Live (.ci/run); there a missing pdflatex is a failure, not a skip
needs_latex = pytest.mark.skipif(not HAS_LATEX and not os.environ.get("CI"), reason="pdflatex is not installed")


@pytest.mark.parametrize("width,env", [(84.9, "figure"), (85.5, "figure"), (85.6, "figure*"), (175.0, "figure*")])
def test_figure_or_figure_star_by_the_figures_width(width, env):
    manifest = {"fig": {"caption": "A caption with 50% & more.", "size_mm": [width, 60.0]}}
    tex = paper.figures_tex(manifest, style.PRESETS["journal"])
    assert tex.startswith(rf"\begin{{{env}}}[tbp]") and tex.rstrip().endswith(rf"\end{{{env}}}")
    assert r"\includegraphics{figures/fig.pdf}" in tex  # at its own size, never scaled
    assert r"\caption{A caption with 50\% \& more.}" in tex and r"\label{fig:fig}" in tex


def test_example_tex_follows_the_preset_page():
    manifest = {"fig": {"caption": "c", "size_mm": [85.0, 60.0]}}
    journal = paper.example_tex(manifest, ["accounting"], style.PRESETS["journal"])
    assert "twocolumn" in journal and "textwidth=175.0mm" in journal and "columnsep=5.0mm" in journal
    assert r"\input{figures.tex}" in journal and r"\input{tables/accounting.tex}" in journal
    assert r"Table~\ref{tab:accounting}" in journal and r"Figure~\ref{fig:fig}" in journal
    thesis = paper.example_tex(manifest, [], style.PRESETS["thesis"])
    assert "onecolumn" in thesis and "textwidth=160.0mm" in thesis


@pytest.mark.parametrize("pt,bad", [("0.99", False), ("1.0", False), ("1.01", True), ("25.3", True)])
def test_an_overfull_box_counts_from_one_point(pt, bad):
    log = f"Overfull \\hbox ({pt}pt too wide) in paragraph at lines 3--3\n"
    assert bool(paper.log_problems(log)) == bad


def test_errors_floats_too_large_and_undefined_references_count():
    log = ("! Undefined control sequence.\nLaTeX Warning: Float too large for page by 12.0pt on input line 9.\n"
           "LaTeX Warning: Reference `tab:x' on page 1 undefined on input line 4.\nUnderfull \\hbox (badness 10000)\n")
    assert len(paper.log_problems(log)) == 3


def test_an_unknown_preset_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown preset 'poster'"):
        paper.export(ROOT / "figures", ROOT / "reports/tables", tmp_path, preset="poster", **STUDY)


@needs_latex
@pytest.mark.parametrize("preset", sorted(style.PRESETS))
def test_the_manuscript_compiles_with_every_figure_and_table(preset, tmp_path):
    dest = tmp_path / "ms"
    paper.export(ROOT / "figures", ROOT / "reports/tables", dest, preset=preset, **STUDY)
    problems = paper.compile_check(dest)
    assert problems == [], "\n".join(problems)
    pdf = (dest / "example.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    figures_tex = (dest / "figures.tex").read_text(encoding="utf-8")
    if preset == "journal":  # single-column figures in `figure`, double-column ones in `figure*`
        assert r"\begin{figure}[tbp]" in figures_tex and r"\begin{figure*}[tbp]" in figures_tex
    else:  # every figure fits the one column of the thesis page
        assert all(paper.figures.size_mm(p)[0] <= style.PRESETS[preset].double_mm
                   for p in (dest / "figures").glob("*.pdf"))


def test_a_broken_table_fails_the_compile_check(tmp_path):
    if not HAS_LATEX:
        pytest.skip("pdflatex is not installed")
    dest = tmp_path / "ms"
    paper.export(ROOT / "figures", ROOT / "reports/tables", dest, **STUDY)
    wide = dest / "tables/accounting.tex"
    wide.write_text(r"\begin{tabular}{l}" + "x" * 400 + r"\end{tabular}" + "\n", encoding="utf-8")
    assert any("Overfull" in p for p in paper.compile_check(dest))
