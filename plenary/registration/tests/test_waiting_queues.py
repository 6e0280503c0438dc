"""Two queues kept apart: waiting for a seat at the venue, and waiting for a place in the delegation's
limit. Each is served strictly in order of submission, and every message names the one it is."""

from django.urls import reverse

from plenary.core.models import AuditEntry, OutboxMessage
from plenary.registration import selectors, services
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories
from plenary.registration.tests.test_pages_explain_and_confirm import explanation, registered
from plenary.registration.tests.test_views import delegation_url

WAITING_FOR_LIMIT_EN = (
    "You are waiting for a place in your delegation's limit, not for a seat at the venue: your delegation "
    "has reached its limit of 3 for members of parliament at the venue. You are number 1 in your "
    "delegation's queue, in order of registration. A place frees when a member of your delegation cancels "
    "or switches to online participation, or when the secretariat raises the limit: your delegation's "
    "focal point can ask for either. You will get an e-mail as soon as the place is yours."
)
WAITING_FOR_LIMIT_AR = (
    "أنت في انتظار مكان ضمن الحد المسموح لوفدك، لا في انتظار مقعد في مكان الانعقاد: بلغ وفدك حده البالغ 3 "
    "في فئة أعضاء البرلمان في مكان الانعقاد. ترتيبك 1 في قائمة انتظار وفدك، حسب ترتيب التسجيل. "
    "يشغر مكان عندما يلغي أحد أعضاء وفدك تسجيله أو يتحول إلى المشاركة عبر الإنترنت، "
    "أو عندما ترفع الأمانة الحد: يمكن لجهة الاتصال في وفدك أن تطلب أيًّا منهما. "
    "ستتلقى رسالة بالبريد الإلكتروني فور حصولك على المكان."
)


def limit_of_three(capacity, seats=50):
    TrackCapacity.objects.filter(pk=capacity.pk).update(onsite_seats=seats, onsite_mps_per_delegation=3)


def mail_to(registration) -> list[tuple[str, str]]:
    """(subject, body) of each e-mail to the registration's address, oldest first."""
    messages = OutboxMessage.objects.filter(to=[registration.email]).order_by("id")
    return [(message.subject, message.body) for message in messages]


def test_the_fourth_mp_with_the_venue_free_waits_for_the_delegation_limit_and_is_told_so(
    client, igf_track, capacity, two_parliaments
):
    limit_of_three(capacity)
    members = [factories.member(igf_track, two_parliaments[0]) for _ in range(4)]
    fourth = [registered(client, member) for member in members][3]
    assert (fourth.status, fourth.waiting_for, fourth.queue_number) == ("waitlisted", "delegation", 4)
    assert explanation(client, members[3]).endswith(
        f'<p id="waiting-for-delegation">{WAITING_FOR_LIMIT_EN}</p>'
    )
    assert explanation(client, members[3], "ar").endswith(
        f'<p id="waiting-for-delegation">{WAITING_FOR_LIMIT_AR}</p>'
    )
    subject, body = mail_to(fourth)[-1]
    assert subject == "IGF 2023 Parliamentary Track – you are waiting for a place in your delegation's limit"
    assert WAITING_FOR_LIMIT_EN in " ".join(body.split())


def test_the_delegation_queue_is_promoted_in_order_when_a_member_cancels(
    client, igf_track, capacity, two_parliaments
):
    limit_of_three(capacity)
    own = [registered(client, factories.member(igf_track, two_parliaments[0])) for _ in range(5)]
    other = registered(client, factories.member(igf_track, two_parliaments[1]))
    assert [r.waiting_for for r in own] == ["", "", "", "delegation", "delegation"]
    assert other.status == "confirmed"
    assert [selectors.waiting_place(r)["position"] for r in own[3:]] == [1, 2]

    services.cancel(registration=own[0], actor=None)

    statuses = [(r.status, r.waiting_for) for r in Registration.objects.filter(pk__in=[r.pk for r in own])]
    assert statuses == [
        ("cancelled", ""),
        ("confirmed", ""),
        ("confirmed", ""),
        ("confirmed", ""),
        ("waitlisted", "delegation"),
    ]
    assert selectors.waiting_place(Registration.objects.get(pk=own[4].pk))["position"] == 1
    promotion = AuditEntry.objects.get(action="registration.promoted")
    assert (promotion.target_id, promotion.changes) == (
        str(own[3].pk),
        {"status": ["waitlisted", "confirmed"], "waiting_for": ["delegation", ""]},
    )
    subject, body = mail_to(own[3])[-1]
    assert subject == (
        "IGF 2023 Parliamentary Track – a place in your delegation's limit is yours: your registration is "
        "confirmed"
    )
    assert (
        "A place in your delegation's limit has freed and it is yours: you were first in your delegation's "
        "queue. Your registration for IGF 2023 Parliamentary Track is confirmed. Participation: Onsite, in "
        "the host city."
    ) in " ".join(body.split())


