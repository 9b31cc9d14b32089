"""Take the screenshots of the user guide (docs/img/) from a running Koers with the demo loaded.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 --only verwerken reactienota

It logs in as the demo accounts (password `koers-demo`, or KOERS_DEMO_PASSWORD) and walks to
each page by clicking, as a civil servant would, then writes one PNG per screen: 1280 pixels
wide, cropped to the part of the page the guide talks about, and two of them as a phone shows
them, 320 pixels wide.
Nothing is saved in Koers: forms are filled in for the picture but never sent.

It uses Playwright for Python with Debian's Chromium, as the browser tests do. Date fields
follow Chromium's own language: install `chromium-l10n` for Dutch dates (dd-mm-jjjj) in them.
Pillow, when present, reduces the PNGs to a palette, which keeps each well under 250 KB.
"""

import argparse
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--lang=nl-NL"]
# Chromium takes the language of its date fields from the environment, not from the page.
CHROMIUM_ENV = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "nl"}
OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
PASSWORD = os.environ.get("KOERS_DEMO_PASSWORD", "koers-demo")
PROGRAMME = "Digitaal 2017"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}
MARGIN = 16
# The first thing on a page below the header: a breadcrumb or the title.
CONTENT = "main .koers-main__content > *"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    if "/inloggen" in page.url:
        sys.exit(f"Inloggen als {username} lukt niet: is de demo geladen?")


