"""The configuration: the study file, the settings checked before anything runs, and run folders that never collide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regional_ties import config

from .conftest import FIXTURES, ROOT

STUDY = config.read_study(ROOT / "study.toml")


def resolve(**settings):
    return config.resolve(settings, root=ROOT)


def test_the_study_file_holds_the_sverdlovsk_study():
    from regional_ties.claims import CLAIMS
    from regional_ties.contract import ARTICLE_AREAS, ARTICLE_PARTNERS

    settings = {k: v for k, v in STUDY.items() if k in config.VARIABLES}
    assert settings == {"raw": "data/raw", "ru_region": "Sverdlovsk", "start_year": 2015, "end_year": 2020,
                        "covid_year": 2020, "seed": 2015, "n_boot": 2000, "compare_region": "Chelyabinsk"}
    assert STUDY["partners"] == ARTICLE_PARTNERS and STUDY["areas"] == ARTICLE_AREAS
    assert STUDY["title"].startswith("Sverdlovsk region and Kazakhstan")
    # the article's words of each claim, the records' own (the study's outputs stay the same bytes)
    assert STUDY["claims"] == {c.id: {"claim": c.claim} for c in CLAIMS}
    run = resolve()
    assert run.is_study and run.name == "." and run.differs == () and run.overrides == {}
    assert run.folders.out == ROOT and run.folders.readme == ROOT / "README.md"
    assert run.folders.processed == ROOT / "data/processed" and run.folders.tables == ROOT / "reports/tables"


def test_the_study_s_own_values_given_again_are_the_study():
    run = resolve(start_year="2015", ru_region="Свердловская область", raw=str(ROOT / "data/raw"))
    assert run.is_study and run.name == "."


def test_a_study_file_with_an_unknown_key_stops_naming_it(tmp_path):
    study = tmp_path / "study.toml"
    study.write_text((ROOT / "study.toml").read_text(encoding="utf-8") + 'strat_year = 2015\n', encoding="utf-8")
    with pytest.raises(config.SettingsError, match=r"unknown key\(s\) \['strat_year'\]"):
        config.read_study(study)
    with pytest.raises(config.SettingsError, match="unknown setting 'strat_year'"):
        resolve(strat_year=2015)


def test_a_study_file_with_a_missing_key_stops_naming_it(tmp_path):
    study = tmp_path / "study.toml"
    study.write_text("\n".join(line for line in (ROOT / "study.toml").read_text(encoding="utf-8").splitlines()
                               if not line.startswith("seed")), encoding="utf-8")
    with pytest.raises(config.SettingsError, match=r"missing key\(s\) \['seed'\]"):
        config.read_study(study)


@pytest.mark.parametrize("settings, message", [
    ({"start_year": 2020, "end_year": 2015}, "START_YEAR=2020 is after END_YEAR=2015"),
    ({"start_year": 2016, "end_year": 2016, "covid_year": 2016}, None),  # one year: start = end is a window
    ({"start_year": 2017, "end_year": 2016}, "START_YEAR=2017 is after END_YEAR=2016"),
    ({"covid_year": 2021}, "COVID_YEAR=2021 is outside the window 2015-2020"),
    ({"covid_year": 2014}, "COVID_YEAR=2014 is outside the window 2015-2020"),
    ({"covid_year": 2015}, None),
    # the window must hold some year of the compilation's events (the study's: 2011-2025)
    ({"start_year": 2026, "end_year": 2027, "covid_year": 2026},
     r"START_YEAR=2026 is after the last year of the compilation's events \(2011-2025"),
    ({"start_year": 2025, "end_year": 2027, "covid_year": 2026}, None),
    ({"start_year": 2008, "end_year": 2010, "covid_year": 2010},
     r"END_YEAR=2010 is before the first year of the compilation's events \(2011-2025"),
    ({"start_year": 2008, "end_year": 2011, "covid_year": 2010}, None),
    ({"compare_region": "Atlantis"}, "COMPARE_REGION=Atlantis"),
    ({"ru_region": "Atlantis"}, "RU_REGION=Atlantis"),
    ({"seed": "twenty"}, r"SEED \(seed\)='twenty': expected a whole number"),
    ({"n_boot": 0}, "N_BOOT=0"),
])
def test_settings_are_checked_before_anything_runs(settings, message):
    if message is None:
        resolve(**settings)
    else:
        with pytest.raises(config.SettingsError, match=message):
            resolve(**settings)


def test_a_missing_or_wrong_compilation_stops(tmp_path):
    with pytest.raises(config.SettingsError, match="does not exist"):
        resolve(raw=str(tmp_path / "nowhere"))
    (tmp_path / "mine.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(config.SettingsError, match="not an .xlsx workbook"):
        resolve(raw=str(tmp_path / "mine.csv"))


def test_other_settings_write_a_readable_folder_of_their_own():
    run = resolve(start_year=2012, end_year=2019, covid_year=2019)
    assert not run.is_study and run.folders.readme is None
    assert run.name.startswith("runs/raw_2012-2019_covidyear2019-")
    assert run.overrides == {"start_year": 2012, "end_year": 2019, "covid_year": 2019}
    assert run.folders.tables == ROOT / run.name / "reports/tables"


def test_regions_named_in_cyrillic_never_share_a_folder(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "valid", raw)
    names = {n: resolve(raw=str(raw), ru_region=n).name
             for n in ("Омская область", "Тюменская область", "Челябинская область", "Курганская область")}
    assert len(set(names.values())) == 4
    assert [Path(n).name.split("_")[1].split("-")[0] for n in names.values()] == ["Omsk", "Tyumen", "Chelyabinsk",
                                                                                  "Kurgan"]
    assert all(Path(n).name.isascii() for n in names.values())
    # the study's region with other data: named after the data, never the study's folder
    assert resolve(raw=str(raw), ru_region="Свердловская область").name.startswith("runs/raw-")


def test_same_readable_name_different_settings_different_folders(tmp_path):
    """Two compilations whose folders share a name, or two values that read alike, still get two folders."""
    a, b = tmp_path / "a" / "raw", tmp_path / "b" / "raw"
    for folder in (a, b):
        shutil.copytree(FIXTURES / "valid", folder)
    assert resolve(raw=str(a)).name != resolve(raw=str(b)).name
    assert resolve(raw=str(a), seed=1).name != resolve(raw=str(a), seed=2).name


def test_out_may_not_be_the_project_for_another_run():
    with pytest.raises(config.SettingsError, match="holds the study's committed outputs"):
        config.resolve({"seed": 1}, out=".", root=ROOT)
    assert config.resolve({}, out=".", root=ROOT).is_study


def test_every_product_is_declared_once():
    seen = [p for nb in config.NOTEBOOKS for p in config.products(nb, conditional=True)]
    assert len(seen) == len(set(seen))
    assert config.CONDITIONAL <= set(seen)
    assert all(config.products(nb, conditional=False)[0] == f"reports/{nb}.ipynb" for nb in config.NOTEBOOKS)


def test_the_committed_outputs_are_the_declared_products():
    """Every committed table, figure, processed file and findings file is a product of one notebook."""
    from regional_ties.check_outputs import committed_files

    declared = {p for nb in config.NOTEBOOKS for p in config.products(nb, conditional=True)}
    assert {str(p) for p in committed_files(ROOT)} == {p for p in declared if not p.startswith(("data/interim",
                                                                                                "reports/0"))}


# ----------------------------------------------------------------------------- what belongs to one article


def _study_with(tmp_path, **replace_lines):
    """study.toml with lines starting with a key replaced (None: removed)."""
    lines = []
    for line in (ROOT / "study.toml").read_text(encoding="utf-8").splitlines():
        key = line.split("=")[0].strip()
        if key in replace_lines:
            if replace_lines[key] is not None:
                lines.append(f"{key} = {replace_lines[key]}")
            continue
        lines.append(line)
    path = tmp_path / "study.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("key, value, message", [
    ("partners", '["kostanay", "kostanai"]', r"partners: unknown value\(s\) \['kostanai'\]; the known values are "
                                             r"\[.*'pavlodar'"),
    ("partners", '["national"]', r"partners: unknown value\(s\) \['national'\]"),
    ("partners", '"kostanay"', "partners = 'kostanay': expected a non-empty list"),
    ("partners", "[]", "expected a non-empty list"),
    ("partners", '["akmola", "akmola"]', r"\['akmola'\] named more than once"),
    ("areas", '["education", "sports"]', r"areas: unknown value\(s\) \['sports'\]; the known values are "
                                         r"\['education', 'arts', 'tourism', 'media', 'youth', 'sport', 'other'\]"),
])
def test_an_unknown_partner_or_area_stops_naming_the_setting_and_the_known_values(tmp_path, key, value, message):
    with pytest.raises(config.SettingsError, match=message):
        config.read_study(_study_with(tmp_path, **{key: value}))


def test_the_claims_words_name_known_claims_and_known_words(tmp_path):
    path = _study_with(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + '[claims.C9_other]\nclaim = "x"\n', encoding="utf-8")
    with pytest.raises(config.SettingsError, match=r"unknown claim 'C9_other'; the claims are \['C1_areas'"):
        config.read_study(path)
    path = _study_with(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('[claims.C7_legal_basis]\n',
                                                             '[claims.C7_legal_basis]\nrule = "x"\n'))
    with pytest.raises(config.SettingsError, match=r"claims.C7_legal_basis: unknown key\(s\) \['rule'\]"):
        config.read_study(path)


def test_no_comparison_region_and_no_title_or_words_may_be_left_out(tmp_path):
    path = _study_with(tmp_path, compare_region=None, title=None)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("[claims.")], encoding="utf-8")
    values = config.read_study(path)
    assert values["compare_region"] == "" and values["title"] == "" and values["claims"] == {}
    run = config.resolve({}, study_file=path, root=ROOT)
    assert run.settings.compare_region == "" and not run.is_study
    assert run.overrides == {"study": str(path.resolve()), "compare_region": "none"}
    assert config.resolve(run.overrides, root=ROOT).settings == run.settings
    assert resolve(compare_region="none").settings.compare_region == ""


def test_another_study_file_writes_under_runs_and_its_notebooks_read_the_same_settings(tmp_path):
    path = _study_with(tmp_path, partners='["pavlodar", "north_kazakhstan"]')
    run = config.resolve({}, study_file=path, root=ROOT)
    assert not run.is_study and run.name.startswith("runs/") and run.differs == ("partners",)
    assert run.settings.partners == ("pavlodar", "north_kazakhstan")
    again = config.resolve(run.overrides, out=run.name, root=ROOT)  # as a notebook of the run resolves it
    assert again.settings == run.settings and again.folders == run.folders
    assert config.resolve({}, study_file=ROOT / "study.toml", root=ROOT).is_study
