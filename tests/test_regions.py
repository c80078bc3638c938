"""Any Russian region: the made-up Chelyabinsk fixture compilation (tests/fixtures/chelyabinsk/, a fixture, not
evidence) names its region in Russian, in English, as "Chelyabinsk oblast" and as its capital."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import matplotlib.text
import pytest

from regional_ties import clean, figures, gazetteer, stats
from regional_ties.compilation import compile_events
from regional_ties.load import read_raw

from .conftest import FIXTURES, ROOT

CHELYABINSK_EVENTS = ["F1", "F2", "F3", "F4", "F6"]  # F4 names two regions; F5 is of Sverdlovsk region only
OTHER_REGION_WORDS = ("Sverdlovsk", "sverdlovsk", "Yekaterinburg", "Свердлов", "Екатеринбург")


@pytest.fixture(scope="module")
def tables():
    return read_raw(FIXTURES / "chelyabinsk")


@pytest.mark.parametrize("ru_region", ["Chelyabinsk", "Челябинская область", "Chelyabinsk oblast", "Челябинск",
                                       "chelyabinsk region"])
def test_every_way_of_writing_the_region_counts(tables, ru_region):
    ev = clean.clean_events(compile_events(tables), 2015, 2020, ru_region)
    assert sorted(ev.loc[ev["ru_region_match"], "event_id"]) == CHELYABINSK_EVENTS
    assert sorted(stats.analysis_events(ev)["event_id"]) == CHELYABINSK_EVENTS


def test_the_other_region_of_the_compilation_counts_its_own_events(tables):
    ev = clean.clean_events(compile_events(tables), 2015, 2020, "Свердловская область")
    assert sorted(ev.loc[ev["ru_region_match"], "event_id"]) == ["F4", "F5"]


def test_a_region_absent_from_the_compilation_is_an_error_listing_the_regions_present(tables):
    with pytest.raises(clean.NoEventsOfRegion) as err:
        clean.clean_events(compile_events(tables), 2015, 2020, "Tatarstan")
    msg = str(err.value)
    assert "no event of Republic of Tatarstan" in msg
    assert "Chelyabinsk region (5), Sverdlovsk region (2)" in msg


def test_an_unknown_region_studied_is_an_error_with_the_closest_names(tables):
    with pytest.raises(gazetteer.UnknownRussianRegion) as err:
        clean.clean_events(compile_events(tables), 2015, 2020, "Chelyabinks")
    assert "Chelyabinsk region" in err.value.suggestions


def test_counts_of_the_regions_held():
    t = clean.ru_region_counts(read_raw(FIXTURES / "chelyabinsk")["events"]["ru_region"])
    assert list(zip(t["name"], t["events"], strict=True)) == [("Chelyabinsk region", 5), ("Sverdlovsk region", 2)]


@pytest.mark.parametrize("ru_region, applies", [("Chelyabinsk", ["FD1", "FD3"]), ("Sverdlovsk", ["FD1", "FD2"]),
                                                 ("Omsk", ["FD1"])])
def test_national_documents_apply_to_every_region_regional_ones_to_their_parties(tables, ru_region, applies):
    docs = clean.clean_legal_documents(tables["legal_documents"], 2015, 2020, ru_region)
    assert dict(zip(docs["doc_id"], docs["ru_regions"], strict=True)) == {"FD1": "", "FD2": "sverdlovsk",
                                                                          "FD3": "chelyabinsk"}
    assert sorted(stats.region_documents(docs)["doc_id"]) == applies
    assert len(docs) == 3  # flagged, never dropped


def _texts(fig) -> str:
    return " | ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_tile_map_and_actor_figure_name_the_region_studied(tables):
    region = gazetteer.resolve_ru_region("Челябинская область")
    an = stats.analysis_events(clean.clean_events(compile_events(tables), 2015, 2020, "Chelyabinsk"))
    tile, actors = _texts(figures.tile_map(an, region)), _texts(figures.actor_kinds(an, region))
    assert "Chelyabinsk\n(Chelyabinsk region)" in tile and "Chelyabinsk side" in actors  # the capital over its region
    for word in OTHER_REGION_WORDS:
        assert word not in tile + actors
    for name, spec in figures.FIGURES.items():
        assert not any(w in spec.caption_for(region) for w in OTHER_REGION_WORDS), name


# ----------------------------------------------------------------------------- the whole chain, through make


def make(*args, check=True):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    res = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, env=env)
    if check and res.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return res


@pytest.fixture(scope="module")
def chelyabinsk_run(tmp_path_factory):
    # fixed folders: set up again after a teardown by pytest-xdist, make finds the run done
    raw = tmp_path_factory.getbasetemp() / "chelyabinsk-raw" / "chelyabinsk"
    if not raw.exists():
        shutil.copytree(FIXTURES / "chelyabinsk", raw)
    out = tmp_path_factory.getbasetemp() / "chelyabinsk-out"
    make("all", f"RAW={raw}", f"OUT={out}", "RU_REGION=Chelyabinsk")
    return out


@pytest.mark.slow
def test_the_chain_counts_every_event_of_the_region(chelyabinsk_run):
    out = chelyabinsk_run
    rows = dict(line.rsplit(",", 1) for line in (out / "reports/tables/accounting.csv").read_text().splitlines()[1:])
    assert rows["  of the Russian region studied"] == "5" and rows["  in the analysis (both)"] == "5"
    by_area = (out / "reports/tables/events_by_area.csv").read_text().splitlines()[1:]
    assert sum(int(line.split(",")[1]) for line in by_area) == 5


@pytest.mark.slow
def test_figures_captions_and_tables_name_the_region_studied_and_no_other(chelyabinsk_run):
    out = chelyabinsk_run
    manifest = json.loads((out / "figures/manifest.json").read_text(encoding="utf-8"))
    for name in ("fig1_events_by_year_area", "fig3_tile_map", "fig4_actor_kinds", "fig6_legal_timeline"):
        assert "Chelyabinsk" in manifest[name]["caption"], name
    written = {p.relative_to(out): p.read_text(encoding="utf-8") for p in
               [*(t for t in (out / "reports/tables").iterdir() if not t.name.startswith("comparison_")),
                out / "figures/manifest.json", out / "reports/findings.json",
                out / "reports/findings.md", out / "data/processed/datapackage.json"]}
    for path, text in written.items():  # the comparison tables of notebook 06 name the other region by design
        assert not [w for w in OTHER_REGION_WORDS if w in text], path
    assert "Chelyabinsk side" in written[Path("reports/tables/actor_kinds.tex")]
    assert "Chelyabinsk region" in written[Path("reports/tables/legal_basis.tex")]
    assert "Chelyabinsk region" in json.loads(written[Path("data/processed/datapackage.json")])["title"]
    # the legal basis is the region's own: the national treaty and its agreement, not the other region's
    legal = written[Path("reports/tables/legal_basis.csv")]
    assert "FD1" in legal and "FD3" in legal and "FD2" not in legal
    c7 = next(f for f in json.loads(written[Path("reports/findings.json")]) if f["id"] == "C7_legal_basis")
    assert c7["n"] == 2


@pytest.mark.slow
def test_the_narration_names_the_region_studied(chelyabinsk_run):
    nb = (chelyabinsk_run / "reports/03_descriptive_stats.ipynb").read_text(encoding="utf-8")
    assert "events in the analysis (Chelyabinsk region, 2015-2020)" in nb
    assert "Chelyabinsk region and Kazakhstan" in (chelyabinsk_run / "reports/study.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("ru_region, says", [
    ("Tatarstan", "its events are of: Chelyabinsk region (5), Sverdlovsk region (2)"),
    ("Chelyabinks", "closest known names: Chelyabinsk region"),
])
@pytest.mark.slow  # the whole chain through make
def test_a_region_absent_or_unknown_stops_the_run_naming_what_there_is(tmp_path, ru_region, says):
    res = make("all", f"RAW={FIXTURES / 'chelyabinsk'}", f"OUT={tmp_path}", f"RU_REGION={ru_region}", check=False)
    assert res.returncode != 0 and says in res.stderr
    assert not (tmp_path / "data/processed").exists()
