"""Audit of the study's own evidence base (data/raw), run in CI.

These tests read the real data, not fixtures: every event cites an included source, every included
source is cited, every id named in a note resolves, and neither the data nor the documentation carries
words about how the work was organised instead of about sources, protocol and coders.
"""

from __future__ import annotations

import re

import pytest

from regional_ties.load import read_raw, split_ids

from .conftest import ROOT

RAW = ROOT / "data" / "raw"
#: Words that describe how the work was organised rather than the sources, the protocol or the coders.
PROCESS_WORDS = re.compile(
    r"\bhelpers?\b|\bagents?\b|\bmy units?\b|\bmy target|\bsearch tool\b|\bstreams?\b|\blead compiler\b|"
    r"\bsub-?agents?\b|\bnot my\b|\boutside my\b",
    re.IGNORECASE,
)
ID = re.compile(r"\b(?:[A-Z]{2}\d{3}|EV\d{3}|LD\d{2})\b")


@pytest.fixture(scope="module")
def tables():
    return read_raw(RAW)


def test_every_event_cites_an_included_source(tables):
    included = set(tables["sources"].query("decision == 'include'")["source_id"])
    for row in tables["events"].itertuples():
        cited = split_ids(row.source_ids)
        assert cited and set(cited) <= included, f"events.csv, {row.event_id}: cites {cited}"


def test_every_included_source_is_cited(tables):
    cited = set()
    for name in ("events", "legal_documents", "indicators"):
        for value in tables[name]["source_ids"]:
            cited |= set(split_ids(value))
    included = set(tables["sources"].query("decision == 'include'")["source_id"])
    assert sorted(included - cited) == []


def test_every_id_named_in_a_note_resolves(tables):
    known = (set(tables["sources"]["source_id"]) | set(tables["events"]["event_id"])
             | set(tables["legal_documents"]["doc_id"]) | set(tables["queries"]["query_id"]))
    dangling = []
    for name, df in tables.items():
        for column in ("notes", "coder_notes", "scope", "title_en"):
            if column in df.columns:
                for text in df[column]:
                    dangling += [(name, i) for i in ID.findall(text) if i not in known]
    assert dangling == []


def test_every_event_has_a_capture_history(tables):
    assert set(tables["events"]["event_id"]) <= set(tables["detections"]["event_id"])


@pytest.mark.parametrize("path", sorted(
    [p for p in (ROOT / "data").rglob("*") if p.suffix in {".csv", ".json", ".md"} and "interim" not in p.parts]
    + [ROOT / "README.md"] + sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "notebooks").glob("*.ipynb")),
    key=str), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_words_about_how_the_work_was_organised(path):
    text = path.read_text(encoding="utf-8")
    hits = [m.group(0) for m in PROCESS_WORDS.finditer(text)]
    assert hits == [], f"{path.relative_to(ROOT)}: {hits}"


def test_the_audit_word_list_catches_what_it_should():
    assert PROCESS_WORDS.search("compiled from helper rows")
    assert PROCESS_WORDS.search("not my unit")
    assert not PROCESS_WORDS.search("an independent second coder re-read the source")
