"""The README's screenshots of the explorer, taken the way the browser test sees it.

    python -m tests.serve.screenshots out [docs/screenshots]

starts ``kg serve`` on the store of ``out`` (as ``make run`` or ``kg build -o out`` writes it), opens the page of a
person who met someone, the article of their first mention, the who-met-whom network and the SPARQL editor
running the ``who-met-whom`` library query in headless chromium, and saves ``entity.png``, ``article.png``,
``network.png`` and ``sparql.png``. Nothing in it names an article's people: what is shown follows from the graph.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, sync_playwright

from tests.serve.harness import launch_browser, running_server
from tests.serve.test_endpoint import json_rows, request

VIEWPORT = {"width": 1280, "height": 860}
WAIT_MS = 60_000

MOST_MENTIONED = """SELECT ?person (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
  ?person a nkg:Person ; gaf:denotedBy ?mention ; nkg:met|^nkg:met|^nkg:encounterParticipant/nkg:encounterParticipant ?other
  FILTER (?other != ?person)
} GROUP BY ?person HAVING (COUNT(DISTINCT ?mention) <= 10) ORDER BY DESC(?mentions) ?person LIMIT 1"""
"""The person the screenshots are about: one who met someone, so every section has content, and the most mentioned
of those with at most ten mentions, so the whole page fits one picture."""


def take(url: str, out: Path) -> list[Path]:
    """Screenshots of the explorer at ``url`` into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    status, _, body = request(url, params={"query": MOST_MENTIONED})
    if status != 200 or not json_rows(body):
        raise SystemExit(f"{url}: the graph has no person who met someone ({status}); build a corpus with meetings")
    person = json_rows(body)[0]["person"]
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page(viewport=VIEWPORT)
        shots = [
            _entity(page, url, person, out / "entity.png"),
            _article(page, out / "article.png"),
            _network(page, url, out / "network.png"),
            _editor(page, url, out / "sparql.png"),
        ]
        browser.close()
    return shots


def _entity(page: Page, url: str, person: str, path: Path) -> Path:
    page.goto(f"{url}entity.html?iri={quote(person, safe='')}")
    page.wait_for_selector("#mentions li.mention-item", timeout=WAIT_MS)
    page.screenshot(path=path, full_page=True)
    return path


def _article(page: Page, path: Path) -> Path:
    """The article of the entity page's first mention, scrolled to it (the page is the entity page)."""
    page.locator("#mentions li.mention-item a.source").first.click()
    page.wait_for_selector("article.text a.mention", timeout=WAIT_MS)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path)
    return path


def _network(page: Page, url: str, path: Path) -> Path:
    page.goto(f"{url}network.html")
    page.wait_for_selector("#network[data-nodes]", timeout=WAIT_MS)
    page.wait_for_timeout(500)  # cytoscape draws on the next animation frames
    page.screenshot(path=path)
    return path


def _editor(page: Page, url: str, path: Path) -> Path:
    page.goto(f"{url}sparql.html")
    page.locator('button.example[data-query="who-met-whom"]').click(timeout=WAIT_MS)
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.locator(".tabPanel.active .yasr table tbody tr").first.wait_for(timeout=WAIT_MS)
    page.evaluate("document.querySelector('#yasgui').scrollIntoView({block: 'start'})")
    page.screenshot(path=path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="the output folder of kg build (OUT) or its store (OUT/store)")
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"), help="where the PNGs go")
    args = parser.parse_args()
    with running_server(args.store, timeout=30) as server:
        for path in take(server.url, args.out):
            print(path)


if __name__ == "__main__":
    main()
