"""Russia's federal subjects: the names of the Russian region studied (RU_REGION) and of `ru_region` cells.

The subjects are the 89 that Russia's constitution lists (it counts Crimea, Sevastopol and the four
regions annexed in 2022, whose annexation most states do not recognise; they are listed so that any
compilation written from Russian sources can be read), in `reference/ru_subjects.csv`. Each subject is
known by its English and Russian names, common short forms ("Chelyabinsk region", "Chelyabinsk oblast",
"Челябинская область", "Челябинская обл.") and its administrative centre ("Chelyabinsk", "Челябинск"),
and by the further names of the file's `aliases` column ("|"-separated).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .kazakh_units import read_reference


@dataclass(frozen=True)
class RuSubject:
    key: str
    kind: str  # oblast | krai | republic | federal_city | autonomous_oblast | autonomous_okrug
    name_en: str  # as labels print it: "Sverdlovsk region", "Krasnodar Krai", "Republic of Tatarstan"
    short_en: str  # "Sverdlovsk": for "the Sverdlovsk side"
    capital_en: str
    name_ru: str
    capital_ru: str
    aliases: tuple[str, ...] = ()

    @property
    def capital_label(self) -> str:
        """The administrative centre with its region: "Yekaterinburg (Sverdlovsk region)"."""
        return self.capital_en if self.kind == "federal_city" else f"{self.capital_en} ({self.name_en})"

    def names(self) -> tuple[str, ...]:
        extra = (f"{self.short_en} Oblast",) if self.kind == "oblast" else ()
        return (self.key, self.name_en, self.name_ru, self.capital_en, self.capital_ru) + extra + self.aliases


RU_SUBJECTS: dict[str, RuSubject] = {
    r["key"]: RuSubject(r["key"], r["kind"], r["name_en"], r["short_en"], r["capital_en"], r["name_ru"],
                        r["capital_ru"], tuple(a for a in r["aliases"].split("|") if a))
    for r in read_reference("ru_subjects.csv")
}

# Words that name the kind of a subject become one tag each; "region" and "oblast" are one tag and, when
# the name has no exact match with it, are read loosely ("Krasnodar region" is Krasnodar Krai).
_RU_KIND_WORDS = (
    (r"автономн\w*\s+округ\w*|autonomous\s+(?:okrug|district|area)|\bао\b|\bao\b", "§ao"),
    (r"автономн\w*\s+област\w*|autonomous\s+(?:oblast|region)", "§aobl"),
    (r"\b(?:oblast|oblasts|oblys|oblysy|region|province|область|области|обл|облысы|облысының)\b", "§oblast"),
    (r"\b(?:krai|kray|край|края|territory)\b", "§krai"),
    (r"\b(?:republic|respublika|республика|республики|resp|респ)\b", "§republic"),
)
_RU_DROP = {"г", "гор", "город", "города", "city", "of", "the", "federal", "федерального", "значения", "народная",
            "народной", "people", "peoples", "s", "қаласы", "im", "им"}
_RU_ADJECTIVE = ((re.compile(r"(ская|ской|скую|ский|ского|ском|скому|ские|ских)$"), "ск"),
                 (re.compile(r"(цкая|цкой|цкую|цкий|цкого|цком)$"), "цк"),
                 (re.compile(r"(skaya|skoy|skoi|skiy|skii|skij|sky)$"), "sk"))
#: Names that are also common first names, surnames or words, never read as a region inside free text.
_RU_NOT_IN_TEXT = {"vladimir", "владимир", "kirov", "киров", "kyzyl", "кызыл", "orel", "орел", "komi", "коми",
                   "crimea", "крым", "jewish", "еврейск", "amur", "амур"}
_AMBIGUOUS = "§ambiguous"


def _ru_tokens(text: str) -> list[str]:
    """Lower-cased words with kind words as tags, generic words dropped, adjectives folded."""
    s = text.lower().replace("ё", "е")
    s = re.sub(r"[\-–—_.,;()«»\"'’/:]", " ", s)
    for pattern, tag in _RU_KIND_WORDS:
        s = re.sub(pattern, f" {tag} ", s)
    out = []
    for w in s.split():
        if w in _RU_DROP:
            continue
        for pattern, repl in _RU_ADJECTIVE:
            w = pattern.sub(repl, w)
        out.append(w)
    return out


def _ru_parse(name: str) -> tuple[str, str | None]:
    """(base name, kind tag or None): "Челябинская обл." -> ("челябинск", "§oblast")."""
    tokens = _ru_tokens(name)
    kinds = [t for t in tokens if t.startswith("§")]
    return " ".join(t for t in tokens if not t.startswith("§")), (kinds[0] if kinds else None)


def _ru_index() -> tuple[dict, dict, dict]:
    typed: dict[tuple[str, str], set] = {}
    primary: dict[str, set] = {}  # names without a kind word: capitals, federal cities, plain aliases
    secondary: dict[str, set] = {}  # the base of names with a kind word ("Moscow" of "Moscow Oblast")
    for s in RU_SUBJECTS.values():
        for name in s.names():
            base, kind = _ru_parse(name)
            if not base:
                continue
            if kind:
                typed.setdefault((base, kind), set()).add(s.key)
                secondary.setdefault(base, set()).add(s.key)
            else:
                primary.setdefault(base, set()).add(s.key)
    bare = {}
    for base in set(primary) | set(secondary):
        keys = primary.get(base) or secondary[base]
        bare[base] = next(iter(keys)) if len(keys) == 1 else _AMBIGUOUS
    for name in ("Алтай",):  # the krai and the republic are both called so
        bare[_ru_parse(name)[0]] = _AMBIGUOUS
    typed = {k: (next(iter(v)) if len(v) == 1 else _AMBIGUOUS) for k, v in typed.items()}
    names = {}
    for base in set(primary) | set(secondary):
        names[base] = sorted(primary.get(base, set()) | secondary.get(base, set()))
    return typed, bare, names


_RU_TYPED, _RU_BARE, _RU_NAMES = _ru_index()


class UnknownRussianRegion(ValueError):
    """A name that is not one of Russia's federal subjects (or names several of them)."""

    def __init__(self, name: str, suggestions: list[str], why: str = "unknown Russian region",
                 hint: str = "closest known names"):
        self.name = name
        self.suggestions = suggestions
        listed = f"; {hint}: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"{why} {name!r}{listed}")


