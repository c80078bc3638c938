"""Every figure renders from a small fixture table, deterministically, at the journal width."""

import hashlib

import pytest

from regional_ties import clean, comparison, figures, findings, gazetteer, style
from regional_ties.compilation import compile_events
from regional_ties.load import read_raw

from .conftest import FIXTURES

SVERDLOVSK = gazetteer.resolve_ru_region("Sverdlovsk")


@pytest.fixture(scope="module")
def data():
    t = read_raw(FIXTURES / "valid")
    ev = clean.clean_events(compile_events(t), 2015, 2020, "Sverdlovsk")
    docs = clean.clean_legal_documents(t["legal_documents"], 2015, 2020, "Sverdlovsk")
    found = findings.evaluate_claims(ev, docs, start_year=2015, end_year=2020)
    return ev, ev[ev["in_analysis"]], docs, found


def render(name, data):
    ev, an, docs, found = data
    return {
        "fig1_events_by_year_area": lambda: figures.events_by_year_area(ev, 2015, 2020),
        "fig2_events_by_unit": lambda: figures.events_by_unit(an),
        "fig3_tile_map": lambda: figures.tile_map(an, SVERDLOVSK),
        "fig4_actor_kinds": lambda: figures.actor_kinds(an, SVERDLOVSK),
        "fig5_format_by_year": lambda: figures.format_by_year(ev, 2015, 2020),
        "fig6_legal_timeline": lambda: figures.legal_timeline(docs, 2015, 2020),
        "fig7_claim_verdicts": lambda: figures.claim_verdicts(found),
        "fig8_specification_curve": lambda: figures.specification_curve(findings.multiverse_table(found)),
        "fig9_comparison": lambda: comparison.figure_for(ev, "Sverdlovsk", 2015, 2020),
    }[name]()


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_figure_renders_deterministically(name, data, tmp_path):
    a = style.save(render(name, data), tmp_path / "a" / name)
    b = style.save(render(name, data), tmp_path / "b" / name)
    for pa, pb in zip(a, b, strict=True):
        assert hashlib.sha256(pa.read_bytes()).digest() == hashlib.sha256(pb.read_bytes()).digest(), pa.name
    png = a[-1].read_bytes()
    import struct

    width = struct.unpack(">I", png[16:20])[0]
    expected = {round(style.DEFAULT.single_mm / 25.4 * 300), round(style.DEFAULT.double_mm / 25.4 * 300)}
    assert min(abs(width - e) for e in expected) <= 2, width
    assert b"CreationDate" not in a[0].read_bytes()


def test_every_registered_figure_has_a_caption():
    assert all(len(s.caption) > 20 for s in figures.FIGURES.values())


def test_legal_timeline_bars_span_the_documents_years(data):
    from matplotlib.patches import Rectangle

    docs = data[2].iloc[:2].copy()
    docs["force_start"], docs["force_end"] = ["2017", "2012"], ["2017", "2017"]
    fig = figures.legal_timeline(docs, 2015, 2020)
    bars = sorted((p.get_x(), p.get_x() + p.get_width()) for p in fig.axes[0].patches
                  if isinstance(p, Rectangle) and p.get_width() > 0 and abs(p.get_height() - 0.6) < 1e-9)
    assert bars == [(2011.5, 2017.5), (2016.5, 2017.5)]  # a plan for 2017 alone covers 2017, not mid-2016


def test_every_unit_gets_a_bar_a_key_partner_with_no_event_too(data):
    from matplotlib.colors import to_hex

    an = data[1]
    an = an[an["kz_unit"] != "akmola"]
    fig = figures.events_by_unit(an)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    y = labels.index("Akmola")
    marks = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - y) < 1e-9 and p.get_width() > 0]
    assert marks and to_hex(marks[0].get_facecolor()) == style.OKABE_ITO[4].lower()


def test_tile_map_has_a_key_and_labels_on_their_tile_colour(data):
    fig = figures.tile_map(data[1], SVERDLOVSK)
    ax = fig.axes[0]
    assert ax.get_legend() is not None and [t.get_text() for t in ax.get_legend().get_texts()][0] == "no event"
    assert len(ax.child_axes) == 1  # the colour bar
    unit_labels = [t for t in ax.texts if t.get_text() in {"Akmola", "Karaganda", "Shymkent"}]
    assert len(unit_labels) == 3 and all(t.get_bbox_patch() is not None for t in unit_labels)
    assert "Shymkent" in figures.FIGURES["fig3_tile_map"].caption and "2018" in figures.FIGURES["fig3_tile_map"].caption


def test_claim_thresholds_from_a_list_records_or_the_detail():
    assert figures.claim_thresholds({"thresholds": [0.5, {"value": 1.0, "label": "no change"}]}) == [
        (0.5, "threshold 0.5"), (1.0, "no change")]
    assert figures.claim_thresholds({"detail": {"threshold": 0.15}}) == [(0.15, "threshold 0.15")]
    assert figures.claim_thresholds({"detail": {}}) == []
    assert figures.claim_thresholds({"thresholds": [], "detail": {"threshold": 0.1}}) == []  # the list wins


def _panels(fig):
    return [ax for sub in fig.subfigs for ax in sub.axes]


