"""axe-core over every page a user reaches (tests/accessibility/pages.py), in the six languages,
with WCAG 2.0, 2.1 and 2.2 A and AA rules: no violation on any page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from plenary.core.languages import LANGUAGE_CODES
from plenary.core.testing import chromium_page, log_in_page
from tests.accessibility import pages

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


# What axe-core no longer checks (its duplicate-id rules are retired): ids used twice, and
# references (label for, aria-describedby, -labelledby, -controls) to ids the page does not have.
BROKEN_REFERENCES = """() => {
  const ids = Array.from(document.querySelectorAll("[id]"), (element) => element.id);
  const twice = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  const dangling = [];
  for (const attribute of ["for", "aria-describedby", "aria-labelledby", "aria-controls"]) {
    for (const element of document.querySelectorAll(`[${attribute}]`)) {
      for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) dangling.push(`${attribute} to a missing id: ${id}`);
      }
    }
  }
  return twice.map((id) => `duplicate id: ${id}`).concat(dangling);
}"""


# Scripts that finish the page on its load event (the back office's names) have run.
AFTER_THE_LOAD_HANDLERS = "() => new Promise((resolve) => setTimeout(resolve))"


def violations_on(page) -> list[str]:
    """Each violation as "rule: element", one line per element."""
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    found = [
        f"{violation['id']}: {' '.join(node['target'])} {node['html'][:160]}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]
    return found + page.evaluate(BROKEN_REFERENCES)


def scan_all(page, base_url: str, demo, language: str, listed: list) -> dict[str, list[str] | str]:
    """The pages that are not clean, each with its violations (or the HTTP status it answered)."""
    found = {}
    logged_in = "nobody"
    for entry in listed:
        if entry.who != logged_in:
            page.context.clear_cookies()
            if entry.who:
                log_in_page(page, base_url, get_user_model().objects.get(email=entry.who))
            logged_in = entry.who
        url = base_url + entry.path(demo, language)
        if entry.reached_by:
            entry.reached_by(page, url)
            logged_in = "halfway through a login"
            if page.url != url:
                found[entry.name] = f"the steps to {url} ended at {page.url}"
                continue
        else:
            answer = page.request.get(url, max_redirects=0)
            if answer.status != 200 or not answer.headers["content-type"].startswith("text/html"):
                found[entry.name] = f"{url} answers {answer.status} {answer.headers['content-type']}"
                continue
            page.goto(url)
        page.evaluate(AFTER_THE_LOAD_HANDLERS)
        problems = violations_on(page)
        if problems:
            found[entry.name] = problems
    return found


def test_every_route_is_a_listed_page_or_said_why_not():
    listed = {entry.route for entry in pages.every_page()}
    unlisted = [
        route
        for route in pages.routes()
        if route not in listed and route not in pages.NOT_PAGES and not pages.left_out_by_rule(route)
    ]
    assert unlisted == []
    assert sorted(listed & set(pages.NOT_PAGES)) == []


def test_the_page_list_covers_every_role_and_plenary_admin_form():
    who = {entry.who for entry in pages.every_page()}
    assert who == {
        pages.VISITOR,
        pages.SECRETARIAT,
        pages.FOCAL_POINT,
        pages.DELEGATE,
        pages.APPLICANT,
        pages.RAPPORTEUR,
        pages.REVIEWER,
        pages.GRANTEE,
    }


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_no_page_violates_wcag_22_aa(demo, live_server, language):
    with chromium_page() as page:
        assert scan_all(page, live_server.url, demo, language, pages.every_page()) == {}
