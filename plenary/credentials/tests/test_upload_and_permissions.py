import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plenary.credentials import documents, services
from plenary.credentials.models import Credentials
from plenary.credentials.tests.conftest import pdf_upload
from plenary.registration import links


def delegation_page(track, parliament) -> str:
    return reverse("registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})


def upload(client, url, document):
    return client.post(url, {"action": "credentials_upload", "document": document})


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_focal_point_uploads_a_pdf_and_sees_the_state(
    client, igf_track, parliaments, delegation, head, focal_point
):
    client.force_login(focal_point)
    url = delegation_page(igf_track, parliaments[0])
    response = upload(client, url, pdf_upload())
    assert (response.status_code, shown(response)) == (
        302,
        ["Your credentials are received; the secretariat will verify them."],
    )
    credentials = Credentials.objects.get(delegation=delegation)
    assert (credentials.state, credentials.channel, credentials.received_by) == (
        "received",
        "upload",
        focal_point,
    )
    page = client.get(url).content.decode()
    assert '<strong class="status status--received">Received</strong>' in page
    assert credentials.document.url in page


def test_the_personal_link_uploads_too(client, igf_track, delegation, head):
    url = reverse(
        "registration:delegation_link",
        kwargs={"track": igf_track.slug, "token": links.delegation_token(delegation)},
    )
    upload(client, url, pdf_upload())
    credentials = Credentials.objects.get(delegation=delegation)
    assert (credentials.state, credentials.received_by) == ("received", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Hello, this is a letter, not a PDF.", "The file is not a PDF."),
        (b"%PDF-1.7\nthis is not what a PDF holds", "The PDF cannot be opened: it is damaged or encrypted."),
    ],
)
def test_what_is_not_a_pdf_is_refused(
    client, igf_track, parliaments, delegation, head, focal_point, content, message
):
    client.force_login(focal_point)
    response = upload(
        client, delegation_page(igf_track, parliaments[0]), SimpleUploadedFile("letter.pdf", content)
    )
    assert shown(response) == [message]
    assert Credentials.objects.filter(delegation=delegation, state="received").exists() is False


def test_a_pdf_over_the_size_limit_is_refused(
    client, igf_track, parliaments, delegation, head, focal_point, monkeypatch
):
    document = pdf_upload()
    monkeypatch.setattr(documents, "MAX_PDF_BYTES", document.size - 1)
    client.force_login(focal_point)
    response = upload(client, delegation_page(igf_track, parliaments[0]), document)
    assert shown(response) == [f"The file is larger than {document.size - 1}\xa0bytes."]
    assert Credentials.objects.filter(delegation=delegation).exclude(state="not_received").exists() is False


def test_the_designation_is_served_only_to_the_focal_point_and_the_secretariat(
    client, delegation, head, focal_point, other_focal_point, staff
):
    credentials = services.receive(
        delegation=delegation, channel="upload", document=pdf_upload(), actor=focal_point
    )
    url = credentials.document.url
    answers = {}
    for name, user in (("focal point", focal_point), ("secretariat", staff), ("other", other_focal_point)):
        client.force_login(user)
        answers[name] = client.get(url).status_code
    client.logout()
    answers["visitor"] = client.get(url).status_code
    assert answers == {"focal point": 200, "secretariat": 200, "other": 404, "visitor": 404}


def test_another_focal_point_cannot_upload_for_the_delegation(
    client, igf_track, parliaments, delegation, other_focal_point
):
    client.force_login(other_focal_point)
    assert upload(client, delegation_page(igf_track, parliaments[0]), pdf_upload()).status_code == 404
    assert Credentials.objects.filter(delegation=delegation).exists() is False


@pytest.mark.parametrize("name", ["secretariat_list", "report_pdf", "report_xlsx"])
def test_secretariat_pages_are_404_for_focal_points(client, igf_track, focal_point, name):
    client.force_login(focal_point)
    assert client.get(reverse(f"credentials:{name}", kwargs={"track": igf_track.slug})).status_code == 404


def test_the_secretariat_records_and_decides_and_others_get_404(
    client, igf_track, delegation, head, focal_point, staff
):
    url = reverse(
        "credentials:secretariat_detail", kwargs={"track": igf_track.slug, "delegation": delegation.pk}
    )
    client.force_login(focal_point)
    assert client.post(url, {"action": "received", "channel": "post"}).status_code == 404
    client.force_login(staff)
    client.post(url, {"action": "received", "channel": "email"})
    response = client.post(url, {"action": "decide", "state": "not_accepted", "reason": "Unsigned"})
    assert shown(response) == [
        "The credentials are recorded as received.",
        "The decision on the credentials is recorded.",
    ]
    credentials = Credentials.objects.get(delegation=delegation)
    assert (credentials.state, credentials.channel, credentials.reason, credentials.decided_by) == (
        "not_accepted",
        "email",
        "Unsigned",
        staff,
    )


def test_members_see_the_state_on_their_registration_page(
    client, igf_track, capacity, delegation, head, staff
):
    from plenary.registration import services as registration_services
    from plenary.registration.tests import factories

    registration_services.submit_registration(member=head, data=factories.registration_data(head))
    services.receive(delegation=delegation, channel="post", actor=staff)
    services.decide(delegation=delegation, state="provisional", actor=staff)
    url = reverse(
        "registration:register", kwargs={"track": igf_track.slug, "token": links.member_token(head)}
    )
    page = client.get(url).content.decode()
    assert (
        'Credentials of the delegation: <strong class="status status--provisional">Provisional</strong>'
        in page
    )
