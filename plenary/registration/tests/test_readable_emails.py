"""Registration e-mails a person can use: read as written, greeting them as they are, linking back to
their registration page, and answered by the track's contact person."""

import pytest
from django.conf import settings

from plenary.core import outbox
from plenary.core.testing import smtp_server
from plenary.directory.models import Person
from plenary.registration import links, services
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_seat(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 1})[0]


def submit(member, **data):
    return services.submit_registration(member=member, data=factories.registration_data(member, **data))


def test_an_arabic_confirmation_reads_as_written_greets_her_in_arabic_and_answers_to_the_contact(
    igf_track, one_seat
):
    member = factories.member(igf_track, factories.parliaments(1)[0], given="Fatima", family="Al-Zahra")
    submit(member, language="ar", gender=Person.Gender.FEMALE, name_arabic="فاطمة الزهراء")

    with smtp_server() as server, server.settings():
        assert outbox.deliver_due() == 1
    received = server.received[0]
    text = received.message.get_body(("plain",))
    body = text.get_content().replace("\r\n", "\n")

    assert text["Content-Transfer-Encoding"] == "8bit"
    assert body.encode() in received.raw.replace(b"\r\n", b"\n")
    assert body.splitlines()[0] == "عزيزتي فاطمة الزهراء،"
    label, status_page, end = body.splitlines()[-3:]
    assert (label, end) == ("صفحة تسجيلك (الحالة، الشارة، خطاب التأشيرة):", "")
    prefix = f"{settings.SITE_URL}/ar/igf2023-pt/register/"
    assert status_page.startswith(prefix)
    assert links.member_from_token(status_page.removeprefix(prefix).rstrip("/"), igf_track.slug) == member
    assert received.message["Reply-To"] == '"Ms. Celine Bal" <Celine.Bal@un.org>'


def test_a_delegate_promoted_from_the_waiting_list_is_told_it_is_a_promotion(igf_track, one_seat):
    parliament = factories.parliaments(1)[0]
    first, second = factories.member(igf_track, parliament), factories.member(igf_track, parliament)
    seated = submit(first, mode="onsite", gender=Person.Gender.MALE)
    waiting = submit(second, mode="onsite", gender=Person.Gender.MALE)
    assert (seated.status, waiting.status) == ("confirmed", "waitlisted")

    services.cancel(registration=seated, actor=None)

    promotion = outbox.messages_for(waiting).first()
    assert promotion.subject == (
        "IGF 2023 Parliamentary Track – a seat at the venue is yours: your registration is confirmed"
    )
    assert promotion.body.splitlines()[:3] == [
        f"Dear {waiting.full_name},",
        "",
        "A seat at the venue of IGF 2023 Parliamentary Track has freed and it is yours: you were first "
        "in the venue's queue. Your registration is confirmed. Participation: Onsite, in the host city.",
    ]
    assert promotion.reply_to == ['"Ms. Celine Bal" <Celine.Bal@un.org>']
