"""numbers.tex: the paper's numbers as LaTeX macros, equal to findings.json and the tables."""

import json
from pathlib import Path

import pytest

from regional_ties import numbers_tex

ROOT = Path(__file__).resolve().parents[1]
FINDINGS = ROOT / "reports/findings.json"
HALF_UNIT = 0.005 + 1e-9  # two decimals: a macro is within half a unit of the last place (0.625 -> 0.62)


def _macros() -> dict[str, str]:
    text = numbers_tex.numbers_tex(numbers_tex.macros(FINDINGS, ROOT / "reports/tables", ROOT / "data/processed"))
    return numbers_tex.read_macros(text)


def test_every_macro_of_a_claim_equals_findings_json():
    macros = _macros()
    findings = numbers_tex.claims_of(json.loads(FINDINGS.read_text(encoding="utf-8")))
    checked = 0
    for f in findings:
        cid = f["id"].split("_")[0]
        assert macros[numbers_tex.macro_name(cid, "verdict")] == numbers_tex.VERDICT_WORDS[f["verdict"]]
        assert int(macros[numbers_tex.macro_name(cid, "n")]) == f["n"]
        for c in f["conditions"]:
            name = numbers_tex.macro_name(cid, c["name"])
            if c["value"] is not None:
                assert float(macros[name]) == pytest.approx(c["value"], abs=HALF_UNIT), name
                checked += 1
            if c["low"] is not None and c["low"] != c["high"]:
                assert float(macros[name + "Low"]) == pytest.approx(c["low"], abs=HALF_UNIT), name
                assert float(macros[name + "High"]) == pytest.approx(c["high"], abs=HALF_UNIT), name
    assert checked >= len(findings)
    counts = {v: sum(f["verdict"] == v for f in findings) for v in numbers_tex.VERDICT_WORDS}
    assert int(macros["ClaimsSupported"]) == counts["supported"]
    assert int(macros["ClaimsTested"]) == len(findings)


def test_counts_equal_the_tables():
    import pandas as pd

    macros = _macros()
    areas = pd.read_csv(ROOT / "reports/tables/events_by_area.csv")
    assert int(macros["EventsInWindow"]) == int(areas["events"].sum())
    for area, n in zip(areas["area"], areas["events"], strict=True):
        assert int(macros[numbers_tex.macro_name("events", area)]) == n
    complete = pd.read_csv(ROOT / "reports/tables/completeness.csv").iloc[-1]
    assert float(macros["ShareFound"]) == pytest.approx(complete["share_found"], abs=HALF_UNIT)


def test_a_changed_value_is_caught(tmp_path):
    """The comparison above can fail: a findings.json with another value gives another macro."""
    findings = json.loads(FINDINGS.read_text(encoding="utf-8"))
    claims = numbers_tex.claims_of(findings)
    claims[0]["conditions"][0]["value"] = 0.123
    changed = numbers_tex.claim_macros(findings)
    name = numbers_tex.macro_name(claims[0]["id"].split("_")[0], claims[0]["conditions"][0]["name"])
    assert changed[name] == "0.12" != _macros()[name]


def test_findings_as_a_record_with_added_keys():
    claims = json.loads(FINDINGS.read_text(encoding="utf-8"))
    record = {"claims": [{**c, "multiverse": {"share_supported": 0.4}} for c in claims], "version": 2}
    assert numbers_tex.claim_macros(record) == numbers_tex.claim_macros(claims)
    with pytest.raises(ValueError, match="no list of claims"):
        numbers_tex.claims_of({"other": 1})


@pytest.mark.parametrize(("parts", "name"), [(("C1", "five_area_share"), "COneFiveAreaShare"),
                                             (("C10", "n"), "COneZeroN"), (("events", "in", "window"),
                                                                            "EventsInWindow")])
def test_macro_names_are_letters_only(parts, name):
    assert numbers_tex.macro_name(*parts) == name


def test_a_name_without_letters_is_refused():
    with pytest.raises(ValueError):
        numbers_tex.macro_name("_")


def test_example_tex_cites_only_defined_macros():
    import re

    from regional_ties import paper, style

    defined = set(_macros())
    used = set(re.findall(r"\\([A-Z][A-Za-z]+)", paper.RESULTS_PARAGRAPH))
    assert used and used <= defined, used - defined
    assert r"\input{numbers.tex}" in paper.example_tex({}, [], style.PRESETS["journal"])