def test_a_full_venue_queue_is_separate_and_strictly_ordered(
    client, secretariat, igf_track, capacity, two_parliaments
):
    """Seats 4, limit 3: A1–A3 and B1 are confirmed; A4 waits for its delegation, B2 and C1 for the venue."""
    limit_of_three(capacity, seats=4)
    third = factories.parliaments(3)[2]
    a1, a2, a3 = (registered(client, factories.member(igf_track, two_parliaments[0])) for _ in range(3))
    b1 = registered(client, factories.member(igf_track, two_parliaments[1]))
    a4 = registered(client, factories.member(igf_track, two_parliaments[0]))
    b2 = registered(client, factories.member(igf_track, two_parliaments[1]))
    c1 = registered(client, factories.member(igf_track, third))
    assert [(r.waiting_for, selectors.waiting_place(r)["position"]) for r in (a4, b2, c1)] == [
        ("delegation", 1),
        ("venue", 1),
        ("venue", 2),
    ]
    assert mail_to(c1)[-1][0] == "IGF 2023 Parliamentary Track – you are waiting for a seat at the venue"
    assert (
        "You are waiting for a seat at the venue: all seats are taken. You are number 2 in the venue's "
        "queue, in order of registration; you will get an e-mail as soon as a seat frees for you."
    ) in " ".join(mail_to(c1)[-1][1].split())

    services.cancel(registration=b1, actor=None)  # a seat frees: the venue's queue, first come
    assert status_of(a4, b2, c1) == [("waitlisted", "delegation"), ("confirmed", ""), ("waitlisted", "venue")]
    assert mail_to(b2)[-1][0] == (
        "IGF 2023 Parliamentary Track – a seat at the venue is yours: your registration is confirmed"
    )

    services.set_capacity(track=igf_track, actor=None, onsite_mps_per_delegation=4)
    assert status_of(a4, c1) == [("waitlisted", "venue"), ("waitlisted", "venue")]
    assert [selectors.waiting_place(Registration.objects.get(pk=r.pk))["position"] for r in (a4, c1)] == [
        1,
        2,
    ]
    assert mail_to(a4)[-1][0] == "IGF 2023 Parliamentary Track – you are waiting for a seat at the venue"

    services.cancel(registration=a1, actor=None)
    assert status_of(a4, c1) == [("confirmed", ""), ("waitlisted", "venue")]

    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    page = client.get(url, {"waiting_for": "venue"})
    assert [r.pk for r in page.context["page"]] == [c1.pk]
    assert "<td>a seat at the venue</td>" in page.content.decode()


def status_of(*registrations) -> list[tuple[str, str]]:
    by_pk = {
        r.pk: (r.status, r.waiting_for)
        for r in Registration.objects.filter(pk__in=[r.pk for r in registrations])
    }
    return [by_pk[r.pk] for r in registrations]


def test_the_focal_point_sees_which_queue_each_member_waits_in_and_what_to_do(
    client, igf_track, capacity, focal_point, two_parliaments
):
    limit_of_three(capacity)
    for _ in range(5):
        registered(client, factories.member(igf_track, two_parliaments[0]))
    client.force_login(focal_point)
    page = " ".join(client.get(delegation_url(igf_track, two_parliaments[0])).content.decode().split())
    assert page.count("waiting for a place in the delegation's limit, number") == 2
    assert "waiting for a place in the delegation's limit, number 2" in page
    assert (
        '<p id="waiting-for-limit">2 members wait for a place in your delegation\'s limits, not for a '
        "seat at the venue; places go in order of registration. To free a place, ask a registered member "
        "to cancel or to switch to online participation on their registration page "
        "(send them their link again if needed), or ask the secretariat to raise the limit.</p>"
    ) in page
