import re

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.core import dates
from plenary.core.languages import sort_key
from plenary.core.outbox import messages_for
from plenary.directory.models import Person
from plenary.registration import links
from plenary.registration.models import Delegation, DelegationMember, Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data, image_upload


def delegation_url(track, parliament):
    return reverse("registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})


def register_url(member):
    return reverse(
        "registration:register",
        kwargs={"track": member.delegation.track.slug, "token": links.member_token(member)},
    )


def test_focal_point_accepts_names_a_member_and_sends_the_link(
    client, igf_track, focal_point, two_parliaments
):
    parliament = two_parliaments[0]
    client.force_login(focal_point)
    url = delegation_url(igf_track, parliament)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "answer", "accept": "yes"}).status_code == 302
    delegation = Delegation.objects.get(track=igf_track, parliament=parliament)
    assert (delegation.response, delegation.responded_by) == ("accepted", focal_point)
    response = client.post(
        url,
        {
            "action": "add",
            "given_name": "Amal",
            "family_name": "Haddad",
            "email": "amal@example.org",
            "preferred_language": "ar",
            "kind": "mp",
            "role": "head",
        },
    )
    assert response.status_code == 302
    member = DelegationMember.objects.get(delegation=delegation)
    assert (member.person.full_name, member.role, member.added_by) == ("Amal Haddad", "head", focal_point)
    client.post(url, {"action": "send", "member": member.pk})
    mails = list(messages_for(member))
    assert [(m.to, m.language) for m in mails] == [(["amal@example.org"], "ar")]
    prefix = "http://127.0.0.1:8000/ar/" + igf_track.slug + "/register/"
    (token,) = re.findall(re.escape(prefix) + r"([^/\s]+)/", mails[0].body)
    assert links.member_from_token(token, igf_track.slug) == member


def test_delegation_link_works_without_login(client, igf_track, two_parliaments):
    delegation = factories.member(igf_track, two_parliaments[0]).delegation
    url = reverse(
        "registration:delegation_link",
        kwargs={"track": igf_track.slug, "token": links.delegation_token(delegation)},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert str(two_parliaments[0].name) in response.content.decode()


def test_member_registers_and_sees_the_existing_registration_afterwards(
    client, igf_track, capacity, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    url = register_url(member)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(member, photo_upload=image_upload()))
    assert response.status_code == 302
    registration = Registration.objects.get(person=member.person)
    assert (registration.status, registration.name_arabic, registration.interpretation) == (
        "confirmed",
        "أمل حداد",
        ["ar", "en"],
    )
    assert re.fullmatch(rf"badges/{igf_track.pk}/[\w-]{{24}}/photo\.jpg", registration.photo.name)
    page = client.get(url).content.decode()
    assert registration.reference in page
    assert client.post(url, form_data(member)).status_code == 302
    assert Registration.objects.filter(person=member.person).count() == 1


def test_delegate_changes_mode_and_cancels(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    url = register_url(member)
    client.post(url, form_data(member))
    client.post(url, {"action": "mode", "mode": "online"})
    registration = Registration.objects.get(person=member.person)
    assert (registration.status, registration.mode) == ("confirmed", "online")
    client.post(url, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_badge_pdf_for_confirmed_onsite_delegate(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    client.post(register_url(member), form_data(member, photo_upload=image_upload()))
    badge = reverse(
        "registration:my_badge", kwargs={"track": igf_track.slug, "token": links.member_token(member)}
    )
    response = client.get(badge)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")


def test_public_participants_lists_names_only(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    client.post(register_url(member), form_data(member))
    response = client.get(reverse("registration:participants", kwargs={"track": igf_track.slug}))
    page = response.content.decode()
    assert response.context["parliaments"] == [
        {
            "name": str(two_parliaments[0].name),
            "country": "",
            "sort": sort_key(two_parliaments[0].country.name),
        }
    ]
    assert f"<li>{two_parliaments[0].name}</li>" in page
    assert "Haddad" not in page
    assert member.person.email not in page


def test_participants_sorted_by_country_name_in_the_page_language(client, igf_track, capacity):
    parliaments = factories.parliaments(6)
    for parliament in parliaments:
        member = factories.member(igf_track, parliament)
        client.post(register_url(member), form_data(member))
    url = reverse("registration:participants", kwargs={"track": igf_track.slug}).replace("/en/", "/fr/")
    rows = client.get(url).context["parliaments"]
    with translation.override("fr"):
        expected = sorted(sort_key(parliament.country.name) for parliament in parliaments)
    assert [row["sort"] for row in rows] == expected
    assert sort_key("Égypte") < sort_key("Espagne") < sort_key("france")


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_registration_form_in_the_delegates_language(client, igf_track, capacity, two_parliaments, language):
    member = factories.member(igf_track, two_parliaments[0])
    url = register_url(member).replace("/en/", f"/{language}/")
    page = client.get(url).content.decode()
    assert f'lang="{language}"' in page


def test_focal_point_finds_their_delegation_page_and_others_find_none(
    client, igf_track, focal_point, secretariat, two_parliaments
):
    url = reverse("registration:my_delegations", kwargs={"track": igf_track.slug})
    client.force_login(focal_point)
    assert client.get(url)["Location"] == delegation_url(igf_track, two_parliaments[0])
    client.force_login(secretariat)
    response = client.get(url)
    assert (response.status_code, list(response.context["parliaments"])) == (200, [])


def test_after_answering_the_page_says_so_and_offers_only_the_other_answer(
    client, igf_track, focal_point, two_parliaments
):
    client.force_login(focal_point)
    url = delegation_url(igf_track, two_parliaments[0])
    page = client.get(url).content.decode()
    assert (page.count('name="accept" value="yes"'), page.count('name="accept" value="no"')) == (1, 1)
    client.post(url, {"action": "answer", "accept": "yes"})
    delegation = Delegation.objects.get(track=igf_track, parliament=two_parliaments[0])
    with translation.override("en"):
        answered_on = dates.format_date(delegation.responded_at)
    page = client.get(url).content.decode()
    assert f"Your parliament accepted the invitation on {answered_on}." in page
    assert (page.count('name="accept" value="yes"'), page.count('name="accept" value="no"')) == (0, 1)


def test_member_form_offers_people_not_yet_named_a_head_only_once_and_the_page_language(
    client, igf_track, focal_point, two_parliaments
):
    parliament = two_parliaments[0]
    head = factories.member(igf_track, parliament, role="head")
    not_named = Person.objects.create(parliament=parliament, given_name="Omar", family_name="Zaki")
    client.force_login(focal_point)
    url = delegation_url(igf_track, parliament).replace("/en/", "/ar/")
    form = client.get(url).context["member_form"]
    people = set(form.fields["person"].queryset)
    assert (not_named in people, head.person in people) == (True, False)
    assert [value for value, _label in form.fields["role"].choices] == ["member", "adviser", "secretary"]
    assert (form["role"].value(), form["preferred_language"].value()) == ("member", "ar")
    head.delete()
    form = client.get(url).context["member_form"]
    assert [value for value, _label in form.fields["role"].choices] == [
        "head",
        "member",
        "adviser",
        "secretary",
    ]
    assert form["role"].value() == "head"
