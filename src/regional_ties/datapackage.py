"""A Frictionless Data Package descriptor for the processed data, generated from the contract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import gazetteer
from .contract import ACTOR_KINDS, AREAS, DATE_PRECISIONS, DOC_LEVELS, DOC_TYPES, EVENTS, FORMATS, LEGAL_DOCUMENTS
from .outputs import file_sha256

_DERIVED = {
    "date_first": ("date", "First day covered by the date at its precision", None),
    "date_last": ("date", "Last day covered by the date at its precision", None),
    "year": ("integer", "Year of date_first", None),
    "ru_sector": ("string", "Sector of the Russian party", ["state", "non_state", "international", "unknown"]),
    "kz_unit": ("string", "Canonical Kazakh unit (2015-2020 set)", list(gazetteer.UNITS)),
    "kz_iso": ("string", "ISO 3166-2 code of the unit", sorted({u.iso for u in gazetteer.UNITS.values()})),
    "kz_unit_name": ("string", "English name of the unit in force on the event's date", None),
    "kz_sector": ("string", "Sector of the Kazakh party", ["state", "non_state", "international", "unknown"]),
    "government_led": ("boolean", "A government authority takes part on either side", None),
    "n_sources": ("integer", "Number of included sources reporting the event", None),
    "source_outlets": ("string", "Outlets of the sources, ' ; '-separated", None),
    "source_urls": ("string", "URLs of the sources, ' ; '-separated", None),
    "merged_event_ids": ("string", "Ids of raw rows merged into this one as duplicates", None),
    "ru_region_match": ("boolean", "The row concerns the Russian region studied: an event whose Russian party is "
                        "of it; a document that is national or to which it is a party", None),
    "ru_regions": ("string", "Russian regions (gazetteer keys, ';'-separated) that the parties of a document below "
                   "the national level name; empty for national documents, which apply to every region", None),
    "in_window": ("boolean", "The event's year is inside the analysis window", None),
    "in_analysis": ("boolean", "Both of the above: the analysis uses this row", None),
    "in_force_whole_window": ("string", "In force for the whole window", ["yes", "no", "unknown"]),
    "in_force_in_window": ("string", "In force at some time in the window", ["yes", "no", "unknown"]),
    "force_start": ("string", "Year from which certainly in force (latest possible start; empty: not known)", None),
    "force_end": ("string", "Last year certainly in force (earliest possible end; empty: open-ended or not known)",
                  None),
    "start_earliest": ("string", "Earliest possible start of validity, ISO day ('..': no bound)", None),
    "start_latest": ("string", "Latest possible start of validity, ISO day ('..': no bound)", None),
    "end_earliest": ("string", "Earliest possible end of validity, ISO day (empty: open-ended; '..': no bound)",
                     None),
    "end_latest": ("string", "Latest possible end of validity, ISO day (empty: open-ended; '..': no bound)", None),
}
_RAW_TYPES = {"string": "string", "date": "string", "edtf": "string", "integer": "integer", "number": "number",
              "url": "string", "id": "string", "id_list": "string"}


def _field(name: str, spec) -> dict:
    if name in _DERIVED:
        ftype, desc, enum = _DERIVED[name]
    else:
        col = spec.column(name)
        ftype = _RAW_TYPES[col.kind]
        desc = col.description + (" (YYYY, YYYY-MM or YYYY-MM-DD)" if col.kind == "date" else
                                  " (EDTF: a date, or bounds such as ../2014-02-10 or 2017/2019)"
                                  if col.kind == "edtf" else "")
        enum = list(col.codes) if col.codes else None
    f = {"name": name, "type": ftype, "description": desc}
    if ftype == "date":
        f["format"] = "%Y-%m-%d"
    if ftype == "boolean":
        f["trueValues"], f["falseValues"] = ["True"], ["False"]
    cons = {}
    if enum:
        cons["enum"] = enum
    if spec.key == name:
        cons.update({"required": True, "unique": True})
    if cons:
        f["constraints"] = cons
    return f


def descriptor(processed_dir: str | Path, events_columns: list[str], docs_columns: list[str], *,
               region: gazetteer.RuSubject) -> dict:
    processed_dir = Path(processed_dir)
    resources = []
    for name, spec, cols in (("events", EVENTS, events_columns), ("legal_documents", LEGAL_DOCUMENTS, docs_columns)):
        path = processed_dir / f"{name}.csv"
        resources.append({
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "hash": f"sha256:{file_sha256(path)}",
            "description": spec.description,
            "schema": {"fields": [_field(c, spec) for c in cols], "primaryKey": [spec.key],
                       "missingValues": [""]},
        })
    return {
        "profile": "tabular-data-package",
        "name": f"{region.key.replace('_', '-')}-kazakhstan-cultural-exchanges",
        "title": f"Cultural exchanges between {region.name_en} and the regions of Kazakhstan: events and legal basis",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "Public web pages in a stored collection, reached by the logged "
                              "queries of data/raw/queries.csv; see each event's source_urls and "
                              "data/raw/sources.csv"}],
        "resources": resources,
        "x_codes": {"area": list(AREAS), "actor_kind": list(ACTOR_KINDS), "format": list(FORMATS),
                    "date_precision": list(DATE_PRECISIONS), "doc_type": list(DOC_TYPES), "level": list(DOC_LEVELS)},
    }


def read_processed(processed_dir: str | Path, name: str) -> pd.DataFrame:
    """A processed table read back with the types its descriptor gives: booleans as booleans, integers as
    integers, everything else as text (empty cells stay empty strings). A value that does not fit its type
    is an error naming the file, line and column."""
    import json

    processed_dir = Path(processed_dir)
    path = processed_dir / f"{name}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    package = json.loads((processed_dir / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]
    for f in fields:
        col = f["name"]
        if col not in df.columns:
            continue
        s = df[col]
        if f["type"] == "boolean":
            bad = ~s.isin(["True", "False"])
            if bad.any():
                i = int(bad.to_numpy().argmax())
                raise ValueError(f"{path.name}, line {i + 2}, column '{col}', value {s.iloc[i]!r}: expected True or "
                                 "False")
            df[col] = s == "True"
        elif f["type"] == "integer":
            bad = ~s.str.fullmatch(r"-?\d+")
            if bad.any():
                i = int(bad.to_numpy().argmax())
                raise ValueError(f"{path.name}, line {i + 2}, column '{col}', value {s.iloc[i]!r}: expected a whole "
                                 "number")
            df[col] = s.astype("int64")
    return df


class InvalidProcessedData(ValueError):
    """The processed tables do not match their descriptor: Frictionless's errors, one a line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("the processed data do not match data/processed/datapackage.json:\n" + "\n".join(errors))


def validate_processed(processed_dir: str | Path) -> None:
    """Validate the processed tables against their datapackage.json with Frictionless (types, allowed
    values, primary keys, hashes); raise InvalidProcessedData listing every error it reports."""
    import frictionless

    report = frictionless.validate(Path(processed_dir) / "datapackage.json")
    if report.valid:
        return
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    errors += [f"datapackage.json: {e.message}" for e in report.errors]
    raise InvalidProcessedData(errors)
