import csv
import datetime as dt
import io

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from plenary.directory.models import Person
from plenary.registration import links, services
from plenary.registration.models import CheckIn, DelegationMember, Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data


def registered(client, track, parliament, **overrides) -> Registration:
    member = factories.member(track, parliament)
    client.post(
        reverse("registration:register", kwargs={"track": track.slug, "token": links.member_token(member)}),
        form_data(member, **overrides),
    )
    return Registration.objects.get(member=member)


def during_the_track(monkeypatch, day: dt.date | None = None):
    """Check-in happens on the track's days: today at the venue becomes one of them."""
    monkeypatch.setattr(services, "venue_today", lambda track: day or track.start_date)


def test_check_in_by_scanned_code_then_again(
    monkeypatch, client, secretariat, igf_track, capacity, two_parliaments
):
    during_the_track(monkeypatch)
    registration = registered(client, igf_track, two_parliaments[0])
    client.force_login(secretariat)
    url = reverse("registration:check_in", kwargs={"track": igf_track.slug})
    first = client.post(url, {"code": links.badge_code(registration)})
    checkin = CheckIn.objects.get(registration=registration)
    time = checkin.at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Tokyo")).strftime("%H:%M")
    assert first.context["result"]["message"] == f"Checked in at {time}."
    again = client.post(url, {"code": registration.reference.lower()})
    assert again.context["result"]["message"] == f"Already checked in at {time}."
    assert CheckIn.objects.filter(registration=registration).count() == 1
    forged = client.post(url, {"code": f"{registration.reference}:forged-signature"})
    assert forged.context["result"]["message"] == "No registration has this code."


def test_check_in_refuses_online_and_waitlisted(client, secretariat, igf_track, capacity, two_parliaments):
    registration = registered(client, igf_track, two_parliaments[0], mode="online")
    client.force_login(secretariat)
    response = client.post(
        reverse("registration:check_in", kwargs={"track": igf_track.slug}), {"code": registration.reference}
    )
    assert response.context["result"]["message"] == "Only confirmed onsite delegates can be checked in."
    assert CheckIn.objects.count() == 0


def test_check_in_refuses_a_day_outside_the_track_with_the_reason(
    monkeypatch, client, secretariat, igf_track, capacity, two_parliaments
):
    registration = registered(client, igf_track, two_parliaments[0])
    client.force_login(secretariat)
    path = reverse("registration:check_in", kwargs={"track": igf_track.slug})[3:]
    during_the_track(monkeypatch, dt.date(2023, 10, 7))
    before = client.post("/en" + path, {"code": links.badge_code(registration)})
    assert (before.context["result"]["level"], before.context["result"]["message"]) == (
        "error",
        "Not checked in: 7 October 2023 is not one of the track's days (8–9 October 2023).",
    )
    during_the_track(monkeypatch, dt.date(2023, 10, 10))
    after = client.post("/ar" + path, {"code": registration.reference})
    assert after.context["result"]["message"] == (
        "لم يُسجَّل الحضور: 10 تشرين الأول/أكتوبر 2023 ليس من أيام المسار (من 8 إلى 9 تشرين الأول/أكتوبر 2023)."
    )
    assert CheckIn.objects.count() == 0


def test_check_in_counts_the_day_at_the_venue(monkeypatch, igf_track, capacity, two_parliaments, secretariat):
    """23:30 UTC on 7 October is 08:30 on 8 October in Kyoto, the track's first day."""
    member = factories.member(igf_track, two_parliaments[0])
    registration = services.submit_registration(member=member, data=factories.registration_data(member))
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2023, 10, 7, 23, 30, tzinfo=dt.UTC))
    checkin, created = services.check_in(registration=registration, actor=secretariat)
    assert (checkin.day, created) == (dt.date(2023, 10, 8), True)


