"""Open the study report in a real browser (headless Chromium) and check what a reader would see.

    python -m regional_ties.browser_check reports/study.html --screenshot reports/study.png

Fails (exit 1, each problem named) on: a console error, a request that failed, a request that leaves
the file (anything but file:, data: and the page's own blob: URLs), an image that did not load, or a figure rendered
narrower than its own width. Writes a full-page screenshot. Uses Debian's `chromium` (installed by
`.ci/run` when missing) through Playwright; Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")  # blob: is made in the page (DataTables), not fetched


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("Debian's chromium is not installed: apt-get install chromium")


def check_page(html_path: str | Path, screenshot: str | Path | None = None, width: int = 1280) -> list[str]:
    """The problems a reader would meet on the page (empty when none)."""
    from playwright.sync_api import sync_playwright

    url = Path(html_path).resolve().as_uri()
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url[:120]} ({r.failure})"))
        page.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES)
                else problems.append(f"request leaves the file: {r.url[:120]}"))
        page.goto(url, wait_until="load")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => ({alt: e.alt, complete: e.complete, natural: e.naturalWidth,"
                   " shown: e.getBoundingClientRect().width, own: Number(e.dataset.ownWidth || 0)}))")
        for i, im in enumerate(images):
            label = f"image {i + 1} ({im['alt'][:60]})"
            if not im["complete"] or im["natural"] == 0:
                problems.append(f"{label}: did not load")
            elif im["own"] and im["shown"] + 0.5 < im["own"]:
                problems.append(f"{label}: shown {im['shown']:.0f} px wide, narrower than its own {im['own']} px")
        if screenshot:
            page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html")
    ap.add_argument("--screenshot", default="")
    args = ap.parse_args(argv)
    problems = check_page(args.html, args.screenshot or None)
    if problems:
        print(f"{args.html}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))
        return 1
    print(f"{args.html}: opened offline in Chromium; no console error, no outside request, every image loaded "
          f"at its own width" + (f"; screenshot {args.screenshot}" if args.screenshot else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
