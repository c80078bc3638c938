"""The study report: built from executed notebooks, self-contained, figures at their own width.

The notebooks here are made-up fixtures written by the tests; the figure is one of the study's own
committed PNGs, so that its physical width is real.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil

import pytest

from regional_ties import study_report

from .conftest import ROOT

FIG = ROOT / "figures" / "fig1_events_by_year_area.png"


def _fixture_notebook(tmp_path, name="01_fixture.ipynb"):
    png = base64.b64encode(FIG.read_bytes()).decode()
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# 1. Fixture section\n\nNarrative text."},
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "raw_dir = 'x'", "outputs": []},
        {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]},
         "source": "ru_region = 'Chelyabinsk'\nstart_year = 2010", "outputs": []},
        {"cell_type": "markdown", "metadata": {}, "source": "## A subsection"},
        {"cell_type": "code", "metadata": {}, "source": "secret_code_line = 1", "outputs": [
            {"output_type": "display_data", "metadata": {},
             "data": {"text/markdown": "**fig1.** A fixture caption", "text/plain": "<Markdown>"}},
            {"output_type": "display_data", "metadata": {"image/png": {"width": 700}},
             "data": {"image/png": png, "text/plain": "<Image>"}},
            {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
             "data": {"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "df"}},
        ]},
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / name
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_figure_width_is_the_png_own_physical_width():
    # a 300-dpi PNG 85 mm wide shows at 85 mm = 321 CSS px; never the notebook's forced 700
    width = study_report.png_css_width(FIG.read_bytes())
    from PIL import Image

    with Image.open(FIG) as im:
        assert width == round(im.width * 96 / im.info["dpi"][0])
    assert width != 700


def test_report_has_title_contents_sections_and_hides_code_and_parameters(tmp_path):
    nb = _fixture_notebook(tmp_path)
    out = study_report.study_html([nb], tmp_path / "study.html")
    html = out.read_text(encoding="utf-8")
    assert "<title>Chelyabinsk region and Kazakhstan: cultural exchanges, 2010-2020" in html
    assert 'class="toc"' in html and 'href="#a-subsection"' in html
    assert "raw_dir = 'x'" not in html and "ru_region = 'Chelyabinsk'" not in html  # parameter cells left out
    assert re.search(r"<details class=\"code\"><summary>code</summary><pre>secret_code_line", html)
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'alt="fig1. A fixture caption"' in img
    assert f'width="{study_report.png_css_width(FIG.read_bytes())}"' in img
    assert "<table>" in html and 'href="01_fixture.ipynb"' in html


def test_report_references_nothing_outside_the_file(tmp_path):
    html = study_report.study_html([_fixture_notebook(tmp_path)], tmp_path / "study.html").read_text()
    assert "<script" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "@import" not in html and "url(http" not in html


def _need_chromium():
    """Skip where Debian's chromium is missing, except in CI, where its absence is a failure."""
    if shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI installs it")


@pytest.mark.browser
def test_report_opens_offline_in_chromium(tmp_path):
    _need_chromium()
    from regional_ties import browser_check

    page = study_report.study_html([_fixture_notebook(tmp_path)], tmp_path / "study.html")
    shot = tmp_path / "study.png"
    assert browser_check.check_page(page, shot) == []
    assert shot.stat().st_size > 10_000


@pytest.mark.browser
def test_browser_check_catches_an_outside_request_and_a_squeezed_figure(tmp_path):
    _need_chromium()
    from regional_ties import browser_check

    png = base64.b64encode(FIG.read_bytes()).decode()
    own = study_report.png_css_width(FIG.read_bytes())
    page = tmp_path / "bad.html"
    page.write_text(f'<!DOCTYPE html><html><head><script src="https://cdn.example.invalid/x.js"></script></head>'
                    f'<body><img src="data:image/png;base64,{png}" width="{own // 2}" data-own-width="{own}" alt="f">'
                    f"</body></html>", encoding="utf-8")
    problems = browser_check.check_page(page)
    assert any("leaves the file" in p for p in problems)
    assert any("narrower than its own" in p for p in problems)
