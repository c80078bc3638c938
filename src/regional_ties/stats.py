"""Stage 3: descriptive statistics of the events in the analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import gazetteer
from .columnar import per_value
from .contract import ACTOR_KINDS, AREAS, FORMATS, sector_of


def is_true(flags: pd.Series) -> pd.Series:
    """A flag column as booleans, whether it holds booleans or their text ("True", "true") read from a CSV file;
    worked out once per distinct value."""
    return per_value(flags, lambda u: u.astype(str).str.lower() == "true").astype(bool)


def region_events(processed: pd.DataFrame) -> pd.DataFrame:
    """The rows of the Russian region studied, any year (flags may be bool or read back as text)."""
    return processed[is_true(processed["ru_region_match"])]


def region_documents(docs: pd.DataFrame) -> pd.DataFrame:
    """The legal documents that apply to the Russian region studied: national ones, and those below the
    national level to which it is a party (the `ru_region_match` flag of clean.clean_legal_documents)."""
    return docs[is_true(docs["ru_region_match"])].reset_index(drop=True)


def analysis_events(processed: pd.DataFrame) -> pd.DataFrame:
    """The rows the analysis uses: the Russian region studied, inside the window."""
    return processed[is_true(processed["in_analysis"])].reset_index(drop=True)


def count_share(values: pd.Series, categories, name: str) -> pd.DataFrame:
    """Counts and shares over a fixed list of categories (zeros kept), in the list's order."""
    counts = values.value_counts().reindex(list(categories), fill_value=0)
    total = int(counts.sum())
    share = (counts / total).round(4) if total else counts.astype(float)
    return pd.DataFrame({name: list(categories), "events": counts.to_numpy(), "share": share.to_numpy()})


def by_area(events: pd.DataFrame) -> pd.DataFrame:
    return count_share(events["area"], AREAS, "area")


def by_unit(events: pd.DataFrame) -> pd.DataFrame:
    """All 17 units and the national / several value, ranked by events (ties by ISO code)."""
    t = count_share(events["kz_unit"], list(gazetteer.UNITS), "kz_unit")
    t.insert(1, "unit", t["kz_unit"].map({k: u.name_en for k, u in gazetteer.UNITS.items()}))
    t.insert(2, "iso", t["kz_unit"].map({k: u.iso for k, u in gazetteer.UNITS.items()}))
    return t.sort_values(["events", "iso"], ascending=[False, True], kind="stable").reset_index(drop=True)


def by_year(events: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    return count_share(events["year"].astype(int), range(start_year, end_year + 1), "year")


def year_by_area(events: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    t = pd.crosstab(events["year"].astype(int), events["area"])
    t = t.reindex(index=range(start_year, end_year + 1), columns=list(AREAS), fill_value=0)
    t.index.name = "year"
    return t.reset_index()


def format_by_year(events: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    t = pd.crosstab(events["year"].astype(int), events["format"])
    t = t.reindex(index=range(start_year, end_year + 1), columns=list(FORMATS), fill_value=0)
    t.index.name = "year"
    return t.reset_index()


def actors(events: pd.DataFrame) -> pd.DataFrame:
    """Actor kinds on both sides (ru_side: the Russian region studied; kz_side: Kazakhstan), with their sector."""
    ru = events["ru_actor_kind"].value_counts().reindex(list(ACTOR_KINDS), fill_value=0)
    kz = events["kz_actor_kind"].value_counts().reindex(list(ACTOR_KINDS), fill_value=0)
    kinds = pd.Series(list(ACTOR_KINDS))
    return pd.DataFrame(
        {"actor_kind": kinds, "sector": sector_of(kinds).to_numpy(),
         "ru_side": ru.to_numpy(), "kz_side": kz.to_numpy()}
    )


def sectors(events: pd.DataFrame) -> pd.DataFrame:
    """State / non-state on each side, and events led by governments or from within."""
    rows = []
    for side in ("ru", "kz"):
        vc = events[f"{side}_sector"].value_counts()
        for s in ("state", "non_state", "international", "unknown"):
            rows.append((side, s, int(vc.get(s, 0))))
    n = len(events)
    led = is_true(events["government_led"])
    rows.append(("both", "government_led", int(led.sum())))
    rows.append(("both", "no_authority_involved", int(n - led.sum())))
    t = pd.DataFrame(rows, columns=["side", "category", "events"])
    t["share"] = (t["events"] / n).round(4) if n else 0.0
    return t


def herfindahl(counts) -> float:
    """Herfindahl-Hirschman index of shares (0..1); NaN for no events."""
    c = np.asarray(counts, dtype=float)
    total = c.sum()
    return float(((c / total) ** 2).sum()) if total else float("nan")


def concentration(events: pd.DataFrame) -> pd.DataFrame:
    """Share of the top five units, HHI over the 17 units and over areas, units with no event."""
    sub = events[events["kz_unit"] != gazetteer.NATIONAL]
    units = sub["kz_unit"].value_counts().reindex(list(gazetteer.SUBNATIONAL_KEYS), fill_value=0)
    areas = events["area"].value_counts().reindex(list(AREAS), fill_value=0)
    top5 = units.sort_values(ascending=False).head(5).sum()
    rows = [
        ("events with a single Kazakh unit", int(units.sum())),
        ("share of the top five units", round(float(top5 / units.sum()), 4) if units.sum() else float("nan")),
        ("Herfindahl index over the 17 units", round(herfindahl(units), 4)),
        ("Herfindahl index over the six areas", round(herfindahl(areas), 4)),
        ("units with no event (of 17)", int((units == 0).sum())),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"])


def units_without_events(events: pd.DataFrame) -> list[str]:
    present = set(events["kz_unit"])
    return [gazetteer.UNITS[k].name_en for k in gazetteer.SUBNATIONAL_KEYS if k not in present]


def legal_basis_table(docs: pd.DataFrame) -> pd.DataFrame:
    cols = ["doc_id", "signed", "in_force_from", "in_force_to", "doc_type", "level", "title_en", "kz_unit",
            "covers_culture", "in_force_in_window"]
    return docs[cols].reset_index(drop=True)
