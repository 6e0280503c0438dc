import datetime as dt
import json

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.api.models import ApiToken, Handoff, TokenRequest
from plenary.api.tests.conftest import bearer, submit
from plenary.core.models import AuditEntry, OutboxMessage
from plenary.registration.models import CheckIn, TrackCapacity

URL = "/api/v1/tracks/igf2023-pt/registrations"


def walk(client, url):
    """Every item of a paginated list, following the cursors."""
    items, page = [], client.get(url).json()
    items += page["items"]
    while page["next_cursor"]:
        page = client.get(f"{url}&cursor={page['next_cursor']}").json()
        items += page["items"]
    return items


def test_the_same_answer_whatever_the_page_size(api, registrations):
    whole = [row["reference"] for row in api.get(f"{URL}?limit=500").json()["items"]]
    assert len(whole) == 5
    for size in (1, 2, 3, 4):
        assert [row["reference"] for row in walk(api, f"{URL}?limit={size}")] == whole


def test_filters(api, registrations, parliaments):
    iso3 = parliaments[1].country.iso3
    assert len(api.get(f"{URL}?parliament={iso3}").json()["items"]) == 2
    assert len(api.get(f"{URL}?status=confirmed&mode=onsite").json()["items"]) == 5
    assert api.get(f"{URL}?status=rejected").json()["items"] == []
    assert len(api.get(f"{URL}?changed_since=2000-01-01T00:00:00Z").json()["items"]) == 5
    assert api.get(f"{URL}?changed_since=2999-01-01T00:00:00Z").json()["items"] == []
    assert api.get(f"{URL}?status=nonsense").status_code == 422
    assert api.get(f"{URL}?cursor=@@").json()["code"] == "invalid"


def test_passport_never_and_photo_only_with_its_scope(api, make_token, registrations):
    row = api.get(f"{URL}/{registrations[0].reference}").json()
    assert "passport_number" not in row and "passport_expiry" not in row
    assert row["photo"] is None
    _token, secret = make_token(["read:registrations"])
    assert bearer(secret).get(f"{URL}/{registrations[0].reference}/photo").json()["code"] == "wrong_scope"


def test_translated_names_six_languages_or_one(api, registrations):
    track = api.get("/api/v1/tracks").json()[0]
    assert set(track["name"]) >= {"en"}
    assert api.get("/api/v1/tracks?lang=en").json()[0]["name"] == track["name"]["en"]
    country = api.get("/api/v1/countries?limit=1&lang=fr").json()["items"][0]
    assert isinstance(country["name"], str)


def test_queries_per_page_do_not_grow_with_registrations(api, igf_track, parliaments, registrations):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"{URL}?limit=100").status_code == 200
        return len(captured)

    few = queries()
    for _ in range(10):
        submit(igf_track, parliaments[1])
    assert queries() == few


def test_check_in_twice_records_once_and_says_when(api, registrations, igf_track):
    day = str(igf_track.start_date)
    reference = registrations[0].reference
    first = api.post(
        "/api/v1/tracks/igf2023-pt/check-ins",
        {"reference": reference, "day": day},
        content_type="application/json",
    )
    second = bearer(api.defaults["HTTP_AUTHORIZATION"].split()[1], HTTP_ACCEPT_LANGUAGE="fr").post(
        "/api/v1/tracks/igf2023-pt/check-ins",
        {"reference": reference, "day": day},
        content_type="application/json",
    )
    assert (first.status_code, first.json()["already"]) == (201, False)
    assert (second.status_code, second.json()["already"]) == (200, True)
    assert second.json()["message"].startswith("Arrivée déjà enregistrée à ")
    assert CheckIn.objects.filter(registration=registrations[0]).count() == 1
    entry = AuditEntry.objects.get(action="registration.checked_in")
    token = ApiToken.objects.get()
    assert entry.changes["through"] == f"API token {token.pk} (badge printer)"
    assert entry.actor == token.owner


