import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_the_secretariat_has_a_menu_of_its_pages(client, secretariat):
    client.force_login(secretariat)
    content = client.get("/en/igf2023-pt/").content.decode()
    for link in [
        '<a href="/en/admin/">Back office</a>',
        '<a href="/en/invitations/igf2023-pt/">Invitations</a>',
        '<a href="/en/igf2023-pt/secretariat/registrations/">Registrations</a>',
        '<a href="/en/igf2023-pt/secretariat/check-in/">Check-in</a>',
        '<a href="/en/admin/funding/fundingcall/">Funding calls</a>',
        '<a href="/en/igf2023-pt/outcome/drafts/">Output document drafts</a>',
    ]:
        assert link in content, link


@pytest.mark.django_db
def test_the_public_gets_no_menu_and_no_query_for_it(client):
    with CaptureQueriesContext(connection) as with_menu_lookup:
        content = client.get("/en/igf2023-pt/").content.decode()
    assert 'class="staff-nav"' not in content
    assert [
        query["sql"]
        for query in with_menu_lookup.captured_queries
        if 'WHERE "events_track"."is_current"' in query["sql"]
    ] == []
