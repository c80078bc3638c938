import pandas as pd
import pytest

from regional_ties import clean
from regional_ties.compilation import compile_events
from regional_ties.load import read_raw

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def compiled():
    return compile_events(read_raw(FIXTURES / "valid"))


def test_parse_dates_by_precision():
    d = clean.parse_dates(pd.Series(["2019", "2019-02", "2019-02-03"]), pd.Series(["year", "month", "day"]))
    assert d["date_first"].dt.strftime("%Y-%m-%d").tolist() == ["2019-01-01", "2019-02-01", "2019-02-03"]
    assert d["date_last"].dt.strftime("%Y-%m-%d").tolist() == ["2019-12-31", "2019-02-28", "2019-02-03"]


def test_sector_mapping_and_variant():
    kinds = pd.Series(["regional_authority", "state_institution", "ngo", "international_org", "unknown"])
    assert clean.sector_of(kinds).tolist() == ["state", "state", "non_state", "international", "unknown"]
    assert clean.sector_of(kinds, "non_state").tolist()[1] == "non_state"


def test_duplicates_merged_with_all_sources_kept(compiled):
    out = clean.clean_events(compiled, 2015, 2020, "Sverdlovsk")
    e1 = out.set_index("event_id").loc["E1"]
    assert e1["merged_event_ids"] == "E2"
    assert e1["source_ids"] == "S1;S2"
    assert e1["n_sources"] == 2
    assert "E2" not in set(out["event_id"])


def test_nothing_is_lost_and_out_of_window_rows_stay_flagged(compiled):
    out = clean.clean_events(compiled, 2015, 2020, "Sverdlovsk")
    acct = clean.accounting(7, compiled, out).set_index("step")["n"]
    assert acct["raw event rows"] == 7
    assert acct["processed (one row per event)"] + acct["merged into another row as duplicates"] == 7
    flags = out.set_index("event_id")
    assert not flags.loc["E6", "in_window"] and flags.loc["E6", "ru_region_match"]  # 2012: kept, flagged
    assert not flags.loc["E7", "ru_region_match"]  # Chelyabinsk: kept, flagged
    assert acct["  in the analysis (both)"] == 4


def test_accounting_catches_a_lost_row(compiled):
    out = clean.clean_events(compiled, 2015, 2020, "Sverdlovsk")
    with pytest.raises(AssertionError, match="rows were lost"):
        clean.accounting(7, compiled, out.iloc[1:])


def test_units_and_names_by_date(compiled):
    out = clean.clean_events(compiled, 2015, 2020, "Sverdlovsk").set_index("event_id")
    assert out.loc["E3", "kz_unit"] == "turkistan"  # Shymkent in 2017: South Kazakhstan region
    assert out.loc["E3", "kz_unit_name"] == "South Kazakhstan"
    assert out.loc["E4", "kz_unit"] == "astana" and out.loc["E4", "kz_unit_name"] == "Nur-Sultan"
    assert out.loc["E4", "kz_iso"] == "KZ-AST"
    assert bool(out.loc["E4", "government_led"]) and not bool(out.loc["E5", "government_led"])


def test_legal_documents_in_force():
    docs = clean.clean_legal_documents(read_raw(FIXTURES / "valid")["legal_documents"], 2015, 2020, "Sverdlovsk")
    d = docs.set_index("doc_id")
    assert d.loc["D1", "in_force_whole_window"] == "yes"
    assert d.loc["D2", "in_force_whole_window"] == "no" and d.loc["D2", "in_force_in_window"] == "yes"
    assert d.loc["D2", "force_start"] == "2016"  # no in_force_from: the signature date counts
