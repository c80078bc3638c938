"""Another region's study, end to end: the made-up Omsk fixture (tests/fixtures/omsk/, a fixture, not evidence)
with its own study file (two named partners, three named areas, no comparison region) runs the whole chain once
for this module, and its texts, verdicts and figures name Omsk region and its partners, and never Sverdlovsk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import matplotlib.text
import pandas as pd
import pytest

from regional_ties import config, figures, stats
from regional_ties.datapackage import read_processed

from .conftest import FIXTURES, ROOT

STUDY = FIXTURES / "omsk" / "study.toml"
SVERDLOVSK_WORDS = ("Sverdlovsk", "sverdlovsk", "Yekaterinburg", "Свердлов", "Екатеринбург", "Kostanay, Akmola")


@pytest.fixture(scope="module")
def omsk_run(tmp_path_factory):
    """One run of the chain (make STUDY=... RAW=... OUT=...), shared by the module."""
    base = tmp_path_factory.getbasetemp()
    raw, out = base / "omsk-raw" / "omsk", base / "omsk-out"
    if not raw.exists():
        shutil.copytree(FIXTURES / "omsk", raw, ignore=shutil.ignore_patterns("study.toml"))
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    res = subprocess.run(["make", "--no-print-directory", "all", f"STUDY={STUDY}", f"RAW={raw}", f"OUT={out}"],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise AssertionError(f"make failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return out


def test_the_fixture_study_file_is_read_with_its_partners_areas_and_no_comparison():
    run = config.resolve({}, study_file=STUDY, root=ROOT)
    s = run.settings
    assert (s.ru_region, s.partners, s.areas, s.compare_region) == ("Omsk", ("pavlodar", "north_kazakhstan"),
                                                                     ("education", "sport", "arts"), "")
    assert not run.is_study and run.name.startswith("runs/") and run.overrides["study"] == str(STUDY.resolve())


def _outputs(out):
    """Every text the run wrote (executed notebooks: their outputs, not their code), by path."""
    texts = {}
    for p in sorted(out.rglob("*")):
        if not p.is_file() or p.suffix in (".png", ".pdf", ".svg") or "logs" in p.parts or p.suffix == ".html":
            continue
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".ipynb":
            text = json.dumps([c.get("outputs", []) for c in json.loads(text)["cells"]], ensure_ascii=False)
        texts[p.relative_to(out).as_posix()] = text
    return texts


@pytest.mark.slow
def test_the_texts_and_verdicts_name_the_region_and_its_partners_and_never_sverdlovsk(omsk_run):
    texts = _outputs(omsk_run)
    assert {"reports/findings.md", "reports/findings.json", "reports/summary.md", "figures/manifest.json"} <= set(texts)
    for path, text in texts.items():
        assert not [w for w in SVERDLOVSK_WORDS if w in text], path
    md = texts["reports/findings.md"]
    assert "Pavlodar and North Kazakhstan regions are Omsk region's key partners." in md
    assert "Education, sport and the arts are the main areas of Omsk region's ties" in md
    found = {f["id"]: f for f in json.loads(texts["reports/findings.json"])}
    c1, c2 = found["C1_areas"], found["C2_partners"]
    assert c2["claim"].startswith("Pavlodar and North Kazakhstan") and c2["reading"].startswith("The two named units")
    assert c2["detail"]["named_partners_without_event"] == []
    # two named partners: the top-five count, whose cuts are set for five, decides nothing
    top = next(c for c in c2["conditions"] if c["name"] == "named_in_top_five")
    assert top["status"] == "degenerate" and "names 2 partners" in top["degenerate"]
    assert c2["detail"]["observed_top_five"][:2] == ["Pavlodar", "North Kazakhstan"]
    # 12 of the 14 events are single-unit events with Pavlodar (7) or North Kazakhstan (5): the share is the
    # study file's partners', not the Sverdlovsk article's (Kostanay and Astana hold one event each)
    share = next(c for c in c2["conditions"] if c["name"] == "named_share")
    assert share["value"] == round(12 / 14, 4) and c2["n"] == 14
    five = next(c for c in c1["conditions"] if c["name"] == "five_area_share")
    assert five["value"] == round(12 / 14, 4)  # education 6, sport 3, arts 3 of 14
    assert c1["detail"]["largest_rival"] in ("sport", "arts")
    # the verdict table (README-style, in the run's summary) and findings.md carry the study's words
    summary = texts["reports/summary.md"]
    assert summary.startswith("# Omsk region and Kazakhstan: a made-up fixture study")
    assert "No comparison region was set" in summary
    assert "| C2: the key partners | Pavlodar and North Kazakhstan regions are Omsk region's key partners. |" in md


@pytest.mark.slow
def test_no_comparison_region_writes_no_comparison_and_says_so_in_one_line(omsk_run):
    assert not list((omsk_run / "reports/tables").glob("comparison_*"))
    assert not list((omsk_run / "figures").glob("fig9_*"))
    manifest = json.loads((omsk_run / "figures/manifest.json").read_text(encoding="utf-8"))
    assert "fig9_comparison" not in manifest
    nb = (omsk_run / "reports/06_comparison.ipynb").read_text(encoding="utf-8")
    assert "no comparison region was set" in nb


@pytest.mark.slow
def test_the_figures_and_captions_name_the_region_and_its_partners(omsk_run):
    manifest = json.loads((omsk_run / "figures/manifest.json").read_text(encoding="utf-8"))
    assert manifest["fig1_events_by_year_area"]["caption"].startswith("Events of Omsk region with Kazakh partners")
    assert "The legal basis of Omsk region" in manifest["fig6_legal_timeline"]["caption"]
    assert "the two units the article names as key partners" in manifest["fig2_events_by_unit"]["caption"]
    # figure 2 as notebook 04 draws it: the named partners marked (their colour), the others not
    ev = stats.analysis_events(read_processed(omsk_run / "data/processed", "events"))
    fig = figures.events_by_unit(ev, ("pavlodar", "north_kazakhstan"))
    ax = fig.axes[0]
    marked = {t.get_text() for t, bar in zip(ax.get_yticklabels(), ax.patches, strict=False)
              if bar.get_facecolor()[:3] != matplotlib.colors.to_rgb("#9a9a9a")}
    assert marked == {"Pavlodar", "North Kazakhstan"}
    texts = " | ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "Sverdlovsk" not in texts
    processed = pd.read_csv(omsk_run / "data/processed/events.csv", dtype=str, keep_default_na=False)
    assert set(processed.loc[processed["ru_region_match"] == "True", "event_id"]) == {f"O{i}" for i in range(1, 15)}
