import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

CURRENT_TRACK_LOOKUP = 'WHERE "events_track"."is_current"'


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
        '<a href="/en/igf2023-pt/secretariat/personal-data/">Personal data</a>',
    ]:
        assert link in content, link


def current_track_lookups(client, path: str) -> tuple[int, int]:
    """How many menus the page shows, and how many queries looked up the current track for it."""
    with CaptureQueriesContext(connection) as queries:
        content = client.get(path).content.decode()
    lookups = [query for query in queries.captured_queries if CURRENT_TRACK_LOOKUP in query["sql"]]
    return content.count('class="staff-nav"'), len(lookups)


@pytest.mark.django_db
def test_the_public_gets_no_menu_and_no_query_for_it(client, secretariat):
    public = current_track_lookups(client, "/en/igf2023-pt/")
    client.force_login(secretariat)
    assert (public, current_track_lookups(client, "/en/igf2023-pt/")) == ((0, 0), (1, 1))
