"""The raw data contract: which tables, which columns, which codes.

This module is the single source of truth for the contract. The loader validates against it,
the Frictionless descriptor is generated from it and data/README.md documents it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

AREAS = ("education", "arts", "tourism", "media", "youth", "sport", "other")
#: The five areas that the Sverdlovsk article names as the main ones (sport, an area of the codebook, is not among
#: them): study.toml's `areas`, and claims.Setting's default; another study names its own in its study file.
ARTICLE_AREAS = ("education", "arts", "tourism", "media", "youth")
#: The five Kazakh units that the Sverdlovsk article names as the key partners (gazetteer keys): study.toml's
#: `partners`, and claims.Setting's default; another study names its own in its study file.
ARTICLE_PARTNERS = ("kostanay", "akmola", "north_kazakhstan", "astana", "almaty_city")
ACTOR_KINDS = (
    "federal_authority",
    "regional_authority",
    "municipal_authority",
    "state_institution",
    "ngo",
    "business",
    "media",
    "individual",
    "international_org",
    "unknown",
)
FORMATS = ("in_person", "online", "hybrid", "unknown")
DATE_PRECISIONS = ("day", "month", "year")
LANGUAGES = ("ru", "en", "kk")
DECISIONS = ("include", "exclude")
EXCLUSION_REASONS = (
    "out_of_period",
    "no_ru_region_party",
    "no_kazakh_party",
    "not_cooperation",
    "announcement_only",
    "duplicate",
    "undated",
    "not_humanitarian",
    "unreadable",
    "other",
)
DOC_TYPES = (
    "treaty",
    "intergovernmental_agreement",
    "interregional_agreement",
    "memorandum",
    "programme",
    "other",
)
DOC_LEVELS = ("national", "regional", "municipal", "institutional")
YES_NO_UNKNOWN = ("yes", "no", "unknown")
TARGET_AREAS = AREAS + ("legal", "indicator", "any")


@dataclass(frozen=True)
class Column:
    """One column of a raw table.

    kind: "string", "integer", "number", "date" (YYYY, YYYY-MM or YYYY-MM-DD), "edtf" (a date or its
    bounds in the Extended Date/Time Format: see edtf_dates), "url", "id", "id_list"
    codes: allowed values (for coded columns)
    required: an empty cell is an error
    may_be_absent: the column may be left out of a table altogether (read as empty)
    """

    name: str
    kind: str = "string"
    required: bool = False
    codes: tuple[str, ...] | None = None
    description: str = ""
    may_be_absent: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    required_table: bool = True
    description: str = ""
    extra_codes: dict = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


C = Column
QUERIES = TableSpec(
    "queries",
    (
        C("query_id", "id", True, description="Unique id of the query"),
        C("round", "string", False, description="Search round the query belongs to (see rounds.csv); the column "
          "may be left out by a compilation without rounds", may_be_absent=True),
        C("run_date", "date", True, description="Day the query was run"),
        C("query", "string", True, description="The exact text of the query as run"),
        C("language", "string", True, LANGUAGES, "Language of the query"),
        C("target_unit", "string", True, description="Kazakh unit the query targets (gazetteer key), or any"),
        C("target_area", "string", True, TARGET_AREAS, "Area the query targets"),
        C("n_results_seen", "integer", True, description="Results the search returned"),
        C("n_new_candidates", "integer", True, description="Results that were new candidates"),
    ),
    key="query_id",
    description="The search log: every query run, including the dry ones.",
)
SOURCES = TableSpec(
    "sources",
    (
        C("source_id", "id", True, description="Unique id of the screened document"),
        C("url", "url", True, description="URL exactly as the search returned it"),
        C("outlet", "string", True, description="Publishing outlet or site"),
        C("published", "date", False, description="Publication date as visible, any precision"),
        C("language", "string", True, LANGUAGES, "Language of the document"),
        C("title", "string", False, description="Title as shown"),
        C("query_id", "id", True, description="Query that found it"),
        C("decision", "string", True, DECISIONS, "Screening decision"),
        C("exclusion_reason", "string", False, EXCLUSION_REASONS, "Why excluded (empty if included)"),
        C("notes", "string", False, description="Screening notes in our own words"),
    ),
    key="source_id",
    description="Every candidate document screened, with its decision.",
)
EVENTS = TableSpec(
    "events",
    (
        C("event_id", "id", True, description="Unique id of the event"),
        C("date", "date", True, description="Date of the event (start), at the precision given"),
        C("date_precision", "string", True, DATE_PRECISIONS, "Precision of date"),
        C("date_end", "date", False, description="Last day of a multi-day event"),
        C("summary_en", "string", True, description="One sentence, own words"),
        C("area", "string", True, AREAS, "Area of cooperation"),
        C("area_detail", "string", False, description="Free-text detail of the area"),
        C("ru_region", "string", True, description="Russian region (federal subject) of the Russian party, by any "
          "of its names; several separated by ';'"),
        C("ru_actor", "string", True, description="Named Russian party"),
        C("ru_actor_kind", "string", True, ACTOR_KINDS, "Kind of the Russian party"),
        C("kz_region", "string", True, description="Kazakh unit as reported; cleaning maps it"),
        C("kz_actor", "string", True, description="Named Kazakh party"),
        C("kz_actor_kind", "string", True, ACTOR_KINDS, "Kind of the Kazakh party"),
        C("location", "string", False, description="Where it took place"),
        C("format", "string", True, FORMATS, "In person, online, hybrid or unknown"),
        C("source_ids", "id_list", True, description="';'-separated ids of included sources"),
        C("notes", "string", False, description="Uncertainties"),
    ),
    key="event_id",
    description="One row per event.",
)
LEGAL_DOCUMENTS = TableSpec(
    "legal_documents",
    (
        C("doc_id", "id", True, description="Unique id of the document"),
        C("title_en", "string", True, description="English title in our words"),
        C("doc_type", "string", True, DOC_TYPES, "Type of document"),
        C("level", "string", True, DOC_LEVELS, "Level of the parties"),
        C("parties", "string", True, description="Parties that signed; below the national level they name "
          "the Russian region (\"Government of ... region\") or its capital city"),
        C("signed", "edtf", False, description="Date signed, or its bounds (EDTF)"),
        C("in_force_from", "edtf", False, description="Start of validity, or its bounds (EDTF)"),
        C("in_force_to", "edtf", False, description="End of validity, or its bounds (EDTF; empty: open or unknown)"),
        C("kz_region", "string", False, description="Kazakh unit as reported, or Kazakhstan"),
        C("covers_culture", "string", True, YES_NO_UNKNOWN, "Whether it covers cultural cooperation"),
        C("source_ids", "id_list", True, description="';'-separated ids of included sources"),
    ),
    key="doc_id",
    description="The legal basis of the cooperation.",
)
INDICATORS = TableSpec(
    "indicators",
    (
        C("indicator", "string", True, description="What is measured"),
        C("year", "integer", True, description="Year the value refers to"),
        C("value", "number", True, description="The value"),
        C("unit", "string", True, description="Unit of the value"),
        C("scope", "string", False, description="What exactly is counted"),
        C("source_ids", "id_list", True, description="';'-separated ids of included sources"),
        C("notes", "string", False, description="Notes"),
    ),
    required_table=False,
    description="Numbers that measure the ties, as sources give them.",
)
CODING_CHECK = TableSpec(
    "coding_check",
    (
        C("event_id", "id", True, description="Event coded a second time"),
        C("area", "string", True, AREAS, "Second coder's area"),
        C("kz_region", "string", True, description="Second coder's Kazakh unit, as read"),
        C("ru_actor_kind", "string", True, ACTOR_KINDS, "Second coder's Russian actor kind"),
        C("kz_actor_kind", "string", True, ACTOR_KINDS, "Second coder's Kazakh actor kind"),
        C("format", "string", True, FORMATS, "Second coder's format"),
        C("coder_notes", "string", False, description="Second coder's notes"),
    ),
    key="event_id",
    required_table=False,
    description="An independent second coding of the events, for reliability.",
)

CODING_FIRST = TableSpec(
    "coding_first",
    CODING_CHECK.columns,
    key="event_id",
    required_table=False,
    description="The first coding of the coded fields as it stood before disagreements with the second coder "
    "were resolved in events.csv; reliability compares it with coding_check.",
)

ROUNDS = TableSpec(
    "rounds",
    (
        C("round", "id", True, description="Id of the search round, as used in queries.csv"),
        C("ru_region", "string", True, description="Russian region whose ties the round searched"),
        C("target", "string", True, description="What the round's queries aimed at (units, areas, years)"),
    ),
    key="round",
    required_table=False,
    description="The search rounds of the protocol: each a planned set of queries with one target.",
)
DETECTIONS = TableSpec(
    "detections",
    (
        C("event_id", "id", True, description="An event of events.csv"),
        C("round", "id", True, description="A round whose queries reached a report of the event"),
    ),
    required_table=False,
    description="Which search rounds reached each event (one row per event and round): the capture histories "
    "from which the completeness of the record is estimated.",
)

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (QUERIES, SOURCES, EVENTS, LEGAL_DOCUMENTS, INDICATORS, CODING_CHECK, CODING_FIRST, ROUNDS, DETECTIONS)
}
REQUIRED_TABLES = tuple(n for n, t in TABLES.items() if t.required_table)
#: Columns of each table that hold references to source ids.
SOURCE_REFERENCES = {"events": "source_ids", "legal_documents": "source_ids", "indicators": "source_ids"}

STATE_KINDS = ("federal_authority", "regional_authority", "municipal_authority", "state_institution")
AUTHORITY_KINDS = ("federal_authority", "regional_authority", "municipal_authority")
NON_STATE_KINDS = ("ngo", "business", "media", "individual")


def sector_of(kind: pd.Series, state_institutions_as: str = "state") -> pd.Series:
    """Map actor kinds to state / non_state / international / unknown."""
    state = set(STATE_KINDS)
    non_state = set(NON_STATE_KINDS)
    if state_institutions_as == "non_state":
        state.discard("state_institution")
        non_state.add("state_institution")
    out = pd.Series("unknown", index=kind.index, dtype=object)
    out[kind.isin(state)] = "state"
    out[kind.isin(non_state)] = "non_state"
    out[kind == "international_org"] = "international"
    return out
