"""A focal point makes read tokens for its own delegation on its page; they reach no other parliament."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from plenary.api.models import ApiToken
from plenary.api.tests.conftest import bearer
from plenary.invitations.models import Invitation

BASE = "/api/v1/tracks/igf2023-pt"


@pytest.fixture
def invited(igf_track, parliaments):
    igf_track.invited_parliaments.add(*parliaments)
    for number, parliament in enumerate(parliaments, start=1):
        Invitation.objects.create(
            track=igf_track, parliament=parliament, seq=number, reference=f"IGF/{number}", status="sent"
        )
    return parliaments


def page(parliament) -> str:
    return f"/en/igf2023-pt/delegations/{parliament.pk}/api-tokens/"


def create(client, parliament, scopes, name="our registry"):
    expires = timezone.localdate() + dt.timedelta(days=30)
    return client.post(
        page(parliament), {"action": "create", "name": name, "scopes": scopes, "expires_on": str(expires)}
    )


def test_the_secret_is_shown_once_and_reads_only_the_own_delegation(client, focal, invited, registrations):
    own, other = invited
    client.force_login(focal)
    response = create(client, own, ["read:registrations", "read:invitations"])
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith(f"plenary_{token.pk}_")
    assert secret in response.content.decode()
    assert (response["Cache-Control"], secret in client.get(page(own)).content.decode()) == (
        "no-store, private",
        False,
    )
    assert (token.owner, token.parliament, token.scopes) == (
        focal,
        own,
        ["read:invitations", "read:registrations"],
    )
    assert token.expires_at == timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=31), dt.time())
    )
    api = bearer(secret)
    own_iso3 = own.country.iso3
    seen = [row["parliament"] for row in api.get(f"{BASE}/registrations").json()["items"]]
    assert seen == [own_iso3] * 3
    assert [row["parliament"] for row in api.get(f"{BASE}/invitations").json()["items"]] == [own_iso3]
    assert api.get(f"{BASE}/invitations?parliament={other.country.iso3}").json()["items"] == []
    assert api.get(f"{BASE}/registrations/{registrations[-1].reference}").json()["code"] == "not_found"
    assert api.get(f"{BASE}/applications").json()["code"] == "wrong_scope"
    assert api.get("/api/v1/countries").json()["code"] == "wrong_scope"
    taken = api.post(
        f"{BASE}/registrations/{registrations[0].reference}/taken",
        {"system": "registry"},
        content_type="application/json",
    )
    assert taken.json()["code"] == "wrong_scope"


def test_write_scopes_are_not_offered(client, focal, invited):
    client.force_login(focal)
    response = create(client, invited[0], ["read:registrations", "write:payments"])
    assert (response.status_code, "scopes" in response.context["form"].errors) == (200, True)
    assert ApiToken.objects.count() == 0


def test_a_year_at_most(client, focal, invited):
    client.force_login(focal)
    expires = timezone.localdate() + dt.timedelta(days=400)
    response = client.post(
        page(invited[0]),
        {"action": "create", "name": "x", "scopes": ["read:directory"], "expires_on": str(expires)},
    )
    assert response.context["form"].errors["expires_on"] == ["Choose a day from today to a year from now."]


def test_another_parliaments_page_is_not_found_and_the_secretariat_goes_to_the_back_office(
    client, focal, invited, secretariat
):
    client.force_login(focal)
    assert client.get(page(invited[1])).status_code == 404
    assert create(client, invited[1], ["read:registrations"]).status_code == 404
    client.force_login(secretariat)
    assert client.get(page(invited[0])).url == "/en/admin/api/apitoken/add/"
    assert ApiToken.objects.count() == 0


def test_the_focal_point_revokes_its_token(client, focal, invited, registrations):
    client.force_login(focal)
    secret = create(client, invited[0], ["read:registrations"]).context["secret"]
    token = ApiToken.objects.get()
    assert client.post(page(invited[0]), {"action": "revoke", "token": "x"}).status_code == 404
    response = client.post(page(invited[0]), {"action": "revoke", "token": token.pk})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(secret).get(f"{BASE}/registrations").json()["code"] == "unauthenticated"


def test_the_delegation_page_links_to_the_tokens(client, focal, invited):
    client.force_login(focal)
    response = client.get(f"/en/igf2023-pt/delegations/{invited[0].pk}/")
    assert page(invited[0]) in response.content.decode()


def arabic_page(parliament) -> str:
    return page(parliament).replace("/en/", "/ar/", 1)


def test_the_arabic_page_gives_scope_labels_and_the_un_arabic_expiry(client, focal, invited):
    client.force_login(focal)
    client.post(
        arabic_page(invited[0]),
        {"action": "create", "name": "سجلنا", "scopes": ["read:directory"], "expires_on": "2027-01-14"},
    )
    response = client.get(arabic_page(invited[0]))
    label = "قراءة الدليل (البرلمانات، البلدان)"
    with translation.override("en"):
        assert ApiToken.objects.get().scope_labels == ["Read the directory (parliaments, countries)"]
    assert (
        response.content.decode().count(f'<td data-label="النطاقات" class="token-scopes">{label}</td>') == 1
    )
    assert '<td data-label="ينتهي في" class="token-expires">15 كانون الثاني/يناير 2027 00:00</td>' in (
        response.content.decode()
    )


def test_a_missing_expiry_is_a_form_error_in_the_pages_language(client, focal, invited):
    client.force_login(focal)
    response = client.post(
        arabic_page(invited[0]), {"action": "create", "name": "سجلنا", "scopes": ["read:directory"]}
    )
    form = response.context["form"]
    assert (ApiToken.objects.count(), form.errors["expires_on"]) == (0, ["هذا الحقل مطلوب."])
    assert "هذا الحقل مطلوب." in response.content.decode()
    assert 'id="create-token" novalidate>' in response.content.decode()


@pytest.mark.browser
def test_the_new_secret_wraps_on_a_phone(igf_demo_committed, live_server):
    from plenary.core.models import Role
    from plenary.core.testing import chromium_page, log_in_page, make_user
    from plenary.registration.tests import factories

    parliament = factories.parliaments(1)[0]
    igf_demo_committed.invited_parliaments.add(parliament)
    Invitation.objects.create(
        track=igf_demo_committed, parliament=parliament, seq=900, reference="IGF/900", status="sent"
    )
    focal = make_user("phone.focal@example.org", Role.FOCAL_POINT, parliament=parliament)
    with chromium_page(viewport={"width": 390, "height": 844}) as phone:
        log_in_page(phone, live_server.url, focal)
        phone.goto(live_server.url + arabic_page(parliament))
        phone.fill("#id_name", "سجلنا")
        phone.locator("input[value='read:registrations']").check()
        phone.fill("#id_expires_on", str(timezone.localdate() + dt.timedelta(days=30)))
        phone.locator("#create-token button[type=submit]").click()
        phone.wait_for_selector("#secret")
        assert phone.locator("#secret").get_attribute("dir") == "ltr"
        assert phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") == 0