def open_programme(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.locator("main").get_by_role("link", name=PROGRAMME, exact=True).first.click()


def top(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


def bottom(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().bottom + scrollY")


def shoot(page: Page, name: str, start: float, end: float) -> Path:
    """The page from `start` to `end` (pixels from its top; the whole width), as docs/img/NAME.png."""
    width = page.viewport_size["width"]
    start = max(0, start - MARGIN)
    end = min(end + MARGIN, page.evaluate("document.documentElement.scrollHeight"))
    path = OUT / f"{name}.png"
    page.screenshot(
        path=path,
        full_page=True,
        clip={"x": 0, "y": start, "width": width, "height": end - start},
        animations="disabled",
        caret="hide",
    )
    optimise(path)
    print(
        f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: "
        f"{width}×{round(end - start)}, {path.stat().st_size // 1024} KB"
    )
    return path


def optimise(path: Path) -> None:
    """A palette of 64 colours, without dithering: text and flat colours stay sharp, the file
    shrinks to about a third."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=64, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


def open_my_work(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn werk").click()


def filter_contributions(page: Page, base: str) -> None:
    """The office's list of input, narrowed to what is still open of one family and one theme
    (of the family only, should nothing of that theme be open in this demo)."""
    open_programme(page, base)
    page.locator("main").get_by_role("link", name="Inbreng", exact=True).click()
    for theme in ("Sociaal domein en kwetsbare inwoners", None):
        page.get_by_label("Familie").select_option(label="Gemeenten")
        page.get_by_label("Thema").select_option(label=theme or "Alle thema's")
        page.get_by_label("Verwerking").select_option(label="Open")
        page.locator("main").get_by_role("button", name="Filter").click()
        if page.get_by_role("link", name="één voor één verwerken").count():
            return
    sys.exit("De demo heeft geen open inbreng van gemeenten: laad haar opnieuw (koers demo).")


def open_draft(page: Page, base: str) -> None:
    """A reader-reviewer's way to the draft open for reactions: Mijn werk, then their profile."""
    open_my_work(page, base)
    page.get_by_role("link", name="Uw profiel en uw reacties").click()
    page.locator("main h2:has-text('Reageren') ~ * a").first.click()


# One function per screen: it gets a logged-in page and the base URL, walks to the screen and
# returns the part to keep, from and to (pixels from the top of the page).
Region = tuple[float, float]


def programme_page(page: Page, base: str) -> Region:
    open_programme(page, base)
    return top(page, "main h1"), bottom(page, "main h2:has-text('Regieraad en uitwerking') + ul")


def my_work(page: Page, base: str) -> Region:
    open_my_work(page, base)
    return 0, bottom(page, "main section >> nth=-1")


def contribution_list(page: Page, base: str) -> Region:
    filter_contributions(page, base)
    return top(page, "main h1"), bottom(page, "main table")


def process_contribution(page: Page, base: str) -> Region:
    filter_contributions(page, base)
    page.get_by_role("link", name="één voor één verwerken").click()
    # Filled in for the picture, never sent.
    page.get_by_label("overgenomen", exact=True).check()
    page.get_by_label("Toelichting").fill(
        "De hoofdactiviteit voor het sociaal domein is nu stapsgewijs, met hulp aan het loket "
        "voor wie niet digitaal kan."
    )
    page.get_by_label("Toelichting").blur()
    return top(page, CONTENT), bottom(page, "main form .koers-form__actions")


def version_reactions(page: Page, base: str) -> Region:
    open_draft(page, base)
    return (
        top(page, "main h2:has-text('1.')"),
        bottom(page, "main a:has-text('Openbare reacties op alinea 1.1')"),
    )


def comparison(page: Page, base: str) -> Region:
    open_programme(page, base)
    page.locator("main").get_by_role("link", name="Agenda:").click()
    page.get_by_role("link", name=re.compile(r"^Vergelijk met versie")).click()
    # The draft against the concept: the changes the consultation caused.
    page.get_by_label("Van versie").select_option("1")
    page.get_by_label("Naar versie").select_option("2")
    page.locator("main").get_by_role("button", name="Vergelijk").click()
    # Two rows of the table, ending at the second's border (without the usual margin).
    return top(page, "main h1"), bottom(page, "main tbody tr >> nth=1") - MARGIN + 1


def response_report(page: Page, base: str) -> Region:
    open_programme(page, base)
    page.locator("main").get_by_role("link", name="Agenda:").click()
    page.locator("main").get_by_role("link", name="Reactienota", exact=True).first.click()
    # The first common thread, from its heading to the next theme's.
    headings = page.locator("main").get_by_role("heading")
    first = headings.filter(has_text=re.compile(r"^2\.1 ")).first
    second = headings.filter(has_text=re.compile(r"^2\.2 ")).first
    start = first.evaluate("e => e.getBoundingClientRect().top + scrollY")
    return start, second.evaluate("e => e.getBoundingClientRect().top + scrollY") - 2 * MARGIN


def commitments(page: Page, base: str) -> Region:
    open_my_work(page, base)
    page.get_by_role("link", name="Uitwerkingen van").first.click()
    return top(page, CONTENT), bottom(page, "main a:has-text('Eigen toezegging toevoegen')")


def phone_reaction(page: Page, base: str) -> Region:
    open_draft(page, base)
    page.get_by_role("link", name="Reageer op alinea 1.1").click()
    page.get_by_label("suggestie").check()
    page.get_by_label("Uw reactie").fill("Noem ook de brieven: die moeten even begrijpelijk zijn.")
    page.get_by_label("Uw reactie").blur()
    return top(page, "main form"), bottom(page, "main form button")


# The file name in docs/img/ (without .png): the account (None: not logged in), the window and
# the screen.
SCREENS = {
    "programmapagina": ("bureau", DESKTOP, programme_page),
    "mijn-werk-programmabureau": ("bureau", DESKTOP, my_work),
    "inbreng-filters": ("bureau", DESKTOP, contribution_list),
    "verwerken": ("bureau", DESKTOP, process_contribution),
    "versie-reacties": ("meelezer", DESKTOP, version_reactions),
    "vergelijken": (None, DESKTOP, comparison),
    "reactienota": (None, DESKTOP, response_report),
    "uitwerkingen": ("bijdrager", DESKTOP, commitments),
    "telefoon-mijn-werk": ("bijdrager", PHONE, my_work),
    "telefoon-reageren": ("meelezer", PHONE, phone_reaction),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000", help="where Koers runs")
    parser.add_argument("--only", nargs="+", choices=SCREENS, help="take only these screens")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=CHROMIUM_ENV
        )
        for name in args.only or SCREENS:
            account, viewport, take = SCREENS[name]
            context = browser.new_context(viewport=viewport, locale="nl-NL")
            page = context.new_page()
            page.set_default_timeout(15_000)
            if account:
                log_in(page, base, account)
            shoot(page, name, *take(page, base))
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
