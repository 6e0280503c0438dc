import pytest
from django.urls import reverse

from plenary.credentials import composition, services
from plenary.credentials.models import Credentials, Level, TrackRules
from plenary.credentials.tests.conftest import pdf_upload
from plenary.directory.models import Person
from plenary.registration.tests import factories


def issues(delegation) -> list[tuple[str, str]]:
    return [(issue.code, issue.level) for issue in composition.issues(delegation)]


def woman(track, parliament, role="member"):
    member = factories.member(track, parliament, role=role, given="Layla")
    Person.objects.filter(pk=member.person_id).update(gender=Person.Gender.FEMALE)
    return member


def test_a_delegation_without_a_head_is_blocked(delegation, igf_track, parliaments):
    factories.member(igf_track, parliaments[0])
    assert issues(delegation) == [("head", "block")]


def test_women_rule_applies_only_when_the_parliament_has_women_members(
    delegation, head, igf_track, parliaments
):
    parliaments[0].women_members = None
    parliaments[0].save(update_fields=["women_members"])
    assert issues(delegation) == []
    parliaments[0].women_members = 12
    parliaments[0].save(update_fields=["women_members"])
    delegation.parliament.refresh_from_db()
    assert issues(delegation) == [("women", "warning")]
    TrackRules.objects.update_or_create(track=igf_track, defaults={"women_rule": Level.BLOCK})
    assert issues(delegation) == [("women", "block")]
    woman(igf_track, parliaments[0])
    assert issues(delegation) == []


def test_former_mps_only_as_honorary_members(delegation, head, staff):
    services.set_standing(member=head, former_mp=True, honorary=False, actor=staff)
    name = head.person.full_name
    assert [(issue.code, issue.message) for issue in composition.issues(delegation)] == [
        (
            "former_mps",
            f"Former members of parliament may only be honorary members of the delegation: {name}.",
        )
    ]
    services.set_standing(member=head, former_mp=True, honorary=True, actor=staff)
    assert issues(delegation) == []


def test_a_block_stops_the_upload_and_the_verification_and_says_why(
    delegation, igf_track, parliaments, focal_point, staff
):
    factories.member(igf_track, parliaments[0])
    with pytest.raises(services.CredentialsError) as raised:
        services.receive(delegation=delegation, channel="upload", document=pdf_upload(), actor=focal_point)
    assert (raised.value.code, raised.value.message) == ("composition", "Name one head of delegation.")
    services.receive(delegation=delegation, channel="post", actor=staff)
    with pytest.raises(services.CredentialsError) as raised:
        services.decide(delegation=delegation, state="verified", actor=staff)
    assert raised.value.code == "composition"
    assert services.decide(delegation=delegation, state="provisional", actor=staff).state == "provisional"


def test_a_warning_does_not_block(delegation, head, parliaments, focal_point):
    parliaments[0].women_members = 5
    parliaments[0].save(update_fields=["women_members"])
    received = services.receive(
        delegation=delegation, channel="upload", document=pdf_upload(), actor=focal_point
    )
    assert received.state == Credentials.State.RECEIVED


def test_the_delegation_page_lists_the_rules_broken_in_its_language(
    client, delegation, igf_track, parliaments, focal_point
):
    factories.member(igf_track, parliaments[0])
    parliaments[0].women_members = 5
    parliaments[0].save(update_fields=["women_members"])
    client.force_login(focal_point)
    for language, expected in (
        ("en", "Name one head of delegation."),
        ("fr", "Désignez un chef de délégation."),
    ):
        url = reverse(
            "registration:delegation", kwargs={"track": igf_track.slug, "parliament": parliaments[0].pk}
        ).replace("/en/", f"/{language}/")
        page = client.get(url).content.decode()
        assert expected in page
        assert 'data-rule="women"' in page
