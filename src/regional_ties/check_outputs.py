"""Rebuild the committed outputs from scratch in a temporary folder and compare them byte for byte.

Run by CI (`make check-outputs`): a committed output that the code and data no longer reproduce,
or a build that is not deterministic, fails the run and names the files that differ.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

from .config import STUDY_FILE, read_study
from .findings_text import verdict_markdown
from .report import README_END, README_START

#: Outputs that the repository commits, as glob patterns relative to the project root.
COMMITTED = ("data/processed/*", "reports/tables/*", "reports/findings.json", "reports/findings.md", "figures/*")


def committed_files(root: Path) -> list[Path]:
    return sorted({p.relative_to(root) for pat in COMMITTED for p in root.glob(pat) if p.is_file()})


def compare(root: Path, rebuilt: Path) -> list[str]:
    problems = []
    mine = set(committed_files(root))
    theirs = set(committed_files(rebuilt))
    for rel in sorted(mine - theirs):
        problems.append(f"{rel}: committed but not produced by the build")
    for rel in sorted(theirs - mine):
        problems.append(f"{rel}: produced by the build but not committed")
    for rel in sorted(mine & theirs):
        if not filecmp.cmp(root / rel, rebuilt / rel, shallow=False):
            problems.append(f"{rel}: differs from the rebuilt file")
    return problems


def readme_matches(root: Path, rebuilt: Path) -> bool:
    import json

    findings = json.loads((rebuilt / "reports" / "findings.json").read_text(encoding="utf-8"))
    text = (root / "README.md").read_text(encoding="utf-8")
    return f"{README_START}\n{verdict_markdown(findings)}{README_END}" in text


def data_readme_stale(root: Path, rebuilt: Path) -> list[str]:
    from .docs import data_readme_blocks, stale_blocks

    study = read_study(root / STUDY_FILE)
    blocks = data_readme_blocks(rebuilt / "reports" / "tables", rebuilt / "data" / "processed", study["start_year"],
                                study["end_year"])
    return stale_blocks(root / "data" / "README.md", blocks)


def readme_stale(root: Path, rebuilt: Path) -> list[str]:
    from .docs import readme_blocks, stale_blocks

    study = read_study(root / STUDY_FILE)
    blocks = readme_blocks(rebuilt / "reports" / "tables", rebuilt / "data" / "processed",
                           rebuilt / "reports" / "findings.json", study["start_year"], study["end_year"])
    return stale_blocks(root / "README.md", blocks)


def main() -> int:
    root = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="regional-ties-check-") as tmp:
        cmd = ["make", "--no-print-directory", "all", f"OUT={tmp}"]
        print("rebuilding:", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        problems = compare(root, Path(tmp))
        if not readme_matches(root, Path(tmp)):
            problems.append("README.md: the verdict table differs from the rebuilt findings")
        problems += [f"data/README.md: the block '{name}' differs from the rebuilt outputs"
                     for name in data_readme_stale(root, Path(tmp))]
        problems += [f"README.md: the block '{name}' differs from the rebuilt outputs"
                     for name in readme_stale(root, Path(tmp))]
    if problems:
        print("committed outputs are not reproduced:\n" + "\n".join(f"  - {p}" for p in problems))
        return 1
    print(f"all {len(committed_files(root))} committed outputs reproduced byte for byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