def test_secretariat_filters_and_exports(client, secretariat, igf_track, capacity, two_parliaments):
    onsite = registered(
        client,
        igf_track,
        two_parliaments[0],
        visa_letter="on",
        passport_number="X1234567",
        passport_expiry="2026-01-01",
    )
    online = registered(client, igf_track, two_parliaments[1], mode="online", gender="male")
    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    assert list(client.get(url, {"mode": "online"}).context["page"]) == [online]
    assert list(client.get(url, {"visa": "on"}).context["page"]) == [onsite]
    assert list(client.get(url, {"gender": "male"}).context["page"]) == [online]
    assert list(client.get(url, {"parliament": two_parliaments[0].pk}).context["page"]) == [onsite]
    region = two_parliaments[1].country.region
    in_region = [r for r in (onsite, online) if r.delegation.parliament.country.region == region]
    assert list(client.get(url, {"region": region}).context["page"]) == in_region
    response = client.get(url, {"mode": "onsite", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [onsite.reference]
    response = client.get(url, {"export": "xlsx"})
    assert response.content[:2] == b"PK"


def test_secretariat_vets_with_a_reason(client, secretariat, igf_track, capacity, two_parliaments):
    capacity.requires_vetting = True
    capacity.save()
    registration = registered(client, igf_track, two_parliaments[0])
    assert registration.status == "submitted"
    client.force_login(secretariat)
    url = reverse("registration:secretariat_detail", kwargs={"track": igf_track.slug, "pk": registration.pk})
    client.post(url, {"action": "reject", "reason": ""})
    registration.refresh_from_db()
    assert registration.status == "submitted"
    client.post(url, {"action": "reject", "reason": "Not a member of parliament"})
    registration.refresh_from_db()
    assert (registration.status, registration.rejection_reason) == ("rejected", "Not a member of parliament")


def bulk_registrations(track, parliaments, count, start=0):
    """`count` confirmed registrations spread over `parliaments`, written in bulk (no services)."""
    delegations = [services.delegation_for(track=track, parliament=parliament) for parliament in parliaments]
    people = Person.objects.bulk_create(
        Person(
            parliament=delegations[i % len(delegations)].parliament,
            given_name="Bulk",
            family_name=f"Person {i}",
            email=f"bulk{i}@example.org",
        )
        for i in range(start, start + count)
    )
    members = DelegationMember.objects.bulk_create(
        DelegationMember(delegation=delegations[i % len(delegations)], person=person)
        for i, person in enumerate(people)
    )
    from django.utils import timezone

    Registration.objects.bulk_create(
        Registration(
            track=track,
            person=member.person,
            delegation=member.delegation,
            member=member,
            reference=f"BULK{start + i:06d}",
            status="confirmed",
            mode="onsite" if i % 2 else "online",
            queue_number=start + i + 1,
            email=member.person.email,
            given_name="Bulk",
            family_name=f"Person {i}",
            nationality_id=member.delegation.parliament.country_id,
            consent_at=timezone.now(),
            consent_language="en",
            days=[str(track.start_date)],
        )
        for i, member in enumerate(members)
    )


def count_queries(client, url, params=None) -> int:
    ContentType.objects.clear_cache()  # each page counted as a fresh process would serve it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def page_queries(client, track, parliament, secretariat, focal_point) -> dict:
    kwargs = {"track": track.slug}
    client.force_login(secretariat)
    counts = {
        "secretariat list": count_queries(client, reverse("registration:secretariat_list", kwargs=kwargs)),
        "csv export": count_queries(
            client, reverse("registration:secretariat_list", kwargs=kwargs), {"export": "csv"}
        ),
        "participants": count_queries(client, reverse("registration:participants", kwargs=kwargs)),
    }
    client.force_login(focal_point)
    counts["delegation"] = count_queries(
        client, reverse("registration:delegation", kwargs=kwargs | {"parliament": parliament.pk})
    )
    return counts


def test_queries_per_page_do_not_grow_with_registrations(
    client, igf_track, capacity, secretariat, focal_point, two_parliaments
):
    parliaments = factories.parliaments(40)
    own = two_parliaments[0]
    bulk_registrations(igf_track, parliaments, 10)
    small = page_queries(client, igf_track, own, secretariat, focal_point)
    bulk_registrations(igf_track, parliaments, 990, start=10)
    assert Registration.objects.filter(track=igf_track).count() == 1000
    large = page_queries(client, igf_track, own, secretariat, focal_point)
    assert small == large
    # participants: one more, the track's credentials rule on the public page (credentials' gate)
    assert large == {"secretariat list": 6, "csv export": 5, "participants": 5, "delegation": 15}


def test_secretariat_list_pages_keep_the_filters(client, igf_track, capacity, secretariat):
    bulk_registrations(igf_track, factories.parliaments(5), 450)
    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    pages = [client.get(url, {"mode": "onsite", "page": number}) for number in (1, 2)]
    assert [len(page.context["page"]) for page in pages] == [200, 25]
    assert pages[0].context["page"].paginator.count == 225
    assert '<a class="button button--secondary" rel="next" href="?mode=onsite&amp;page=2">' in (
        pages[0].content.decode()
    )
    assert client.get(url, {"page": "999"}).context["page"].number == 3


def test_region_filter_offers_the_m49_regions_in_the_page_language(client, igf_track, capacity, secretariat):
    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug}).replace("/en/", "/ar/")
    response = client.get(url)
    assert '<button class="button" type="submit">تصفية</button>' in response.content.decode()
    choices = response.context["form"].fields["region"].choices
    with translation.override("ar"):
        labels = [str(label) for _value, label in choices]
    assert labels == ["—", "أفريقيا", "الأمريكتان", "آسيا", "أوروبا", "أوقيانوسيا"]


def test_secretariat_searches_by_name_e_mail_or_reference_and_sees_the_parliament_filter(
    client, igf_track, capacity, secretariat, two_parliaments
):
    haddad = registered(client, igf_track, two_parliaments[0], family_name="Haddad", name_arabic="أمل حداد")
    other = registered(client, igf_track, two_parliaments[1], family_name="Okafor", name_arabic="")
    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    found = {
        text: list(client.get(url, {"q": text}).context["page"])
        for text in ("amal hadd", "حداد", other.email, other.reference.lower(), "nobody")
    }
    assert found == {
        "amal hadd": [haddad],
        "حداد": [haddad],
        other.email: [other],
        other.reference.lower(): [other],
        "nobody": [],
    }
    response = client.get(url, {"parliament": two_parliaments[0].pk, "mode": "onsite"})
    page = response.content.decode()
    assert f"Only the delegation of {two_parliaments[0].name}." in page
    assert '<a href="?mode=onsite">Show every parliament</a>' in page
