import base64
import datetime as dt
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plenary.api import services
from plenary.api.models import ApiToken, Handoff
from plenary.api.tests.conftest import bearer
from plenary.core.errors import ServiceError
from plenary.core.models import AuditEntry
from plenary.funding import services as funding_services
from plenary.funding.models import LedgerEntry
from plenary.funding.tests import factories
from plenary.webhooks.models import Delivery, Endpoint, Event

BASE = "/api/v1/tracks/igf2023-pt"


def iso(moment) -> str:
    """A date-time as the API's JSON writes it (to the millisecond, UTC as Z)."""
    return DjangoJSONEncoder().default(moment)


@pytest.fixture
def call(igf_track):
    return factories.call(igf_track, budget=5000)


@pytest.fixture
def grant(call, igf_track, api_secretariat):
    """Nepal's MP holds an accepted grant of 2000 (Uganda's applied and holds none)."""
    application = factories.applied(call, factories.mp("NPL", track=igf_track))
    factories.applied(call, factories.mp("UGA", track=igf_track, gender="male"))
    funding_services.approve_grant(application=application, amount=2000, actor=api_secretariat)
    return funding_services.accept_offer(application=application, actor=api_secretariat)


def pay(client, application, amount, key="payment-1"):
    return client.post(
        f"{BASE}/applications/{application.pk}/payments",
        {"amount": amount},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_funding_calls_with_their_budget(api, grant, call):
    call.refresh_from_db()
    assert api.get(f"{BASE}/funding-calls?lang=en").json() == {
        "items": [
            {
                "id": call.pk,
                "title": "Travel funding for MPs from the global South",
                "currency": "USD",
                "budget": 5000,
                "committed": 2000,
                "paid": 0,
                "remaining": 3000,
                "max_funded": None,
                "opens_on": str(call.opens_on),
                "closes_on": str(call.closes_on),
                "covers_airfare": True,
                "daily_allowance": 300,
                "terminal_expenses": 100,
                "partial_allowed": False,
            }
        ],
        "next_cursor": None,
    }


def test_an_application_with_its_grant_and_ledger(api, grant, call):
    grant.refresh_from_db()
    commit = LedgerEntry.objects.get(application=grant)
    person = grant.person
    assert api.get(f"{BASE}/applications/{grant.pk}").json() == {
        "id": grant.pk,
        "call": call.pk,
        "status": "accepted",
        "given_name": "Member",
        "family_name": person.family_name,
        "gender": "female",
        "parliament": "NPL",
        "regional_group": person.parliament.country.un_regional_group,
        "language": "en",
        "itinerary": "Kathmandu – Osaka – Kyoto",
        "nights": 4,
        "requested": 1400 + 4 * 300 + 100,
        "score": None,
        "reserve_rank": None,
        "grant_amount": 2000,
        "grant_percent": 100,
        "answer_by": str(grant.answer_by),
        "paid": 0,
        "currency": "USD",
        "ledger": [{"id": commit.pk, "kind": "commit", "amount": 2000, "at": iso(commit.at)}],
        "taken_by": [],
        "created_at": iso(grant.created_at),
        "changed_at": iso(grant.updated_at),
    }


def test_applications_filtered_as_in_the_back_office(api, grant, call):
    def ids(query):
        return [row["id"] for row in api.get(f"{BASE}/applications?{query}").json()["items"]]

    uganda = call.applications.exclude(pk=grant.pk).get()
    assert ids("") == [grant.pk, uganda.pk]
    assert ids("status=accepted") == [grant.pk]
    assert ids("parliament=uga") == [uganda.pk]
    assert ids(f"call={call.pk + 1}") == []
    assert ids("changed_since=2999-01-01T00:00:00Z") == []
    assert api.get(f"{BASE}/applications?status=paid").json()["code"] == "invalid"
    assert api.get(f"{BASE}/applications/{uganda.pk + 100}").json()["code"] == "not_found"


def test_changed_since_walks_in_order_of_change_whatever_the_page_size(api, grant, call, api_secretariat):
    uganda = call.applications.exclude(pk=grant.pk).get()
    since = iso(timezone.now() - dt.timedelta(hours=1))
    assert pay(api, grant, 500).status_code == 201
    query = f"{BASE}/applications?changed_since={since}"
    whole = [row["id"] for row in api.get(query).json()["items"]]
    assert whole == [uganda.pk, grant.pk]
    first = api.get(f"{query}&limit=1").json()
    second = api.get(f"{query}&limit=1&cursor={first['next_cursor']}").json()
    assert ([row["id"] for row in first["items"] + second["items"]], second["next_cursor"]) == (whole, None)
    assert api.get(f"{BASE}/applications?cursor={first['next_cursor']}").json()["code"] == "invalid"
    tampered = base64.urlsafe_b64encode(b"changed:yesterday/1").decode()
    assert api.get(f"{query}&cursor={tampered}").json()["code"] == "invalid"


def test_a_retried_payment_is_recorded_once(api, grant, call, igf_track):
    Endpoint.objects.create(
        track=igf_track,
        name="finance",
        url="https://finance.example.org/hook",
        events=[Event.GRANT_PAID],
        secret="s",
    )
    first = pay(api, grant, 500)
    again = pay(api, grant, 500)
    entry = LedgerEntry.objects.get(application=grant, kind="payment")
    answer = {
        "application": grant.pk,
        "entry": {"id": entry.pk, "kind": "payment", "amount": 500, "at": iso(entry.at)},
        "paid": 500,
        "grant_amount": 2000,
        "currency": "USD",
        "already": False,
    }
    assert (first.status_code, first.json()) == (201, answer)
    assert (again.status_code, again.json()) == (200, answer | {"already": True})
    call.refresh_from_db()
    assert (call.paid, entry.idempotency_key) == (500, "payment-1")
    audit = AuditEntry.objects.get(action="funding.grant.pay")
    token = ApiToken.objects.get()
    assert (audit.actor, audit.changes) == (
        token.owner,
        {"amount": 500, "through": f"API token {token.pk} (badge printer)"},
    )
    assert [json.loads(delivery.body)["data"]["payment"] for delivery in Delivery.objects.all()] == [500]


def test_the_same_key_for_another_amount_is_refused_and_another_key_pays_again(api, grant):
    assert pay(api, grant, 500).status_code == 201
    reused = pay(api, grant, 700)
    assert (reused.status_code, reused.json()["code"], reused.json()["title"]) == (
        409,
        "key_reused",
        "This key already recorded a payment of 500 USD on this grant.",
    )
    second = pay(api, grant, 700, key="payment-2")
    assert (second.status_code, second.json()["paid"]) == (201, 1200)
    too_much = pay(api, grant, 900, key="payment-3")
    assert (too_much.status_code, too_much.json()["code"], too_much.json()["title"]) == (
        409,
        "refused",
        "The payment must be positive and not exceed the grant.",
    )
    assert pay(api, grant, 100, key=" ").json()["code"] == "invalid"
    missing = api.post(
        f"{BASE}/applications/{grant.pk}/payments", {"amount": 1}, content_type="application/json"
    )
    assert (missing.status_code, missing.json()["code"]) == (422, "invalid")
    assert list(LedgerEntry.objects.filter(kind="payment").values_list("amount", flat=True)) == [500, 700]


def test_only_an_accepted_grant_is_paid(api, grant, call):
    uganda = call.applications.exclude(pk=grant.pk).get()
    refused = pay(api, uganda, 100)
    assert (refused.status_code, refused.json()["title"]) == (409, "Only an accepted grant can be paid.")


def test_payments_and_funding_reads_need_their_scopes(make_token, grant):
    _token, reader = make_token(["read:funding"])
    _token, registrations = make_token(["read:registrations"])
    assert pay(bearer(reader), grant, 100).json()["code"] == "wrong_scope"
    assert bearer(registrations).get(f"{BASE}/applications").json()["code"] == "wrong_scope"
    assert bearer(registrations).get(f"{BASE}/funding-calls").json()["code"] == "wrong_scope"
    assert LedgerEntry.objects.filter(kind="payment").count() == 0


def test_a_grant_marked_taken_once_per_system(api, grant, call):
    url = f"{BASE}/applications/{grant.pk}/taken"
    first = api.post(url, {"system": "travel-desk"}, content_type="application/json")
    again = api.post(url, {"system": "travel-desk"}, content_type="application/json")
    handoff = Handoff.objects.get()
    answer = {
        "application": grant.pk,
        "system": "travel-desk",
        "taken_at": iso(handoff.taken_at),
        "already": False,
    }
    assert (first.status_code, first.json()) == (201, answer)
    assert (again.status_code, again.json()) == (200, answer | {"already": True})
    assert (handoff.registration, handoff.application) == (None, grant)
    uganda = call.applications.exclude(pk=grant.pk).get()
    assert [
        row["id"] for row in api.get(f"{BASE}/applications?not_taken_by=travel-desk").json()["items"]
    ] == [uganda.pk]
    assert [row["id"] for row in api.get(f"{BASE}/applications?taken_by=travel-desk").json()["items"]] == [
        grant.pk
    ]
    assert api.get(f"{BASE}/applications/{grant.pk}").json()["taken_by"] == ["travel-desk"]
    refused = api.post(
        f"{BASE}/applications/{uganda.pk}/taken", {"system": "travel-desk"}, content_type="application/json"
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "no_grant")
    assert api.post(url, {"system": "no spaces"}, content_type="application/json").json()["code"] == "invalid"
    assert AuditEntry.objects.filter(action="api.grant_taken").count() == 1


def test_a_focal_point_may_not_make_a_funding_token(focal, parliaments, igf_track):
    with pytest.raises(ServiceError):
        services.create_token(
            owner=focal,
            name="mine",
            scopes=["read:funding"],
            track=igf_track,
            expires_at=timezone.now() + dt.timedelta(days=1),
            actor=focal,
            parliament=parliaments[0],
        )


def test_another_tracks_grants_answer_404(api, grant):
    other = "/api/v1/tracks/another-track/applications"
    assert api.get(other).json()["code"] == "not_found"
    response = api.post(
        f"{other}/{grant.pk}/payments",
        {"amount": 1},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.json()["code"] == "not_found"


def test_queries_per_page_do_not_grow_with_applications(api, grant, call, igf_track, api_secretariat):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"{BASE}/applications?limit=100").status_code == 200
        return len(captured)

    few = queries()
    for iso3 in ("MWI", "NER", "TCD"):
        application = factories.applied(call, factories.mp(iso3, track=igf_track))
        funding_services.approve_grant(application=application, amount=500, actor=api_secretariat)
    assert queries() == few
