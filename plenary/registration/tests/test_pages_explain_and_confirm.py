"""What the pages say and ask: confirmations before irreversible actions, status explanations, the
waiting position, errors where they belong, isolated free text, the secretariat's decisions."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from plenary.registration import selectors, services
from plenary.registration.models import Delegation, Registration, TrackCapacity
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data
from plenary.registration.tests.test_views import delegation_url, register_url


def in_arabic(url: str) -> str:
    return url.replace("/en/", "/ar/")


def status_url(member, language="en") -> str:
    """A request leaves its language active in the thread: the link is made in English, then moved."""
    with translation.override("en"):
        return register_url(member).replace("/en/", f"/{language}/")


def registered(client, member, **overrides) -> Registration:
    client.post(status_url(member), form_data(member, **overrides))
    return Registration.objects.get(member=member)


def form_ids(page: str) -> list[str]:
    """The ids of the page's forms, in order: what the reader may still do there."""
    return re.findall(r'<form [^>]*\bid="([\w-]+)"', page)


def detail_url(registration) -> str:
    return reverse(
        "registration:secretariat_detail", kwargs={"track": registration.track.slug, "pk": registration.pk}
    )


# Shared confirmation script ------------------------------------------------------------------


def test_every_page_loads_the_confirmation_script_which_exists(client, igf_track, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    page = client.get(status_url(member)).content.decode()
    assert '<script src="/static/core/confirm.js" defer></script>' in page
    assert "data-confirm" in Path(finders.find("core/confirm.js")).read_text()
    assert "data-shown-with" in Path(finders.find("registration/registration_form.js")).read_text()


# Delegation page -----------------------------------------------------------------------------


def test_declining_and_removing_ask_first(client, igf_track, focal_point, two_parliaments):
    factories.member(igf_track, two_parliaments[0])
    client.force_login(focal_point)
    url = delegation_url(igf_track, two_parliaments[0])
    page = client.get(url).content.decode()
    assert 'value="no" data-confirm="Decline the invitation?"' in page
    assert 'value="remove" data-confirm="Remove this member from the delegation?"' in page
    page = client.get(in_arabic(url)).content.decode()
    assert 'value="no" data-confirm="الاعتذار عن الدعوة؟"' in page
    assert 'value="remove" data-confirm="إزالة هذا العضو من الوفد؟"' in page


def test_declining_with_registered_members_says_their_registrations_stay(
    client, igf_track, capacity, focal_point, two_parliaments
):
    parliament = two_parliaments[0]
    registration = registered(client, factories.member(igf_track, parliament))
    client.force_login(focal_point)
    url = delegation_url(igf_track, parliament)
    client.post(url, {"action": "answer", "accept": "yes"})
    page = client.get(url).content.decode()
    assert (
        'data-confirm="Decline the invitation? 1 member is registered: the registration stays until the '
        'member or the secretariat cancels it."'
    ) in page
    client.post(url, {"action": "answer", "accept": "no"})
    registration.refresh_from_db()
    assert (Delegation.objects.get(pk=registration.delegation_id).response, registration.status) == (
        "declined",
        "confirmed",
    )
    page = client.get(url).content.decode()
    assert (
        '<p class="notice" id="registrations-kept">1 member is registered: the registration stays until '
        "the member or the secretariat cancels it.</p>"
    ) in page
    page = client.get(in_arabic(url)).content.decode()
    assert "عضو واحد مسجل: يبقى تسجيله قائمًا إلى أن يلغيه العضو أو الأمانة." in page


def test_a_closed_registration_gets_no_link_and_shows_its_status(
    client, igf_track, capacity, focal_point, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    registration = registered(client, member)
    services.cancel(registration=registration, actor=None)
    client.force_login(focal_point)
    url = delegation_url(igf_track, two_parliaments[0])
    page = client.get(url).content.decode()
    assert 'value="send"' not in page
    assert '<span class="status status--cancelled">Cancelled</span>' in page
    with pytest.raises(services.RegistrationError, match="already closed"):
        services.send_registration_link(member=member, link="http://x/", actor=None)


def test_a_refused_member_shows_its_error_on_the_form_and_keeps_what_was_typed(
    client, igf_track, focal_point, two_parliaments
):
    named = factories.member(igf_track, two_parliaments[0])
    client.force_login(focal_point)
    typed = {
        "action": "add",
        "given_name": "Omar",
        "family_name": "Zaki",
        "email": named.person.email,
        "preferred_language": "fr",
        "kind": "adviser",
        "role": "adviser",
    }
    response = client.post(delegation_url(igf_track, two_parliaments[0]), typed)
    assert response.status_code == 200
    form = response.context["member_form"]
    assert form.non_field_errors() == ["This person is already a member of the delegation."]
    assert (form["given_name"].value(), form["email"].value(), form["kind"].value()) == (
        "Omar",
        named.person.email,
        "adviser",
    )
    page = response.content.decode()
    assert (
        '<ul class="errorlist nonfield"><li>This person is already a member of the delegation.</li></ul>'
    ) in page
    assert 'value="Omar"' in page
    assert list(response.context["messages"]) == []


# Status page ---------------------------------------------------------------------------------


def explanation(client, member, language="en") -> str:
    page = client.get(status_url(member, language)).content.decode()
    start = page.index('<div class="status-explanation" id="status-explanation">')
    return " ".join(page[start : page.index("</div>", start)].split())


def test_a_submitted_registration_says_the_secretariat_reviews_it(
    client, igf_track, capacity, two_parliaments
):
    TrackCapacity.objects.filter(pk=capacity.pk).update(requires_vetting=True)
    member = factories.member(igf_track, two_parliaments[0])
    registered(client, member)
    assert explanation(client, member).endswith(
        "<p>The secretariat reviews each registration: you will get an e-mail when yours is decided.</p>"
    )
    assert "تراجع الأمانة كل تسجيل: ستتلقى رسالة بالبريد الإلكتروني عند البت في تسجيلك." in explanation(
        client, member, "ar"
    )


def test_waitlisted_registrations_see_their_place_in_the_venues_queue(
    client, igf_track, capacity, two_parliaments
):
    TrackCapacity.objects.filter(pk=capacity.pk).update(onsite_seats=1)
    members = [factories.member(igf_track, two_parliaments[index % 2]) for index in range(4)]
    first, second, online, third = (
        registered(client, member, mode="online" if index == 2 else "onsite")
        for index, member in enumerate(members)
    )
    assert [(r.status, r.waiting_for) for r in (first, second, online, third)] == [
        ("confirmed", ""),
        ("waitlisted", "venue"),
        ("confirmed", ""),
        ("waitlisted", "venue"),
    ]
    assert [selectors.waiting_place(r) for r in (first, second, online, third)] == [
        None,
        {"queue": "venue", "position": 1},
        None,
        {"queue": "venue", "position": 2},
    ]
    assert explanation(client, members[3]).endswith(
        '<p id="waiting-for-venue">You are waiting for a seat at the venue: all seats are taken. You are '
        "number 2 in the venue's queue, in order of registration; you will get an e-mail as soon as a seat "
        "frees for you.</p>"
    )
    assert explanation(client, members[3], "ar").endswith(
        '<p id="waiting-for-venue">أنت في انتظار مقعد في مكان الانعقاد: جميع المقاعد مشغولة. ترتيبك 2 في '
        "قائمة انتظار مكان الانعقاد، حسب ترتيب التسجيل؛ ستتلقى رسالة بالبريد الإلكتروني فور شغور مقعد لك.</p>"
    )
    services.cancel(registration=first, actor=None)
    assert "You are number 1 in the venue's queue" in explanation(client, members[3])


def test_confirmed_and_rejected_registrations_are_explained(client, igf_track, capacity, two_parliaments):
    onsite, online = (factories.member(igf_track, parliament) for parliament in two_parliaments)
    registered(client, onsite)
    registered(client, online, mode="online")
    assert "<p>Your seat at the venue is confirmed: print your badge and bring it with you.</p>" in (
        explanation(client, onsite)
    )
    assert "Your online participation is confirmed: the programme gives the links to join the sessions." in (
        explanation(client, online)
    )
    services.reject(registration=Registration.objects.get(member=online), reason="=1+2 (2020–).", actor=None)
    assert (
        "<p>The secretariat rejected your registration for this reason: <bdi>=1+2 (2020–).</bdi></p>"
        in explanation(client, online)
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_registration_page_leads_to_the_tracks_page_with_its_programme_and_output_document(
    client, igf_track, capacity, two_parliaments, language
):
    member = factories.member(igf_track, two_parliaments[0])
    registered(client, member, mode="online")
    page = client.get(status_url(member, language)).content.decode()
    link = re.search(r'<a href="([^"]+)" lang="[\w-]+" id="track-link">([^<]+)</a>', page)
    with translation.override(language):
        name = str(igf_track.name)
    assert link.groups() == (f"/{language}/{igf_track.slug}/", name)
    assert client.get(link.group(1)).status_code == 200


def test_a_cancelled_registration_says_whom_to_ask(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    registered(client, member)
    assert form_ids(client.get(status_url(member)).content.decode()) == ["mode-form", "cancel-form"]
    client.post(status_url(member), {"action": "cancel"})
    assert explanation(client, member) == (
        '<div class="status-explanation" id="status-explanation"> <p>Your registration is cancelled. To take '
        "part after all, ask your delegation's focal point or write to the secretariat: "
        '<a class="ltr-run" href="mailto:Celine.Bal@un.org">Celine.Bal@un.org</a></p>'
    )
    page = client.get(status_url(member)).content.decode()
    assert form_ids(page) == []
    type(igf_track).objects.filter(pk=igf_track.pk).update(contact_email="")
    assert "ask your delegation's focal point or the secretariat.</p>" in explanation(client, member)
    assert "أُلغي تسجيلك. إن أردت المشاركة رغم ذلك، فتواصل مع جهة الاتصال في وفدك أو مع الأمانة." in (
        explanation(client, member, "ar")
    )


def test_mode_change_and_cancel_ask_first(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    registered(client, member)
    page = client.get(status_url(member)).content.decode()
    assert 'data-confirm="Switch to online participation? You give up your place at the venue.">' in page
    assert '<input type="hidden" name="mode" value="online">' in page
    assert 'data-confirm="Cancel your registration? You cannot undo this yourself.">' in page
    page = client.get(status_url(member, "ar")).content.decode()
    assert 'data-confirm="التحول إلى المشاركة عبر الإنترنت؟ ستتخلى عن مقعدك في مكان الانعقاد.">' in page
    client.post(status_url(member), {"action": "mode", "mode": "online"})
    page = client.get(status_url(member)).content.decode()
    assert (
        'data-confirm="Switch to onsite participation? You join the queue for a seat at the venue: if none '
        'is free, you are put on the waiting list.">'
    ) in page


def test_the_confirmations_say_seats_at_sessions_are_given_up(client, igf_track, capacity, two_parliaments):
    from plenary.programme import demo
    from plenary.programme import services as programme_services
    from plenary.programme.tests.seats import session_with_seats

    demo.load()
    member = factories.member(igf_track, two_parliaments[0])
    registration = registered(client, member)
    programme_services.reserve_seat(
        session=session_with_seats(igf_track, 5), registration=registration, actor=None
    )
    assert selectors.holds_session_seats(registration)
    page = client.get(status_url(member)).content.decode()
    assert (
        'data-confirm="Switch to online participation? You give up your place at the venue. Your seats at '
        'sessions will be given up.">'
    ) in page
    assert (
        'data-confirm="Cancel your registration? You cannot undo this yourself. Your seats at sessions will '
        'be given up.">'
    ) in page


# Registration form ---------------------------------------------------------------------------


def test_a_failed_submission_lists_its_errors_at_the_top(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    data = form_data(member, given_name="أمل", days=[])
    response = client.post(status_url(member), data)
    page = response.content.decode()
    assert response.context["form"].error_count == 2
    assert "<h2>The form has 2 errors:</h2>" in page
    assert (
        '<li><a href="#field-given_name">Given names (as in the passport)</a> – Write the name in Latin '
        "letters, exactly as in the passport.</li>"
    ) in page
    assert '<li><a href="#field-days">Days attending</a> – This field is required.</li>' in page
    assert '<div id="field-given_name">' in page and '<div id="field-days">' in page
    page = client.post(status_url(member, "ar"), data).content.decode()
    assert "<h2>في الاستمارة خطآن:</h2>" in page
    page = client.post(status_url(member), form_data(member, days=[])).content.decode()
    assert "<h2>The form has 1 error:</h2>" in page


def test_required_fields_are_marked_and_passport_fields_follow_the_visa_box(
    client, igf_track, capacity, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    page = client.get(status_url(member)).content.decode()
    assert '<p class="required-legend" id="required-legend">* required</p>' in page
    assert '<legend class="required">Days attending:</legend>' in page
    assert '<label for="id_given_name" class="required">' in page
    assert '<label for="id_honorific">' in page
    assert '<div id="field-passport_number" data-shown-with="id_visa_letter">' in page
    assert '<div id="field-passport_expiry" data-shown-with="id_visa_letter">' in page
    assert '<script src="/static/registration/registration_form.js"></script>' in page
    for name in ("digital_committee", "visa_letter", "consent"):
        assert f'<div class="checkbox-field" id="field-{name}">' in page
    assert 'class="required">I have read the privacy notice' in page
    assert "* مطلوب" in client.get(status_url(member, "ar")).content.decode()
    registered(client, member, passport_number="X1234567", passport_expiry="2030-01-01")
    registration = Registration.objects.get(member=member)
    assert (registration.visa_letter, registration.passport_number, registration.passport_expiry) == (
        False,
        "",
        None,
    )


# Secretariat's registration page -------------------------------------------------------------


def test_the_secretariat_page_gives_dates_language_names_and_isolated_text(
    client, igf_track, capacity, secretariat, two_parliaments
):
    member = factories.member(igf_track, two_parliaments[0])
    registration = registered(
        client,
        member,
        honorific="=1+2",
        functions="Chair, ICT Committee (2020–).",
        days=["2023-10-08", "2023-10-09"],
        interpretation=["ar", "zh-hans"],
    )
    client.force_login(secretariat)
    page = client.get(in_arabic(detail_url(registration))).content.decode()
    assert '<dd id="days-attending">8 تشرين الأول/أكتوبر 2023 · 9 تشرين الأول/أكتوبر 2023</dd>' in page
    assert '<dd id="arrival">7 تشرين الأول/أكتوبر 2023</dd>' in page
    assert '<dd id="interpretation">العربيّة · الصينيّة المبسطة</dd>' in page
    assert "<dd><bdi>Chair, ICT Committee (2020–).</bdi></dd>" in page
    assert "<h1><bdi>=1+2 Amal Haddad</bdi></h1>" in page
    with translation.override("en"):
        page = client.get(detail_url(registration)).content.decode()
    assert '<dd id="days-attending">8 October 2023 · 9 October 2023</dd>' in page
    assert '<dd id="interpretation">Arabic · Simplified Chinese</dd>' in page


def test_the_secretariat_decides_apart_from_cancelling_and_is_told_what_happened(
    client, igf_track, capacity, secretariat, two_parliaments
):
    TrackCapacity.objects.filter(pk=capacity.pk).update(requires_vetting=True, onsite_seats=1)
    first, second = (registered(client, factories.member(igf_track, p)) for p in two_parliaments)
    client.force_login(secretariat)
    page = client.get(detail_url(first)).content.decode()
    assert form_ids(page) == ["approve-form", "mode-form", "reject-form", "withdraw-link-form", "cancel-form"]
    assert "The reason is e-mailed to the delegate exactly as you write it." in page
    assert page.index('id="decide"') < page.index('id="cancel"')
    assert (
        '<form method="post" id="cancel-form" data-confirm="Cancel this registration? The delegate is told '
        'by e-mail.">'
    ) in page

    def message(url, data):
        return [str(m) for m in client.post(url, data, follow=True).context["messages"]]

    assert message(detail_url(first), {"action": "approve"}) == [
        "The registration is approved and confirmed."
    ]
    assert message(detail_url(second), {"action": "approve"}) == [
        "The registration is approved and put on the waiting list."
    ]
    assert message(detail_url(second), {"action": "mode", "mode": "online"}) == [
        "The participation is now: Online (Confirmed)."
    ]
    assert message(detail_url(second), {"action": "reject", "reason": "Not a member."}) == [
        "The registration is rejected: the delegate is e-mailed the reason."
    ]
    assert message(detail_url(first), {"action": "cancel"}) == ["The registration is cancelled."]
    page = client.get(detail_url(first)).content.decode()
    assert "This registration is closed: there is nothing to decide." in page
    assert form_ids(page) == ["withdraw-link-form"]
