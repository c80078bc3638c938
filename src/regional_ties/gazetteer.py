"""The gazetteer: Kazakh units (kazakh_units) and Russia's federal subjects (russian_subjects) in one namespace.

The name tables are CSV files in the package's reference data (reference/kz_units.csv, kz_names.csv,
kz_names_dated.csv, ru_subjects.csv), read once on import.
"""

from .kazakh_units import (  # noqa: F401
    ALIAS_TO_UNIT,
    BARE_NAMES,
    DATED_NAMES,
    NATIONAL,
    NUR_SULTAN_FROM,
    NUR_SULTAN_TO,
    REGION_NAMES,
    SHYMKENT_SEPARATED,
    SUBNATIONAL_KEYS,
    UNITS,
    AmbiguousPlaceName,
    Unit,
    UnknownPlaceName,
    is_known,
    normalize_region,
    official_name,
    read_reference,
    simplify_name,
    suggest_names,
)
from .russian_subjects import (  # noqa: F401
    RU_SUBJECTS,
    RuSubject,
    UnknownRussianRegion,
    is_known_ru_region,
    resolve_ru_region,
    ru_region_keys,
    ru_regions_named_in,
    suggest_ru_regions,
)
