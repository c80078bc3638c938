"""The study report: built with nbconvert from executed notebooks, self-contained, tables and figures
numbered and captioned, figures at their own width, the evidence browser filtering offline.

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
    """A made-up executed notebook of a run whose folder (`out`) holds the study's figure manifest and figure 1."""
    png = base64.b64encode(FIG.read_bytes()).decode()
    out = tmp_path / "run"
    (out / "figures").mkdir(parents=True, exist_ok=True)
    (out / "figures" / "manifest.json").write_bytes((ROOT / "figures" / "manifest.json").read_bytes())
    (out / "figures" / FIG.name).write_bytes(FIG.read_bytes())
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# 1. Fixture section\n\nNarrative text."},
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "settings = {}\nout = ''",
         "outputs": []},
        {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]},
         "source": f"settings = {{'ru_region': 'Chelyabinsk', 'start_year': 2010}}\nout = {str(out)!r}",
         "outputs": []},
        {"cell_type": "markdown", "metadata": {}, "source": "## A subsection"},
        {"cell_type": "code", "metadata": {}, "source": "secret_code_line = 1", "outputs": [
            {"output_type": "display_data", "metadata": {},
             "data": {"text/markdown": "**fig1_events_by_year_area.** A fixture caption", "text/plain": "<Markdown>"}},
            {"output_type": "display_data", "metadata": {"image/png": {"width": 700}},
             "data": {"image/png": png, "text/plain": "<Image>"}},
            {"output_type": "display_data", "metadata": {},
             "data": {"text/markdown": "**A bold caption line**", "text/plain": "<Markdown>"}},
            {"output_type": "display_data", "metadata": {},
             "data": {"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "df"}},
            {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
             "data": {"text/html": "<table><tr><td>2</td></tr></table>", "text/plain": "df"}},
        ]},
    ]
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"
        if cell["cell_type"] == "code":
            cell["execution_count"] = None
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
    assert 'class="toc"' in html and 'href="#a-subsection"' in html and 'id="a-subsection"' in html
    assert "out = ''" not in html and "'ru_region': 'Chelyabinsk'" not in html  # parameter cells left out
    assert "secret_code_line" not in html  # the report shows outputs only
    assert 'href="01_fixture.html"' in html
    page = (tmp_path / "01_fixture.html").read_text(encoding="utf-8")
    assert "secret_code_line" in page and "<script src=" not in page  # the notebook's own page shows its code


def test_contents_number_sections_once(tmp_path):
    html = study_report.study_html([_fixture_notebook(tmp_path)], tmp_path / "study.html").read_text()
    toc = re.search(r'<nav class="toc">.*?</nav>', html, re.S).group(0)
    assert "<ol" not in toc and ">1. Fixture section<" in toc


def test_figures_numbered_and_captioned_below_from_the_manifest(tmp_path):
    manifest = json.loads((ROOT / "figures/manifest.json").read_text(encoding="utf-8"))
    html = study_report.study_html([_fixture_notebook(tmp_path)], tmp_path / "study.html").read_text()
    fig = re.search(r"<figure[^>]*>(.*?)</figure>", html, re.S).group(1)
    img, caption = re.search(r"<img [^>]*>", fig).group(0), re.search(r"<figcaption>(.*?)</figcaption>", fig).group(1)
    assert fig.index("<img") < fig.index("<figcaption>")
    assert caption.startswith("<b>Figure 1.</b> ")
    assert study_report.html.unescape(caption.split("</b> ", 1)[1]) == manifest["fig1_events_by_year_area"]["caption"]
    assert f'width="{study_report.png_css_width(FIG.read_bytes())}"' in img and 'alt="figure"' not in img
    assert "**fig1.**" not in html and "fig1_events" not in caption


def test_tables_numbered_with_the_caption_above(tmp_path):
    html = study_report.study_html([_fixture_notebook(tmp_path)], tmp_path / "study.html").read_text()
    tables = re.findall(r"<table[^>]*>\s*<caption>(.*?)</caption>", html, re.S)
    assert tables == ["<b>Table 1.</b> A bold caption line", "<b>Table 2.</b> A subsection"]


def test_claim_headings_in_words():
    assert study_report.heading_words("### C1_areas: the main areas") == "### C1: the main areas"
    assert study_report.heading_words("C12_state_and_non_state") == "C12"
    assert study_report.heading_words("C1 and C_2") == "C1 and C_2"


def test_report_references_nothing_outside_the_file(tmp_path):
    html = study_report.study_html([_fixture_notebook(tmp_path)], tmp_path / "study.html").read_text()
    assert "<script src=" not in html and "<link " not in html
    assert not re.search(r"src=\"(https?:)?//", html)
    assert "@import" not in html and "url(http" not in html


def test_build_reads_a_folder_and_refuses_an_empty_one(tmp_path):
    _fixture_notebook(tmp_path)
    assert study_report.build(tmp_path).name == "study.html"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match="no executed notebook"):
        study_report.build(empty)
    assert study_report.main([str(empty)]) == 2


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


@pytest.mark.browser
def test_evidence_browser_filters_offline(tmp_path):
    """Typing a year into the year filter shows that year's events only, with no outside request."""
    _need_chromium()
    import pandas as pd
    from playwright.sync_api import sync_playwright

    from regional_ties import browser_check, evidence

    events = pd.read_csv(ROOT / "data/processed/events.csv", dtype=str, keep_default_na=False)
    page_path = tmp_path / "browser.html"
    page_path.write_text("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
                         + evidence.browser_html({"Every event": evidence.events_table(events)})
                         + "</body></html>", encoding="utf-8")
    assert browser_check.check_page(page_path) == []
    year = "2016"
    expected = int((events["year"] == year).sum())
    assert 0 < expected < len(events)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_check.chromium_path(),
                                    args=browser_check.CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        page.wait_for_selector("table.dataTable tbody tr")
        page.select_option("select", "100")
        assert page.locator("table.dataTable tbody tr").count() == len(events)
        page.locator("table.dataTable thead input[placeholder='Year']").press_sequentially(year)
        page.wait_for_function(f"document.querySelectorAll('table.dataTable tbody tr').length == {expected}")
        shown = page.locator("table.dataTable tbody tr")
        assert shown.count() == expected
        assert all(shown.nth(i).locator("td").nth(1).inner_text() == year for i in range(expected))
        page.locator("input[type=search]").press_sequentially("no event says this")
        page.wait_for_function("document.querySelectorAll('table.dataTable tbody td.dt-empty').length == 1")
        browser.close()


def test_markdown_tables_numbered_under_their_heading():
    numbering = study_report.Numbering({}, None)
    numbering.tables = 4
    text = "### C1_areas: the main areas\n\n*Data variants:*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    out = study_report.markdown_tables(study_report.heading_words(text), numbering, "Findings")
    assert "<caption><b>Table 5.</b> C1: the main areas, data variants</caption>" in out
    assert numbering.tables == 5
