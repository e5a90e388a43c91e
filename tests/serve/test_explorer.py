"""The web explorer in a real headless browser (Debian's chromium through Playwright), over ``kg serve`` of the
seed build: search by alias, the entity page with every mention highlighted in its sentence, the article page
with every entity highlighted, the who-met-whom network and the SPARQL editor; and nothing fetched from anywhere
but the server."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from kg.serve.explorer import STATIC_DIR
from tests.serve.test_endpoint import json_rows, request

WAIT_MS = 30_000
"""How long a page may take to show what a test waits for (a query or two on a loaded machine)."""


ABSOLUTE_REFERENCE = re.compile(
    r"""(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|(import|fetch)[^;]*["'`](https?:)?//""")
"""A reference that would make a browser load something from another host."""


def select(server: str, query: str) -> list[dict[str, str]]:
    status, _, body = request(server, params={"query": query})
    assert status == 200, body
    return json_rows(body)


@contextmanager
def browsing(browser, server: str) -> Iterator:
    """A fresh page that records every request going anywhere but ``server``, and every script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.elsewhere, page.errors = [], []
    page.on("request", lambda req: None if req.url.startswith((server, "data:")) else page.elsewhere.append(req.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
        assert page.elsewhere == [] and page.errors == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def alias(server) -> dict[str, str]:
    """An entity with an alias that its label does not contain, so only the alias can find it."""
    rows = select(server, "SELECT ?entity ?label ?alias WHERE { ?entity a nkg:Person ; rdfs:label ?label ; "
                          "skos:altLabel ?alias FILTER (!CONTAINS(LCASE(?label), LCASE(?alias))) } "
                          "ORDER BY ?alias LIMIT 1")
    assert rows, "the seed build has no person with an alias outside their label"
    return rows[0]


def test_search_by_alias_then_the_entity_page_highlights_every_mention(browser, server, alias):
    mentions = select(server, f"SELECT DISTINCT ?begin ?end ?anchor WHERE {{ <{alias['entity']}> gaf:denotedBy ?m . "
                              "?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor }")
    with browsing(browser, server) as page:
        page.goto(server)
        page.fill("#q", alias["alias"])
        page.press("#q", "Enter")
        link = page.locator(f'#results a.entity[href="entity.html?iri={quote(alias["entity"], safe="")}"]')
        link.wait_for(timeout=WAIT_MS)
        assert link.inner_text() == alias["label"]
        link.click()
        page.wait_for_selector("#mentions li.mention-item", timeout=WAIT_MS)
        assert page.inner_text("h1").startswith(alias["label"])
        assert alias["alias"] in page.inner_text("#aliases")
        shown = {(int(item.get_attribute("data-begin")), int(item.get_attribute("data-end")),
                  item.locator("mark.mention").inner_text())
                 for item in page.locator("#mentions li.mention-item").all()}
        assert shown == {(int(m["begin"]), int(m["end"]), m["anchor"]) for m in mentions}


def test_a_mention_links_to_its_article_where_every_entity_is_highlighted(browser, server, alias):
    with browsing(browser, server) as page:
        page.goto(f"{server}entity.html?iri={quote(alias['entity'], safe='')}")
        first = page.locator("#mentions li.mention-item").first
        first.wait_for(timeout=WAIT_MS)
        mention = first.locator("mark.mention").inner_text()
        first.locator("a.source").click()
        page.wait_for_selector("article.text a.mention", timeout=WAIT_MS)
        assert page.locator("#focus").inner_text() == mention
        article = re.search(r"iri=([^&]+)", page.url).group(1)
        expected = {row["entity"] for row in select(server, "SELECT DISTINCT ?entity WHERE { ?entity gaf:denotedBy "
                                                            f"?m . ?m nif:referenceContext <{unquote(article)}> }}")}
        hrefs = page.locator("article.text a.mention").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        linked = {unquote(href.split("iri=")[1]) for href in hrefs}
        assert linked == expected


def test_the_entity_page_lists_claims_with_what_they_conflict_with(browser, server):
    rows = select(server, "SELECT ?subject ?label WHERE { ?claim nkg:claimSubject ?subject ; "
                          "nkg:conflictsWith|^nkg:conflictsWith ?other . ?other rdfs:label ?label } ORDER BY ?subject")
    assert rows, "the seed build has no conflicting claims"
    subject = rows[0]["subject"]
    with browsing(browser, server) as page:
        page.goto(f"{server}entity.html?iri={quote(subject, safe='')}")
        page.wait_for_selector("#claims .conflicts", timeout=WAIT_MS)
        texts = page.locator("#claims .conflicts").all_inner_texts()
        assert all(text.startswith("conflicts with: ") for text in texts)
        shown = {label for text in texts for label in text.removeprefix("conflicts with: ").split("; ")}
        assert shown == {row["label"] for row in rows if row["subject"] == subject}


def test_the_network_shows_the_people_who_met(browser, server):
    rows = select(server, "SELECT DISTINCT ?a ?b WHERE { { ?a nkg:met ?b } UNION "
                          "{ ?link nkg:encounterParticipant ?a, ?b FILTER (?a != ?b) } }")
    people = {row["a"] for row in rows} | {row["b"] for row in rows}
    with browsing(browser, server) as page:
        page.goto(f"{server}network.html")
        network = page.locator("#network[data-nodes]")
        network.wait_for(timeout=WAIT_MS)
        assert int(network.get_attribute("data-nodes")) == len(people) > 0
        assert network.locator("canvas").count() > 0


def test_the_editor_runs_an_example_of_the_query_library(browser, server):
    with browsing(browser, server) as page:
        page.goto(f"{server}sparql.html")
        page.locator('button.example[data-query="who-met-whom"]').click(timeout=WAIT_MS)
        page.locator(".tabPanel.active .yasqe_queryButton").click()
        rows = page.locator(".tabPanel.active .yasr table tbody tr")
        rows.first.wait_for(timeout=WAIT_MS)
        assert rows.count() > 0


def test_pages_come_with_a_policy_that_allows_this_server_only(server):
    status, headers, body = request(server, "")
    assert status == 200 and headers["content-type"].split(";")[0] == "text/html" and b"<!doctype html>" in body
    policy = dict(rule.strip().split(" ", 1) for rule in headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'" and policy["script-src"] == "'self'"


def test_the_editor_gets_the_whole_query_library(server):
    from kg.query import list_queries

    status, _, body = request(server, "explorer/config.json")
    assert status == 200
    assert [query["name"] for query in json.loads(body)["queries"]] == [query.name for query in list_queries()]


def test_pages_name_no_address_outside_the_server():
    """The pages, scripts and styles of the explorer (the vendored libraries aside, which the browser tests and the
    Content-Security-Policy cover) load nothing by absolute URL."""
    own = [path for path in Path(str(STATIC_DIR)).rglob("*")
           if path.suffix in {".html", ".js", ".css"} and "vendor" not in path.parts]
    assert len(own) > 10
    for path in own:
        assert not ABSOLUTE_REFERENCE.search(path.read_text()), path
