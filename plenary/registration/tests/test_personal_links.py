"""Personal links expire with their track, can be withdrawn one by one, and can be asked for again."""

import re
from unittest import mock

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from plenary.core.models import AuditEntry, OutboxMessage
from plenary.invitations import demo as invitation_demo
from plenary.invitations import services as invitations
from plenary.registration import links, services
from plenary.registration.models import Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data

NEUTRAL_ANSWER = [
    "If this address is on file for this track, a new personal link is on its way to it. "
    "Check your mailbox, and your spam folder, in a few minutes."
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def registration(igf_track, capacity, two_parliaments) -> Registration:
    member = factories.member(igf_track, two_parliaments[0])
    data = form_data(member, visa_letter="on", passport_number="AB123456", passport_expiry="2030-06-30")
    Client().post(register_url(igf_track, links.member_token(member)), data)
    return Registration.objects.get(member=member, status=Registration.Status.CONFIRMED, visa_letter=True)


def delegation_url(track, token):
    return reverse("registration:delegation_link", kwargs={"track": track.slug, "token": token})


def register_url(track, token):
    return reverse("registration:register", kwargs={"track": track.slug, "token": token})


def visa_letter_url(track, token):
    return reverse("registration:my_visa_letter", kwargs={"track": track.slug, "token": token})


def answers(client, track, delegation_token, member_token) -> list[int]:
    """The status of the delegation page, of cancelling the registration, and of the visa letter."""
    return [
        client.get(delegation_url(track, delegation_token)).status_code,
        client.post(register_url(track, member_token), {"action": "cancel"}).status_code,
        client.get(visa_letter_url(track, member_token)).status_code,
    ]


def test_links_in_the_old_format_open_nothing(client, igf_track, registration):
    old_delegation = signing.dumps(registration.delegation.pk, salt="plenary.registration.delegation")
    old_member = signing.dumps(registration.member.pk, salt="plenary.registration.member")
    assert answers(client, igf_track, old_delegation, old_member) == [404, 404, 404]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_links_stop_opening_after_the_tracks_end_plus_its_margin(client, igf_track, registration):
    delegation_token = links.delegation_token(registration.delegation)
    member_token = links.member_token(registration.member)
    assert client.get(visa_letter_url(igf_track, member_token))["Content-Type"] == "application/pdf"
    igf_track.links_valid_days = 0  # the IGF 2023 track ended on 9 October 2023
    igf_track.save()
    assert answers(client, igf_track, delegation_token, member_token) == [410, 410, 410]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    page = client.get(delegation_url(igf_track, delegation_token)).content.decode()
    assert re.search(r'<p id="link-error">(.*?)</p>', page).group(1) == "This link has expired."
    assert 'href="/en/igf2023-pt/new-link/" id="new-link"' in page


def test_a_link_opens_until_midnight_at_the_venue_after_the_last_valid_day(
    client, igf_track, two_parliaments
):
    igf_track.links_valid_days = 30
    igf_track.save()
    member = factories.member(igf_track, two_parliaments[0])
    midnight_in_tokyo = 1699455600  # 2023-11-09 00:00 Asia/Tokyo: 8 November (9 October + 30 days) is over
    assert igf_track.links_valid_until.timestamp() == midnight_in_tokyo
    with mock.patch("time.time", return_value=midnight_in_tokyo - 1):
        token = links.member_token(member)
        assert client.get(register_url(igf_track, token)).status_code == 200
    with mock.patch("time.time", return_value=midnight_in_tokyo + 1):
        assert client.get(register_url(igf_track, token)).status_code == 410


def test_withdrawing_a_members_link_kills_only_that_link(client, igf_track, two_parliaments):
    withdrawn, kept = (factories.member(igf_track, two_parliaments[0]) for _ in range(2))
    withdrawn_token, kept_token = links.member_token(withdrawn), links.member_token(kept)
    services.withdraw_member_link(member=withdrawn, actor=None)
    response = client.get(register_url(igf_track, withdrawn_token))
    assert response.status_code == 410
    assert re.search(r'<p id="link-error">(.*?)</p>', response.content.decode()).group(1) == (
        "This link has been withdrawn."
    )
    assert client.get(register_url(igf_track, kept_token)).status_code == 200
    assert client.get(register_url(igf_track, links.member_token(withdrawn))).status_code == 200
    entry = AuditEntry.objects.get(action="registration.member_link_withdrawn")
    assert (entry.target_id, entry.changes) == (str(withdrawn.pk), {"link_version": [1, 2]})


def test_the_focal_point_withdraws_a_members_link_from_the_delegation_page(
    client, igf_track, focal_point, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    token = links.member_token(member)
    client.force_login(focal_point)
    parliament = member.delegation.parliament_id
    page = reverse("registration:delegation", kwargs={"track": igf_track.slug, "parliament": parliament})
    client.post(page, {"action": "send", "member": member.pk})
    confirm = 'value="withdraw" data-confirm="Withdraw the registration link of'
    assert confirm in client.get(page).content.decode()
    response = client.post(page, {"action": "withdraw", "member": member.pk}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        f"The registration link of {member.person.full_name} is withdrawn: the link sent so far no longer "
        "opens. Send the link again to give them a new one."
    ]
    assert client.get(register_url(igf_track, token)).status_code == 410
    entry = AuditEntry.objects.get(action="registration.member_link_withdrawn")
    assert (entry.actor, entry.target_id) == (focal_point, str(member.pk))


def test_only_someone_logged_in_withdraws_the_delegation_pages_link(
    client, igf_track, focal_point, two_parliaments
):
    delegation = factories.member(igf_track, two_parliaments[0]).delegation
    token = links.delegation_token(delegation)
    url = delegation_url(igf_track, token)
    assert client.post(url, {"action": "withdraw_delegation_link"}).status_code == 404
    client.force_login(focal_point)
    assert client.post(url, {"action": "withdraw_delegation_link"}).status_code == 302
    client.logout()
    assert client.get(url).status_code == 410
    delegation.refresh_from_db()
    assert client.get(delegation_url(igf_track, links.delegation_token(delegation))).status_code == 200


def test_the_secretariat_withdraws_a_delegates_link(client, igf_track, secretariat, registration):
    token = links.member_token(registration.member)
    client.force_login(secretariat)
    url = reverse("registration:secretariat_detail", kwargs={"track": igf_track.slug, "pk": registration.pk})
    response = client.post(url, {"action": "withdraw_link"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        f"The registration link of {registration.member.person.full_name} is withdrawn: the link sent so far "
        "no longer opens. Send the link again to give them a new one."
    ]
    assert client.get(visa_letter_url(igf_track, token)).status_code == 410


def ask_for_new_link(client, track, email, client_address="203.0.113.7"):
    url = reverse("registration:new_link", kwargs={"track": track.slug})
    return client.post(url, {"email": email}, follow=True, REMOTE_ADDR=client_address)


def test_a_known_address_receives_one_working_link_and_an_unknown_one_none_with_the_same_answer(
    client, igf_track, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    member.person.preferred_language = "fr"
    member.person.save()
    unknown = ask_for_new_link(client, igf_track, "nobody@example.org")
    assert OutboxMessage.objects.count() == 0
    known = ask_for_new_link(client, igf_track, member.person.email.upper())
    assert [str(message) for message in unknown.context["messages"]] == NEUTRAL_ANSWER
    assert [str(message) for message in known.context["messages"]] == NEUTRAL_ANSWER
    assert (unknown.status_code, known.status_code) == (200, 200)
    mail = OutboxMessage.objects.get()
    assert (mail.to, mail.language) == ([member.person.email], "fr")
    link = re.search(r"^http://127\.0\.0\.1:8000(/fr/igf2023-pt/register/\S+/)$", mail.body, re.MULTILINE)
    assert client.get(link.group(1)).status_code == 200


def test_a_focal_point_receives_the_delegation_pages_link(client, igf_track, focal_point, two_parliaments):
    delegation = factories.member(igf_track, two_parliaments[0]).delegation
    ask_for_new_link(client, igf_track, "focal@example.org")
    mail = OutboxMessage.objects.get()
    assert mail.to == ["focal@example.org"]
    link = re.search(r"^http://127\.0\.0\.1:8000(/en/igf2023-pt/delegation/\S+/)$", mail.body, re.MULTILINE)
    assert client.get(link.group(1)).context["delegation"] == delegation


def test_the_new_link_page_is_rate_limited_per_address_and_per_client(client, igf_track, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    statuses = [ask_for_new_link(client, igf_track, member.person.email).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert OutboxMessage.objects.count() == 3
    others = [ask_for_new_link(client, igf_track, f"x{n}@example.org", "198.51.100.1") for n in range(21)]
    assert [response.status_code for response in others] == [200] * 20 + [429]


def test_an_invitation_link_expires_with_its_track(client, igf_track):
    invitation_demo.load()
    invitation = invitations.prepare_invitations(track=igf_track, only=["JPN"])[0]
    token = invitations.link_token(invitation)
    assert client.get(f"/en/invitations/link/{token}/").status_code == 200
    igf_track.links_valid_days = 0
    igf_track.save()
    response = client.get(f"/en/invitations/link/{token}/")
    assert response.status_code == 410
    assert 'href="/en/igf2023-pt/new-link/" id="new-link"' in response.content.decode()


def test_the_new_link_page_answers_in_every_language(client, igf_track):
    pages = {
        language: client.get(f"/{language}/igf2023-pt/new-link/").content.decode()
        for language in ("ar", "zh-hans", "en", "fr", "ru", "es")
    }
    titles = {language: re.search(r"<h1>(.*?)</h1>", page).group(1) for language, page in pages.items()}
    assert titles == {
        "ar": "أرسل إليّ رابطًا جديدًا",
        "zh-hans": "给我发送新链接",
        "en": "Send me a new link",
        "fr": "M'envoyer un nouveau lien",
        "ru": "Прислать мне новую ссылку",
        "es": "Enviarme un nuevo enlace",
    }
