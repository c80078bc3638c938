"""Every PDF figure as a journal reads it: no text outside the page, no text on text, TrueType fonts.

The small figures drawn here are made-up fixtures that put text where the check must (or must not) object."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from regional_ties import pdf_check, style

from .conftest import ROOT


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
    one_label = draw(tmp_path, lambda fig: fig.text(0.05, 0.5, "two words", fontsize=7), name="one")
    assert pdf_check.problems(one_label) == []  # the letters of one label touch but do not overlap


def test_lines_of_one_label_do_not_count_as_overlap(tmp_path):
    path = draw(tmp_path, lambda fig: fig.text(0.05, 0.2, "North\nKazakhstan", fontsize=7, linespacing=1.0))
    assert pdf_check.problems(path) == []


def test_a_type3_font_is_refused(tmp_path):
    path = draw(tmp_path, lambda fig: fig.text(0.1, 0.5, "abc", fontsize=8), fonttype=3)
    assert any("not TrueType" in p for p in pdf_check.problems(path))


@pytest.mark.parametrize("size,small", [(6.9, True), (7.0, False), (7.1, False)])
def test_text_under_seven_points_is_reported_at_and_either_side_of_the_cut(tmp_path, size, small):
    path = draw(tmp_path, lambda fig: fig.text(0.05, 0.5, "ab", fontsize=size))
    assert any("under 7 pt" in p for p in pdf_check.problems(path)) == small
    assert pdf_check.smallest_text_pt(path) == pytest.approx(size, abs=0.02)


def test_turned_text_is_measured_across_its_line(tmp_path):
    path = draw(tmp_path, lambda fig: fig.text(0.5, 0.1, "2015", fontsize=6.5, rotation=90))
    assert any("under 7 pt" in p and "6.50" in p for p in pdf_check.problems(path))


def _bar_and_text(x_text, with_patch=False):
    def place(fig):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.bar(0.3, 0.8, width=0.2, color="#0072B2")
        ax.plot([0.0, 1.0], [0.1, 0.1], color="black", lw=0.6)
        box = {"facecolor": "white", "edgecolor": "none", "pad": 1} if with_patch else None
        ax.text(x_text, 0.5, "ab", fontsize=7, ha="center", va="center", bbox=box)
    return place


@pytest.mark.parametrize("x,over", [(0.3, True), (0.8, False)])
def test_text_over_a_bar_is_reported_and_beside_it_is_not(tmp_path, x, over):
    path = draw(tmp_path, _bar_and_text(x))
    assert any("text over data" in p for p in pdf_check.problems(path)) == over


def test_text_on_a_line_and_a_point_is_reported(tmp_path):
    def on_line(fig):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.plot([0, 1], [0, 1], color="black", lw=0.6)  # the diagonal passes through the label's middle
        ax.text(0.5, 0.5, "ab", fontsize=7, ha="center", va="center")

    def on_point(fig):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.plot(0.5, 0.5, "o", ms=6, color="#D55E00")
        ax.text(0.5, 0.5, "ab", fontsize=7, ha="center", va="center")

    for place, name in ((on_line, "line"), (on_point, "point")):
        assert any("text over data" in p for p in pdf_check.problems(draw(tmp_path, place, name=name))), name


def test_a_label_on_its_own_patch_and_a_light_shading_are_not_data(tmp_path):
    def shaded(fig):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.axvspan(0.0, 1.0, color="#eeeeee", lw=0)  # a window band: background, not data
        ax.text(0.5, 0.5, "ab", fontsize=7, ha="center", va="center")

    assert pdf_check.problems(draw(tmp_path, shaded, name="shaded")) == []
    # a label with a patch of its own drawn over a line (as the tile map's labels over its lines)
    def patched(fig):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.plot([0, 1], [0.5, 0.5], color="black", lw=0.6, zorder=1)
        ax.text(0.5, 0.5, "ab", fontsize=7, ha="center", va="center", zorder=2,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})

    assert pdf_check.problems(draw(tmp_path, patched, name="patched")) == []


def _manifest_figures():
    import json

    return sorted(json.loads((ROOT / "figures/manifest.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def thesis_figures(tmp_path_factory):
    """Every figure of the manifest drawn again for the thesis page, as `make paper PRESET=thesis` does."""
    import json

    from regional_ties import paper

    out = tmp_path_factory.mktemp("thesis")
    manifest = json.loads((ROOT / "figures/manifest.json").read_text(encoding="utf-8"))
    paper.redraw(manifest, ROOT, out, style.PRESETS["thesis"], 2015, 2020, "Sverdlovsk")
    return out


@pytest.mark.parametrize("name", _manifest_figures())
def test_every_manifest_figure_passes_in_the_journal_preset(name):
    assert pdf_check.problems(ROOT / "figures" / f"{name}.pdf") == []


@pytest.mark.parametrize("name", _manifest_figures())
def test_every_manifest_figure_passes_in_the_thesis_preset(name, thesis_figures):
    assert pdf_check.problems(thesis_figures / f"{name}.pdf") == []
