"""The benchmark's synthetic compilation (generated into a temporary folder) passes the raw data contract."""

from regional_ties.bench import synthetic_compilation
from regional_ties.load import read_raw


def test_the_synthetic_compilation_passes_the_contract(tmp_path):
    tables = read_raw(synthetic_compilation(2000, tmp_path / "synthetic"))
    assert len(tables["events"]) == 2000
    assert tables["events"]["summary_en"].str.startswith("SYNTHETIC").all()
