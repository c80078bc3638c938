"""Every figure renders from a small fixture table, deterministically, at the journal width."""

import hashlib

import pytest

from regional_ties import clean, figures, findings, gazetteer, style
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
        "fig8_threshold_sweep": lambda: figures.threshold_sweep(found),
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
