"""`make SEED=k` gives the same verdicts for every k: the whole chain on the study's data, into temp dirs."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT
from .test_pipeline import make

pytestmark = pytest.mark.slow


def test_verdicts_are_the_same_for_every_seed(tmp_path):
    verdicts = {}
    for seed in (1, 2):
        out = tmp_path / f"seed{seed}"
        make("all", f"OUT={out}", f"SEED={seed}")
        found = json.loads((out / "reports/findings.json").read_text(encoding="utf-8"))
        verdicts[seed] = [(f["id"], f["verdict"], [c["status"] for c in f["conditions"]]) for f in found]
    committed = json.loads((ROOT / "reports/findings.json").read_text(encoding="utf-8"))
    assert verdicts[1] == verdicts[2] == [(f["id"], f["verdict"], [c["status"] for c in f["conditions"]])
                                          for f in committed]