def test_reject_with_reason_goes_through_the_service(api, registrations):
    reference = registrations[0].reference
    queued = OutboxMessage.objects.count()
    response = api.post(
        f"{URL}/{reference}/reject", {"reason": "Not a member"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["status"]) == (200, "rejected")
    assert OutboxMessage.objects.count() == queued + 1
    again = api.post(f"{URL}/{reference}/reject", {"reason": "again"}, content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "refused")
    assert (
        AuditEntry.objects.filter(action="registration.rejected")
        .get()
        .changes["through"]
        .startswith("API token")
    )


def test_approve_a_submitted_registration(api, igf_track, capacity, parliaments):
    TrackCapacity.objects.filter(pk=capacity.pk).update(requires_vetting=True)
    registration = submit(igf_track, parliaments[0])
    assert registration.status == "submitted"
    response = api.post(f"{URL}/{registration.reference}/approve")
    assert (response.status_code, response.json()["status"]) == (200, "confirmed")


def test_mark_taken_once_and_list_what_is_not_taken(api, registrations):
    reference = registrations[0].reference
    first = api.post(f"{URL}/{reference}/taken", {"system": "badge-printer"}, content_type="application/json")
    second = api.post(
        f"{URL}/{reference}/taken", {"system": "badge-printer"}, content_type="application/json"
    )
    assert (first.status_code, second.status_code, second.json()["already"]) == (201, 200, True)
    assert Handoff.objects.count() == 1
    left = [row["reference"] for row in api.get(f"{URL}?not_taken_by=badge-printer").json()["items"]]
    assert left == [r.reference for r in registrations[1:]]
    assert api.get(f"{URL}/{reference}").json()["taken_by"] == ["badge-printer"]


def test_a_focal_points_token_cannot_write(focal, parliaments, igf_track, registrations):
    from django.utils import timezone

    from plenary.api import services

    _token, secret = services.create_token(
        owner=focal,
        name="mine",
        scopes=["read:registrations"],
        track=igf_track,
        expires_at=timezone.now() + dt.timedelta(days=1),
        actor=focal,
        parliament=parliaments[0],
    )
    response = bearer(secret).post(f"{URL}/{registrations[0].reference}/approve")
    assert response.status_code == 403


def test_openapi_is_3_1_and_the_docs_page_uses_our_static_files(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    assert schema["openapi"] == "3.1.0"
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "https://" not in page


def test_the_secretariat_creates_a_token_in_the_back_office_and_sees_the_secret_once(
    client, secretariat, igf_track
):
    client.force_login(secretariat)
    response = client.post(
        "/en/admin/api/apitoken/add/",
        {
            "owner": secretariat.pk,
            "name": "badges",
            "scopes": ["read:registrations", "write:check-in"],
            "track": igf_track.pk,
            "expires_at_0": "2030-01-01",
            "expires_at_1": "00:00:00",
        },
        follow=True,
    )
    token = ApiToken.objects.get(name="badges")
    shown = [str(message) for message in response.context["messages"]]
    assert any(f"plenary_{token.pk}_" in message for message in shown)
    assert token.scopes == ["read:registrations", "write:check-in"]
    assert client.get("/en/admin/api/tokenrequest/").status_code == 200
    assert TokenRequest.objects.count() == 0
    assert mail.outbox == []


def test_published_releases_newest_first_with_their_programme(api, igf_track, api_secretariat):
    from plenary.programme import services as programme_services

    assert api.get("/api/v1/tracks/igf2023-pt/releases").json() == []
    programme_services.publish_release(track=igf_track, name="v1", actor=api_secretariat)
    programme_services.publish_release(track=igf_track, name="v2", actor=api_secretariat)
    releases = api.get("/api/v1/tracks/igf2023-pt/releases").json()
    assert [release["name"] for release in releases] == ["v2", "v1"]
    assert isinstance(releases[0]["programme"], dict)
