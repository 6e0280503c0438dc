"""On a phone, a table's rows are stacked and each cell is labelled with its column's header."""

import pytest
from django.urls import reverse

from plenary.core.testing import chromium_page


@pytest.mark.browser
def test_cells_carry_their_column_header_on_a_phone(igf_demo_committed, live_server, artifacts_dir):
    from plenary.registration import links, services
    from plenary.registration.tests import factories

    delegation = services.delegation_for(track=igf_demo_committed, parliament=factories.parliaments(1)[0])
    url = reverse(
        "registration:delegation_link",
        kwargs={"track": igf_demo_committed.slug, "token": links.delegation_token(delegation)},
    )
    with chromium_page(viewport={"width": 390, "height": 844}, is_mobile=True) as page:
        page.goto(live_server.url + url.replace("/en/", "/ar/", 1))
        first_row = page.locator("table.table tbody tr").first
        labels = first_row.locator("td").evaluate_all("cells => cells.map(cell => cell.dataset.label)")
        shown = first_row.locator("td").nth(1).evaluate("cell => getComputedStyle(cell, '::before').content")
        page.screenshot(path=str(artifacts_dir / "core-phone-table-ar.png"), full_page=True)
    assert labels == ["الأماكن", "مؤكد", "المتبقي"]
    assert shown == '"مؤكد "'