def suggest_ru_regions(name: str, n: int = 3) -> list[str]:
    """English names of the federal subjects whose names are closest to `name`."""
    base, _ = _ru_parse(name)
    out: list[str] = []
    for hit in difflib.get_close_matches(base, list(_RU_NAMES), n=10, cutoff=0.6):
        for key in _RU_NAMES[hit]:
            label = RU_SUBJECTS[key].name_en
            if label not in out:
                out.append(label)
    return out[:n]


def _ru_lookup_one(name: str) -> str:
    base, kind = _ru_parse(name)
    key = _RU_TYPED.get((base, kind)) if kind else None
    if key is None and kind in (None, "§oblast"):
        key = _RU_BARE.get(base)
        if kind and key and key != _AMBIGUOUS and RU_SUBJECTS[key].kind == "federal_city":
            key = None  # "Moscow region" is not the city
    if key == _AMBIGUOUS:
        raise UnknownRussianRegion(name, suggest_ru_regions(name), "ambiguous Russian region name")
    if key is None:
        raise UnknownRussianRegion(name, suggest_ru_regions(name))
    return key


def ru_region_keys(value: str) -> list[str]:
    """The federal subjects named in a cell; several are separated by ";", "," or "+"."""
    parts = [p for p in re.split(r"[;+,]", value) if p.strip()]
    if not parts:
        raise UnknownRussianRegion(value, [])
    return sorted({_ru_lookup_one(p) for p in parts})


def is_known_ru_region(value: str) -> bool:
    try:
        ru_region_keys(value)
    except UnknownRussianRegion:
        return False
    return True


def resolve_ru_region(name: str) -> RuSubject:
    """The Russian region studied (RU_REGION): one federal subject, by any of its names.

    Raises UnknownRussianRegion with the closest names for an unknown, ambiguous or multiple name.
    """
    keys = ru_region_keys(name)
    if len(keys) != 1:
        raise UnknownRussianRegion(name, [RU_SUBJECTS[k].name_en for k in keys],
                                   "one Russian region is studied at a time, not several:", "it names")
    return RU_SUBJECTS[keys[0]]


def ru_regions_named_in(text: str) -> list[str]:
    """The federal subjects that a free text names ("Government of Sverdlovsk region; Akimat of ...").

    A subject counts when its name stands with a kind word ("Chelyabinsk region", "Республика Татарстан")
    or when it is a name of its own that is not also a common word or person's name ("Yekaterinburg").
    """
    tokens = _ru_tokens(text)
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        step = 1
        for n in (4, 3, 2, 1):
            gram = tokens[i:i + n]
            if len(gram) < n or any(t.startswith("§") for t in gram):
                continue
            base = " ".join(gram)
            kinds = [t for t in (tokens[i - 1] if i else "", tokens[i + n] if i + n < len(tokens) else "")
                     if t.startswith("§")]
            key = next((_RU_TYPED[(base, k)] for k in kinds if (base, k) in _RU_TYPED), None)
            if key is None and (kinds or base not in _RU_NOT_IN_TEXT):
                key = _RU_BARE.get(base)
                if key and key != _AMBIGUOUS and kinds and RU_SUBJECTS[key].kind == "federal_city":
                    key = None
            if key and key != _AMBIGUOUS:
                found.add(key)
                step = n
                break
        i += step
    return sorted(found)