def test_claim_panels_one_per_claim_each_on_its_own_scale():
    claims = [
        {"id": "C1_share", "statistic": "a share", "value": 0.3, "interval": [0.2, 0.4], "n": 20,
         "outcome": "supported", "verdict": "inconclusive", "thresholds": [0.25]},
        {"id": "C2_ratio", "statistic": "a ratio", "value": 1.4, "interval": [0.0, 3.75], "n": 20,
         "verdict": "not_supported", "detail": {"threshold": 1.0}},
        {"id": "C3_few", "statistic": "a share", "value": None, "interval": None, "n": 4,
         "outcome": "too_few_events", "detail": {}},
    ]
    fig = figures.claim_verdicts(claims)
    share, ratio, few = _panels(fig)
    assert share.get_xlim() == (-0.02, 1.02) and ratio.get_xlim()[1] > 3.75
    assert [ln.get_xdata()[0] for ln in share.lines if ln.get_linestyle() == "--"] == [0.25]
    assert [ln.get_xdata()[0] for ln in ratio.lines if ln.get_linestyle() == "--"] == [1.0]
    assert share.get_title(loc="right").startswith("supported")  # the outcome field comes before the verdict
    assert few.get_title(loc="right").startswith("too few events")


def test_claim_records_get_one_panel_per_condition_with_both_thresholds():
    claim = {"id": "C2_partners", "title": "the key partners", "n": 11, "verdict": "inconclusive",
             "record": {"conditions": [
                 {"name": "named_share", "words": "the share with a named partner", "direction": "at_least",
                  "threshold": 0.5, "fail_threshold": None, "kind": "share", "summary": "interval"},
                 {"name": "named_in_top_five", "words": "named units in the top five", "direction": "at_least",
                  "threshold": 4, "fail_threshold": 3, "kind": "count", "summary": "fixed"}]},
             "conditions": [{"value": 0.73, "low": 0.45, "high": 1.0, "status": "straddles"},
                            {"value": 5.0, "low": 5.0, "high": 5.0, "status": "meets"}]}
    fig = figures.claim_verdicts([claim])
    share, count = _panels(fig)
    assert share.get_xlim() == (-0.02, 1.02) and count.get_xlim() == (-0.5, 5.5)
    assert [ln.get_xdata()[0] for ln in count.lines if ln.get_linestyle() in ("--", ":")] == [4.0, 3.0]
    assert "not supported < 3" in [t.get_text().strip() for t in count.texts]
    assert share.get_title(loc="left") == "C2 the key partners" and "meets" in count.get_xlabel()


def test_every_bordering_region_has_a_place_on_the_tile_map():
    places = figures.map_places()
    for name in ("Astrakhan", "Volgograd", "Saratov", "Samara", "Orenburg", "Chelyabinsk", "Kurgan", "Tyumen",
                 "Omsk", "Novosibirsk", "Altai Krai", "Altai Republic", "Sverdlovsk"):
        assert gazetteer.resolve_ru_region(name).key in places, name
    # west of the grid lie the Volga regions, east of it the Altai ones
    assert places["astrakhan"].x < 0 < places["altai_republic"].x - 7


def _star(fig):
    ax = fig.axes[0]
    return [(float(line.get_xdata()[0]), float(line.get_ydata()[0])) for line in ax.lines if line.get_marker() == "*"]


@pytest.mark.parametrize("name", ["Omsk", "Astrakhan", "Sverdlovsk"])
def test_tile_map_places_the_region_studied_by_its_own_position(data, name):
    import matplotlib.pyplot as plt

    region = gazetteer.resolve_ru_region(name)
    fig = figures.tile_map(data[1], region)
    place = figures.map_places()[region.key]
    assert _star(fig) == [(place.x, place.y)]
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(region.capital_en in t for t in texts)
    # every line starts at the region's star
    starts = {(float(line.get_xdata()[0]), float(line.get_ydata()[0])) for line in fig.axes[0].lines
              if line.get_marker() in ("None", "", None)}
    assert starts <= {(place.x, place.y)}
    plt.close(fig)


def test_tile_map_leaves_a_far_region_out_with_a_note_and_places_a_comparison_region(data):
    import matplotlib.pyplot as plt

    far = gazetteer.resolve_ru_region("Krasnodar Krai")
    fig = figures.tile_map(data[1], far, compare=gazetteer.resolve_ru_region("Chelyabinsk"))
    assert _star(fig) == []
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "not on this map" in texts and far.name_en in texts
    assert "Chelyabinsk" in texts
    assert not [line for line in fig.axes[0].lines if line.get_marker() in ("None", "", None)]  # no lines drawn
    plt.close(fig)


def test_document_titles_are_shortened_at_whole_words():
    title = ("Agreement between the Government of the Republic of Kazakhstan and the Government of the Russian "
             "Federation on interregional and cross-border cooperation (Ust-Kamenogorsk, 2010)")
    assert figures.short_title(title) == ["Agreement on interregional and cross-border", "cooperation"]
    long = "Memorandum on " + " ".join(["participation"] * 20)
    lines = figures.short_title(long)
    assert len(lines) == 2 and all(len(x) <= figures.LABEL_CHARS for x in lines) and lines[-1].endswith("\u2026")
    assert all(w in long.split() for w in " ".join(lines).replace("\u2026", "").split())  # no word cut
