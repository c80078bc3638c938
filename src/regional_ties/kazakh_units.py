"""Kazakh place names to one canonical unit of the 2015-2020 set of 17 units.

The set is the 14 regions (oblys) and 3 cities of republican significance of 2015-2020, with
South Kazakhstan region counted as its successor Turkistan region and Shymkent a separate city
from 19 June 2018. The units are `reference/kz_units.csv`; their names (Russian, Kazakh in Cyrillic
and in the Latin alphabet, English; region, city and town names) are `reference/kz_names.csv`, each
the name of exactly one unit. Renamings are handled by the date of the event:

* South Kazakhstan region became Turkistan region on 19 June 2018, when Shymkent became a city
  of republican significance: a Shymkent event before that day belongs to the region.
* Astana was named Nur-Sultan from 23 March 2019 to 17 September 2022.
* The regions created in 2022 (Abai, Zhetysu, Ulytau) map to the 2015-2020 unit they were
  carved from (East Kazakhstan, Almaty region, Karaganda).
* A name that several units have borne (Akmola, Tselinograd, Akmolinsk: the city now Astana and the
  region around it) is read by `reference/kz_names_dated.csv`: on a date when it named one unit it
  maps to that unit; otherwise it is refused as ambiguous, naming the candidates. With a region word
  ("Akmola region", "Акмолинская область") a name is the region's; with a city word, a city's.

ISO 3166-2 codes (`iso`) are the alphabetic codes of the 2015-2020 period; `iso_now` is today's code.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources

SHYMKENT_SEPARATED = date(2018, 6, 19)
NUR_SULTAN_FROM = date(2019, 3, 23)
NUR_SULTAN_TO = date(2022, 9, 17)
NATIONAL = "national"


@dataclass(frozen=True)
class Unit:
    key: str
    name_en: str
    iso: str
    kind: str  # region | city | national
    grid: tuple[int, int] | None  # (column, row) in the tile-grid map, north at row 0
    iso_now: str = ""  # the unit's ISO 3166-2 code today (numeric since ISO changed Kazakhstan's codes)


def read_reference(name: str) -> list[dict[str, str]]:
    """The rows of a CSV file of the package's reference data."""
    with resources.files("regional_ties").joinpath("reference", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


UNITS: dict[str, Unit] = {
    r["key"]: Unit(r["key"], r["name_en"], r["iso"], r["kind"],
                   (int(r["grid_column"]), int(r["grid_row"])) if r["grid_column"] else None, r["iso_now"])
    for r in read_reference("kz_units.csv")
}
SUBNATIONAL_KEYS = tuple(k for k in UNITS if k != NATIONAL)

_GENERIC = (
    r"oblast|oblasts|oblys|oblysy|region|regions|province|city|town|of|the|область|области|обл|облысы|облысының|"
    r"город|г|қаласы|"
    r"қ|республика|республики|районы|район|district|akimat|акимат|әкімдігі"
)
_REGION_WORDS = {"oblast", "oblasts", "oblys", "oblysy", "region", "regions", "province", "область", "области",
                 "обл", "облысы", "облысының"}
_CITY_WORDS = {"city", "town", "город", "г", "қаласы", "қ"}
_ADJECTIVE = re.compile(r"(ская|ской|скую|ский|ского|ском|скому|ские|ских)$")


def _fold_latin(s: str) -> str:
    """Latin letters without their marks (Qaraǵandy -> Qaragandy, Soltüstik -> Soltustik); Cyrillic kept."""
    out = []
    for ch in s.replace("ı", "i"):
        base = unicodedata.normalize("NFD", ch)
        out.append(base[0] if len(base) > 1 and base[0].isascii() else ch)
    return "".join(out)


def _parse(name: str) -> tuple[str, str | None]:
    """(simplified name, "region" / "city" / None: the kind of unit a word of the name says)."""
    s = _fold_latin(name.strip().lower().replace("ё", "е"))
    s = re.sub(r"[\-–—_.,()«»\"'/]", " ", s)
    word = None
    kept = []
    for w in s.split():
        if re.fullmatch(_GENERIC, w):
            word = word or ("region" if w in _REGION_WORDS else "city" if w in _CITY_WORDS else None)
            continue
        # Russian adjectival forms ("костанайская", "костанайской" -> "костанайск") stand for "область"
        folded = _ADJECTIVE.sub("ск", w)
        if folded != w:
            word = word or "region"
        kept.append(folded)
    return " ".join(kept).strip(), word


def simplify_name(name: str) -> str:
    """Lower-case, fold ё and the marks of Latin letters, drop punctuation and generic words ("region", "область")."""
    return _parse(name)[0]


class UnknownPlaceName(ValueError):
    """A Kazakh place name that the gazetteer does not know."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; closest known names: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown Kazakh place name {name!r}{hint}")


class AmbiguousPlaceName(ValueError):
    """A Kazakh place name that named several units (a city and its region) on the date it is read for."""

    def __init__(self, name: str, candidates: list[str], on: date | None):
        self.name = name
        self.candidates = candidates
        when = f"on {on.isoformat()}" if on else "without a date"
        names = ", ".join(f"{UNITS[k].name_en} ({k})" for k in candidates)
        super().__init__(f"ambiguous Kazakh place name {name!r} {when}: it names {names}; "
                         f"write the region's or the city's name")


def _index() -> tuple[dict[str, str], dict[str, str], dict[str, list[tuple[str, date, date]]]]:
    """(names with a region word, other names, dated names) -> unit; a name of two units is an error."""
    region: dict[str, str] = {}
    bare: dict[str, str] = {}

    def put(table, s, key, name):
        if table.get(s, key) != key:
            raise ValueError(f"reference/kz_names.csv: {name!r} is a name of {table[s]} and of {key}")
        table[s] = key

    for r in read_reference("kz_names.csv"):
        if r["unit"] not in UNITS:
            raise ValueError(f"reference/kz_names.csv: unknown unit {r['unit']!r}")
        s, word = _parse(r["name"])
        put(region if word == "region" else bare, s, r["unit"], r["name"])
    dated: dict[str, list[tuple[str, date, date]]] = {}
    for r in read_reference("kz_names_dated.csv"):
        s, word = _parse(r["name"])
        if word or s in bare:
            raise ValueError(f"reference/kz_names_dated.csv: {r['name']!r} is also an undated name")
        dated.setdefault(s, []).append((r["unit"], date.fromisoformat(r["from"]) if r["from"] else date.min,
                                        date.fromisoformat(r["to"]) if r["to"] else date.max))
    for key, unit in UNITS.items():  # the key and the English label of each unit are names of it
        for s, word in (_parse(key.replace("_", " ")), _parse(unit.name_en)):
            if word or s not in dated:  # "Akmola" is read by the date, as any dated name
                put(region if word == "region" else bare, s, key, unit.name_en)
    return region, bare, dated


REGION_NAMES, BARE_NAMES, DATED_NAMES = _index()
#: Every undated simplified name with its unit ("almaty" is the city; "almaty" with a region word is in REGION_NAMES).
ALIAS_TO_UNIT: dict[str, str] = {**REGION_NAMES, **BARE_NAMES}


def suggest_names(name: str, n: int = 3) -> list[str]:
    """The closest known aliases to an unknown name."""
    known = list(ALIAS_TO_UNIT) + [s for s in DATED_NAMES if s not in ALIAS_TO_UNIT]
    return difflib.get_close_matches(simplify_name(name), known, n=n, cutoff=0.5)


def _dated(name: str, s: str, word: str | None, on: date | None, until: date | None) -> str:
    periods = DATED_NAMES[s]
    if word == "city":
        periods = [p for p in periods if UNITS[p[0]].kind == "city"]

    def bearers(day: date | None) -> list[str]:
        now = sorted({k for k, lo, hi in periods if day is not None and lo <= day <= hi})
        return now or sorted({k for k, _, _ in periods})  # a former name: every unit that bore it

    candidates = sorted(set(bearers(on)) | set(bearers(until if until is not None else on)))
    if len(candidates) != 1:
        raise AmbiguousPlaceName(name, candidates, on)
    return candidates[0]


def _lookup_one(name: str, on: date | None = None, until: date | None = None) -> str:
    s, word = _parse(name)
    if word == "region" and s in REGION_NAMES:
        return REGION_NAMES[s]
    if word != "region" and s in DATED_NAMES:
        return _dated(name, s, word, on, until)
    if s in BARE_NAMES:
        return BARE_NAMES[s]
    if s in REGION_NAMES:
        return REGION_NAMES[s]
    raise UnknownPlaceName(name, suggest_names(name))


def normalize_region(name: str, on: date | None = None, *, until: date | None = None) -> str:
    """Map a reported Kazakh place name to a unit key of the 2015-2020 set.

    Several names separated by ";", "," or "+" that fall in different units give the national /
    several unit. A Shymkent name dated before 19 June 2018 gives South Kazakhstan (turkistan).
    A name several units have borne is read on the dates `on` to `until` (the event's first and last
    day) and raises AmbiguousPlaceName unless it named one unit then.
    """
    parts = [p for p in re.split(r"[;+,]", name) if p.strip()]
    if not parts:
        raise UnknownPlaceName(name, [])
    keys = []
    for p in parts:
        key = _lookup_one(p, on, until)
        if key == "shymkent" and on is not None and on < SHYMKENT_SEPARATED:
            key = "turkistan"
        keys.append(key)
    distinct = sorted(set(keys))
    return distinct[0] if len(distinct) == 1 else NATIONAL


def official_name(key: str, on: date | None) -> str:
    """The unit's English name in force on a date (Astana / Nur-Sultan; South Kazakhstan / Turkistan)."""
    if key == "astana" and on is not None:
        return "Nur-Sultan" if NUR_SULTAN_FROM <= on <= NUR_SULTAN_TO else "Astana"
    if key == "turkistan" and on is not None:
        return "South Kazakhstan" if on < SHYMKENT_SEPARATED else "Turkistan"
    return UNITS[key].name_en


def is_known(name: str) -> bool:
    """Whether every part of the name is a name the gazetteer knows (a dated name is known; whether it
    names one unit depends on the date: see normalize_region)."""
    parts = [p for p in re.split(r"[;+,]", name) if p.strip()]
    for p in parts:
        try:
            _lookup_one(p)
        except AmbiguousPlaceName:
            continue
        except UnknownPlaceName:
            return False
    return bool(parts)
