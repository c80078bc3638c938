import shutil
from pathlib import Path

import pytest

from regional_ties.datapackage import InvalidProcessedData, validate_processed

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def processed(tmp_path):
    for name in ("events.csv", "legal_documents.csv", "datapackage.json"):
        shutil.copy(ROOT / "data/processed" / name, tmp_path / name)
    return tmp_path


def test_the_committed_processed_data_are_valid(processed):
    validate_processed(processed)


def test_a_broken_processed_table_is_caught_with_frictionless_errors_listed(processed):
    path = processed / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[1 - 1].rstrip("\n").split(",")
    assert header[0] == "event_id"
    lines[2] = "EV001" + lines[2][lines[2].index(","):]  # the first row's id again: a duplicate primary key
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InvalidProcessedData) as err:
        validate_processed(processed)
    assert any(e.startswith("events: ") and "primary key" in e.lower() for e in err.value.errors), err.value.errors
    assert any("hash" in e.lower() for e in err.value.errors)
    assert "legal_documents" not in str(err.value)
