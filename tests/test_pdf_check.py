"""Every PDF figure as a journal reads it: no text outside the page, no text on text, TrueType fonts.

The small figures drawn here are made-up fixtures that put text where the check must (or must not) object."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from regional_ties import pdf_check, style

from .conftest import ROOT

FIGURES = sorted((ROOT / "figures").glob("*.pdf"))


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.stem)
def test_committed_figure_passes_the_pdf_check(path):
    assert pdf_check.problems(path) == []


def draw(tmp_path, place, fonttype=42, name="f"):
    """A 60 x 40 pt figure with text placed by `place(fig)`, saved as PDF."""
    with style.styled(), plt.rc_context({"pdf.fonttype": fonttype, "figure.constrained_layout.use": False}):
        fig = plt.figure(figsize=(60 / 72, 40 / 72))
        place(fig)
        path = tmp_path / f"{name}.pdf"
        fig.savefig(path, format="pdf")
        plt.close(fig)
    return path


def test_text_inside_the_page_passes(tmp_path):
    path = draw(tmp_path, lambda fig: fig.text(0.02, 0.5, "ab", fontsize=8))
    assert pdf_check.problems(path) == []


@pytest.mark.parametrize("x,outside", [(0.70, False), (0.95, True)])
def test_text_running_off_the_right_edge_is_reported(tmp_path, x, outside):
    path = draw(tmp_path, lambda fig: fig.text(x, 0.5, "abc", fontsize=8))  # "abc" is about 16 pt wide
    found = [p for p in pdf_check.problems(path) if "outside the page" in p]
    assert bool(found) == outside, found


def test_text_on_text_is_reported_and_neighbours_are_not(tmp_path):
    same = draw(tmp_path, lambda fig: (fig.text(0.1, 0.5, "abc", fontsize=8), fig.text(0.15, 0.5, "xyz", fontsize=8)),
                name="same")
    assert any("text on text" in p for p in pdf_check.problems(same))
    apart = draw(tmp_path, lambda fig: (fig.text(0.05, 0.2, "abc", fontsize=8), fig.text(0.05, 0.6, "xyz", fontsize=8)),
                 name="apart")
    assert pdf_check.problems(apart) == []
    one_label = draw(tmp_path, lambda fig: fig.text(0.05, 0.5, "two words", fontsize=6), name="one")
    assert pdf_check.problems(one_label) == []  # the letters of one label touch but do not overlap


def test_lines_of_one_label_do_not_count_as_overlap(tmp_path):
    path = draw(tmp_path, lambda fig: fig.text(0.05, 0.2, "North\nKazakhstan", fontsize=5.5, linespacing=1.1))
    assert pdf_check.problems(path) == []


def test_a_type3_font_is_refused(tmp_path):
    path = draw(tmp_path, lambda fig: fig.text(0.1, 0.5, "abc", fontsize=8), fonttype=3)
    assert any("not TrueType" in p for p in pdf_check.problems(path))
