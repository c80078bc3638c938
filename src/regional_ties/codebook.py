"""Words for the codebook's codes and for the columns of the report tables.

The codes themselves are defined in `contract` and explained in data/README.md; this module gives
the short wording a reader of a table sees instead of a code (``no_kazakh_party`` becomes "no party
from Kazakhstan", ``in_force_from`` becomes "In force from"). A code or column that has no words here
is shown with its underscores as spaces, so a new code never breaks a table.
"""

from __future__ import annotations

import re

from . import gazetteer

#: Words for codes that mean the same in every column.
CODES = {
    # areas (contract.AREAS); "media" and "other" read the same as a word
    "education": "education",
    "arts": "arts",
    "tourism": "tourism",
    "youth": "youth",
    "sport": "sport",
    # actor kinds (contract.ACTOR_KINDS)
    "federal_authority": "federal authority",
    "regional_authority": "regional authority",
    "municipal_authority": "municipal authority",
    "state_institution": "state institution",
    "ngo": "NGO",
    "business": "business",
    "individual": "individual",
    "international_org": "international organisation",
    # formats (contract.FORMATS)
    "in_person": "in person",
    "online": "online",
    "hybrid": "hybrid",
    # exclusion reasons (contract.EXCLUSION_REASONS)
    "out_of_period": "outside the period searched",
    "no_sverdlovsk_party": "no party from the Russian region studied",
    "no_ru_region_party": "no party from the Russian region studied",
    "no_kazakh_party": "no party from Kazakhstan",
    "not_cooperation": "no act of cooperation",
    "announcement_only": "announced only",
    "duplicate": "duplicate report",
    "undated": "no date in any source",
    "not_humanitarian": "trade or industry only",
    "unreadable": "page could not be read",
    # document types (contract.DOC_TYPES)
    "treaty": "treaty",
    "intergovernmental_agreement": "intergovernmental agreement",
    "interregional_agreement": "interregional agreement",
    "memorandum": "memorandum",
    "programme": "programme",
    # sectors (clean.sector_of) and the authority split (stats.sectors)
    "state": "state",
    "non_state": "non-state",
    "international": "international",
    "government_led": "with a government authority",
    "no_authority_involved": "no government authority",
    # the fields compared by the second coding
    "kz_region": "Kazakh unit",
    "ru_actor_kind": "Russian actor kind",
    "kz_actor_kind": "Kazakh actor kind",
    "format": "format",
    "area": "area",
    # search-log targets
    "legal": "legal basis",
    "indicator": "indicators",
    "any": "any",
}
#: Kazakh units by their gazetteer key, for the columns and cells that hold a unit key.
UNIT_NAMES = {key: unit.name_en for key, unit in gazetteer.UNITS.items()}
#: Words for codes that depend on the column they stand in.
COLUMN_CODES = {
    "language": {"ru": "Russian", "en": "English", "kk": "Kazakh"},
    "side": {"ru": "Russian side", "kz": "Kazakh side", "both": "both sides"},
    "kz_unit": UNIT_NAMES,
    "target_unit": {**UNIT_NAMES, "any": "any unit"},
    "meets_target": {"True": "yes", "False": "no"},
}
#: Column headers.
COLUMNS = {
    "step": "Step",
    "n": "Number",
    "actor_kind": "Actor kind",
    "sector": "Sector",
    "sverdlovsk_side": "Russian side",
    "ru_side": "Russian side",
    "kazakh_side": "Kazakh side",
    "kz_side": "Kazakh side",
    "event_id": "Event",
    "field": "Field",
    "first": "First coder",
    "second": "Second coder",
    "agreement": "Agreement",
    "alpha": "Krippendorff's alpha (95% interval)",
    "target": "Target",
    "meets_target": "Meets target",
    "scope": "Years",
    "events_found": "events found",
    "rounds": "search rounds",
    "found_by_one_round": "found by one round only",
    "found_by_two_rounds": "found by exactly two rounds",
    "estimated_events": "estimated events, Chao2 (95% interval)",
    "share_found": "share found (95% interval)",
    "measure": "Measure",
    "value": "Value",
    "area": "Area",
    "events": "Events",
    "share": "Share",
    "kz_unit": "Kazakh unit",
    "unit": "Kazakh unit",
    "iso": "ISO 3166-2",
    "year": "Year",
    "in_person": "In person",
    "online": "Online",
    "hybrid": "Hybrid",
    "unknown": "Unknown",
    "doc_id": "ID",
    "signed": "Signed",
    "in_force": "In force",
    "in_force_from": "In force from",
    "in_force_to": "In force to",
    "doc_type": "Type",
    "level": "Level",
    "title_en": "Title",
    "covers_culture": "Covers culture",
    "in_force_in_window": "In force in the window",
    "language_name": "Language",
    "language": "Language",
    "target_area": "Area searched",
    "target_unit": "Unit searched",
    "queries": "Queries",
    "with_new_candidates": "Queries with new candidates",
    "new_candidates": "New candidates",
    "yield": "Yield",
    "side": "Side",
    "category": "Category",
    "round": "Round",
    "ru_region": "Russian region",
    "dry_queries": "Dry queries",
    "events_reached": "Events reached",
    "events_reached_by_it_alone": "Reached by this round alone",
    "last_queries": "Last queries",
    "dry": "Dry queries",
    "dry_share": "Share dry",
    "education": "Education",
    "arts": "Arts",
    "tourism": "Tourism",
    "media": "Media",
    "youth": "Youth",
    "sport": "Sport",
    "other": "Other",
}

_PREFIXED = re.compile(r"^(?P<prefix>[^:]+): (?P<code>[a-z0-9_]+)$")
_CODE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")


def words(value: str, column: str = "") -> str:
    """The words for a code in a column; a cell of the form "prefix: code" keeps its prefix."""
    by_column = COLUMN_CODES.get(column, {})
    if value in by_column:
        return by_column[value]
    if value in CODES:
        return CODES[value]
    m = _PREFIXED.match(value)
    if m:
        return f"{m['prefix']}: {words(m['code'])}"
    if _CODE.fullmatch(value):  # a code nobody gave words to yet
        return value.replace("_", " ")
    return value


def header(column: str) -> str:
    """The header of a column: its words, or the column name with spaces, capitalised."""
    if column in COLUMNS:
        return COLUMNS[column]
    text = column.replace("_", " ")
    return text[:1].upper() + text[1:]
