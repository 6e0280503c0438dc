import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenary.credentials import selectors, services
from plenary.credentials.models import From, TrackRules
from plenary.registration import links
from plenary.registration import selectors as registration_selectors
from plenary.registration import services as registration_services
from plenary.registration.tests import factories


def confirmed(member):
    return registration_services.submit_registration(member=member, data=factories.registration_data(member))


def set_rule(track, **rules):
    TrackRules.objects.update_or_create(track=track, defaults=rules)


def test_rules_hold_nothing_back_until_the_secretariat_makes_them(client, igf_track, delegation, head, staff):
    assert [selectors.allows(name, delegation) for name in selectors.GATES] == [True, True, True, True]
    assert TrackRules.objects.filter(track=igf_track).exists() is False
    client.force_login(staff)
    page = client.get(
        reverse("credentials:secretariat_list", kwargs={"track": igf_track.slug})
    ).content.decode()
    rules = TrackRules.objects.get(track=igf_track)
    assert reverse("admin:credentials_trackrules_change", args=[rules.pk]) in page
    assert (
        rules.badges_from,
        rules.funding_from,
        rules.participants_from,
        rules.floor_from,
        rules.women_rule,
    ) == (
        "always",
        "always",
        "always",
        "always",
        "warning",
    )


@pytest.mark.parametrize(
    ("rule", "states_allowed"),
    [
        (From.RECEIVED, ["received", "provisional", "verified"]),
        (From.VERIFIED, ["verified"]),
    ],
)
def test_the_floor_follows_the_state(igf_track, delegation, head, staff, rule, states_allowed):
    set_rule(igf_track, floor_from=rule)
    seen = [("not_received", selectors.may_take_the_floor(head))]
    services.receive(delegation=delegation, channel="post", actor=staff)
    seen.append(("received", selectors.may_take_the_floor(head)))
    services.decide(delegation=delegation, state="provisional", actor=staff)
    seen.append(("provisional", selectors.may_take_the_floor(head)))
    services.decide(delegation=delegation, state="verified", actor=staff)
    seen.append(("verified", selectors.may_take_the_floor(head)))
    assert [state for state, allowed in seen if allowed] == sorted(
        states_allowed, key=[s for s, _ in seen].index
    )


def test_badges_wait_for_verified_credentials(client, igf_track, capacity, delegation, head, staff):
    set_rule(igf_track, badges_from=From.VERIFIED)
    registration = confirmed(head)
    assert registration.status == "confirmed"
    badge = reverse(
        "registration:my_badge", kwargs={"track": igf_track.slug, "token": links.member_token(head)}
    )
    assert (list(registration_selectors.badges_to_print(igf_track)), client.get(badge).status_code) == (
        [],
        404,
    )
    services.receive(delegation=delegation, channel="post", actor=staff)
    assert list(registration_selectors.badges_to_print(igf_track)) == []
    services.decide(delegation=delegation, state="verified", actor=staff)
    assert list(registration_selectors.badges_to_print(igf_track)) == [registration]
    response = client.get(badge)
    assert (response.status_code, response.content[:4]) == (200, b"%PDF")


def test_the_public_participants_page_waits_for_received_credentials(
    client, igf_track, capacity, delegation, head, staff
):
    set_rule(igf_track, participants_from=From.RECEIVED)
    confirmed(head)
    assert list(registration_selectors.participating_parliaments(igf_track)) == []
    services.receive(delegation=delegation, channel="email", actor=staff)
    assert list(registration_selectors.participating_parliaments(igf_track)) == [delegation.parliament]
    page = client.get(reverse("registration:participants", kwargs={"track": igf_track.slug})).content.decode()
    assert str(delegation.parliament.name) in page


def test_the_published_list_of_participants_waits_for_verified_credentials(
    igf_track, capacity, delegation, head, staff
):
    from django.utils import timezone

    from plenary.documents.selectors import listed_registrations

    set_rule(igf_track, participants_from=From.VERIFIED)
    registration = confirmed(head)
    registration.list_consent_at = timezone.now()
    registration.save(update_fields=["list_consent_at"])
    services.receive(delegation=delegation, channel="post", actor=staff)
    assert list(listed_registrations(igf_track)) == []
    services.decide(delegation=delegation, state="verified", actor=staff)
    assert list(listed_registrations(igf_track)) == [registration]


def test_a_grant_is_offered_only_once_the_credentials_allow(igf_track, delegation, head, staff):
    set_rule(igf_track, funding_from=From.VERIFIED)
    assert selectors.may_be_offered_funding(igf_track, head.person) is False
    services.receive(delegation=delegation, channel="post", actor=staff)
    services.decide(delegation=delegation, state="verified", actor=staff)
    assert selectors.may_be_offered_funding(igf_track, head.person) is True


def test_the_funding_offer_refuses_before_the_credentials_allow(igf_track, staff):
    from plenary.funding import services as funding_services
    from plenary.funding.tests import factories as funding_factories

    set_rule(igf_track, funding_from=From.RECEIVED)
    funding_call = funding_factories.call(igf_track)
    person = funding_factories.mp("NPL", track=igf_track)
    application = funding_factories.applied(funding_call, person)
    with pytest.raises(ValidationError) as raised:
        funding_services.approve_grant(application=application, amount=2700, actor=staff)
    assert raised.value.messages == [
        f"No grant can be offered to {person.full_name} before the credentials of their delegation allow it."
    ]
    delegation = registration_services.delegation_for(track=igf_track, parliament=person.parliament)
    services.receive(delegation=delegation, channel="post", actor=staff)
    offered = funding_services.approve_grant(application=application, amount=2700, actor=staff)
    assert (offered.status, offered.grant_amount) == ("offered", 2700)
