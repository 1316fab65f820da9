"""Screenshots of a built archive in headless Chromium, opened from disk (file://) as a reader would.

    .venv/bin/python scripts/screenshots.py SITE_DIR OUT_DIR PAGE [PAGE...]

Each PAGE is a path inside the site (``index.html``, ``places/index.html``); a PAGE ending in
``@print`` is shot as printed (print media, after the ``beforeprint`` event) and also saved as
a PDF beside the picture. Needs the test tools (Playwright) and Debian's chromium, which
``make test`` installs. Nothing is fetched: the site makes no network request.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main(site: Path, out: Path, pages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        for spec in pages:
            path, _, mode = spec.partition("@")
            page = context.new_page()
            page.goto((site / path).resolve().as_uri())
            name = path.replace("/", "_").removesuffix(".html") + (f"-{mode}" if mode else "")
            if mode == "print":
                page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
                page.emulate_media(media="print")
                page.pdf(path=str(out / f"{name}.pdf"), format="A4")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
