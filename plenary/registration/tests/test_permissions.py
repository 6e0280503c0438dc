"""Nobody reads or changes another parliament's data by changing an id or a token in a URL."""

from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.registration import links
from plenary.registration.models import Delegation, DelegationMember, Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data


def delegation_url(track, parliament):
    return reverse("registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})


def test_focal_point_cannot_open_or_change_another_parliaments_delegation(
    client, igf_track, focal_point, two_parliaments
):
    own, other = two_parliaments
    client.force_login(focal_point)
    url = delegation_url(igf_track, other)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "answer", "accept": "no"}).status_code == 404
    assert not Delegation.objects.filter(parliament=other).exists()


def test_focal_point_cannot_act_on_another_delegations_member_by_id(
    client, igf_track, focal_point, two_parliaments
):
    own, other = two_parliaments
    stranger = factories.member(igf_track, other)
    client.force_login(focal_point)
    url = delegation_url(igf_track, own)
    assert client.post(url, {"action": "send", "member": stranger.pk}).status_code == 404
    assert client.post(url, {"action": "remove", "member": stranger.pk}).status_code == 404
    assert DelegationMember.objects.get(pk=stranger.pk).link_sent_at is None


def test_focal_point_cannot_add_a_person_from_another_parliament(
    client, igf_track, focal_point, two_parliaments
):
    own, other = two_parliaments
    outsider = other.people.first()
    client.force_login(focal_point)
    response = client.post(
        delegation_url(igf_track, own),
        {"action": "add", "person": outsider.pk, "kind": "mp", "role": "member"},
    )
    assert response.status_code == 200
    assert DelegationMember.objects.filter(person=outsider).count() == 0


def test_anonymous_is_sent_to_log_in_and_delegate_role_is_not_enough(client, igf_track, two_parliaments):
    url = delegation_url(igf_track, two_parliaments[0])
    assert client.get(url).status_code == 302
    delegate = make_user("delegate@example.org", Role.DELEGATE, parliament=two_parliaments[0])
    client.force_login(delegate)
    assert client.get(url).status_code == 404


def test_tampered_or_foreign_tokens_are_not_found(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    other = factories.member(igf_track, two_parliaments[1])
    token = links.member_token(member)
    forged = token.replace(token.split(":")[0], links.member_token(other).split(":")[0], 1)
    kwargs = {"track": igf_track.slug}
    assert client.get(reverse("registration:register", kwargs=kwargs | {"token": forged})).status_code == 404
    assert client.get(reverse("registration:register", kwargs=kwargs | {"token": "1"})).status_code == 404
    delegation_token = links.delegation_token(member.delegation)
    assert (
        client.get(reverse("registration:register", kwargs=kwargs | {"token": delegation_token})).status_code
        == 404
    )
    assert (
        client.get(reverse("registration:delegation_link", kwargs=kwargs | {"token": token})).status_code
        == 404
    )


def test_delegate_documents_follow_the_token_not_an_id(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    client.post(
        reverse(
            "registration:register", kwargs={"track": igf_track.slug, "token": links.member_token(member)}
        ),
        form_data(member),
    )
    registration = Registration.objects.get(member=member)
    other = factories.member(igf_track, two_parliaments[1])
    badge = reverse(
        "registration:my_badge", kwargs={"track": igf_track.slug, "token": links.member_token(other)}
    )
    assert client.get(badge).status_code == 404
    secretariat_badge = reverse("registration:badge", kwargs={"track": igf_track.slug, "pk": registration.pk})
    assert client.get(secretariat_badge).status_code == 302


def test_secretariat_pages_are_not_found_for_focal_points(
    client, igf_track, capacity, focal_point, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    client.post(
        reverse(
            "registration:register", kwargs={"track": igf_track.slug, "token": links.member_token(member)}
        ),
        form_data(member),
    )
    registration = Registration.objects.get(member=member)
    client.force_login(focal_point)
    kwargs = {"track": igf_track.slug}
    for name, extra in [
        ("secretariat_list", {}),
        ("secretariat_detail", {"pk": registration.pk}),
        ("photo", {"pk": registration.pk}),
        ("badge", {"pk": registration.pk}),
        ("check_in", {}),
    ]:
        assert client.get(reverse(f"registration:{name}", kwargs=kwargs | extra)).status_code == 404, name
    response = client.post(
        reverse("registration:secretariat_detail", kwargs=kwargs | {"pk": registration.pk}),
        {"action": "cancel"},
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_invitation_link_opens_its_own_delegation_and_records_the_answer_on_both(client, igf_track):
    from plenary.invitations import demo as invitations_demo
    from plenary.invitations import services as invitations

    invitations_demo.load()
    invitation = invitations.prepare_invitations(track=igf_track, only=["JPN"])[0]
    token = invitations.link_token(invitation)
    url = reverse("registration:delegation_by_invitation", kwargs={"track": igf_track.slug, "token": token})
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "answer", "accept": "yes"}).status_code == 302
    delegation = Delegation.objects.get(track=igf_track, parliament=invitation.parliament)
    invitation.refresh_from_db()
    assert (delegation.response, invitation.status) == ("accepted", "responded")
    assert client.get(url.replace(token, token + "forged")).status_code == 404
    assert client.get(url.replace(igf_track.slug, "another-track")).status_code == 404
