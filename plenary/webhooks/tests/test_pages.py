"""The secretariat's webhook pages: only the secretariat, with its second factor."""

import pytest
from django.test import Client

from plenary.core.models import AuditEntry, Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament
from plenary.webhooks import services
from plenary.webhooks.models import Delivery, Endpoint, Event

Status = Delivery.Status


@pytest.fixture
def hook(igf_track, secretariat):
    return services.create_endpoint(
        track=igf_track,
        name="Badges",
        url="https://badges.example.org/in",
        events=[Event.REGISTRATION_CONFIRMED],
        actor=secretariat,
    )


def test_the_secretariat_adds_an_endpoint_and_reads_its_secret(client, secretariat, igf_track):
    client.force_login(secretariat)
    response = client.post(
        "/en/webhooks/",
        {
            "track": igf_track.pk,
            "name": "Visa desk",
            "url": "https://visas.example.org/plenary",
            "events": ["registration.confirmed", "grant.paid"],
        },
    )
    endpoint = Endpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/webhooks/{endpoint.pk}/"
    assert (endpoint.events, endpoint.status, endpoint.created_by) == (
        ["registration.confirmed", "grant.paid"],
        "active",
        secretariat,
    )
    assert endpoint.secret.startswith("whsec_")
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page
    assert AuditEntry.objects.filter(action="webhooks.endpoint_created").count() == 1


def test_a_private_or_plain_http_address_is_refused_in_the_form(client, secretariat, igf_track, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(secretariat)
    for url in ("http://visas.example.org/", "https://192.168.1.20/"):
        response = client.post(
            "/en/webhooks/", {"track": igf_track.pk, "name": "Visa", "url": url, "events": ["grant.paid"]}
        )
        assert response.status_code == 200
    assert Endpoint.objects.count() == 0


def test_the_endpoint_page_shows_each_delivery_and_sends_one_again(client, secretariat, hook):
    services.emit(hook.track, Event.REGISTRATION_CONFIRMED, {"registration": 1})
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Status.FAILED, attempts=9, response_status=503, response_excerpt="Service Unavailable"
    )
    client.force_login(secretariat)
    page = client.get(f"/en/webhooks/{hook.pk}/").content.decode()
    assert str(delivery.delivery_id) in page
    assert "Service Unavailable" in page
    response = client.post(f"/en/webhooks/deliveries/{delivery.pk}/send-again/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.PENDING, 0)
    client.post(f"/en/webhooks/deliveries/{delivery.pk}/send-again/")
    assert AuditEntry.objects.filter(action="webhooks.send_again").count() == 1


def test_pause_resume_and_a_new_secret(client, secretariat, hook):
    client.force_login(secretariat)
    client.post(f"/en/webhooks/{hook.pk}/pause/")
    assert Endpoint.objects.get().status == "paused"
    client.post(f"/en/webhooks/{hook.pk}/resume/")
    assert Endpoint.objects.get().status == "active"
    client.post(f"/en/webhooks/{hook.pk}/rotate-secret/")
    assert Endpoint.objects.get().secret not in ("", hook.secret)


@pytest.mark.parametrize("role", [None, Role.FOCAL_POINT, Role.REVIEWER])
def test_no_one_else_reaches_the_pages(hook, role):
    outsider = Client()
    parliament = Parliament.objects.first() if role == Role.FOCAL_POINT else None
    outsider.force_login(make_user("someone@example.org", role, parliament=parliament))
    Delivery.objects.create(endpoint=hook, event=Event.GRANT_PAID, body="{}")
    delivery = Delivery.objects.get()
    for path in ("/en/webhooks/", f"/en/webhooks/{hook.pk}/"):
        assert outsider.get(path).status_code in (302, 404)
    for path in (f"/en/webhooks/{hook.pk}/pause/", f"/en/webhooks/deliveries/{delivery.pk}/send-again/"):
        outsider.post(path)
    assert Endpoint.objects.get().status == "active"
    assert Delivery.objects.get().status == Status.PENDING
    assert hook.secret not in outsider.get(f"/en/webhooks/{hook.pk}/").content.decode()


def test_the_secretariat_without_its_second_factor_is_sent_to_it(hook):
    user = make_user("sec2@example.org", Role.SECRETARIAT)
    plain = Client()
    plain.force_login(user)
    response = plain.get(f"/en/webhooks/{hook.pk}/")
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]
