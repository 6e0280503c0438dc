import os
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.core.dates import format_date
from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament, Person
from plenary.funding import services
from plenary.funding.models import Application, SelectionRun
from plenary.funding.tests import factories

pytestmark = pytest.mark.django_db


def reverse(name, language="en", kwargs=None, **more):
    with translation.override(language):
        return django_reverse(name, kwargs=(kwargs or {}) | more)


def delegate(track, iso3, email):
    person = factories.mp(iso3, track=track)
    person.user = make_user(email, Role.DELEGATE, person.parliament)
    person.save(update_fields=["user"])
    return person


def test_apply_form_in_the_delegates_language_records_that_language(client, igf_track):
    call = factories.call(igf_track)
    person = delegate(igf_track, "NPL", "mp@parliament.np")
    client.force_login(person.user)
    page = client.get(reverse("funding:calls", "fr", kwargs={"track": igf_track.slug}))
    assert page.status_code == 200
    assert (
        "Népal est admissible au titre de : pays les moins avancés et pays en développement sans littoral."
        in page.content.decode()
    )
    url = reverse("funding:apply", kwargs={"track": igf_track.slug, "call": call.pk}).replace(
        "/en/", "/fr/", 1
    )
    form = client.get(url)
    assert 'lang="fr"' in form.content.decode()
    response = client.post(url, factories.application_data(committee_work="", contribution=""))
    assert response.status_code == 302
    application = Application.objects.get(call=call, person=person)
    assert (application.language, application.requested) == ("fr", 2700)


def test_japanese_member_sees_why_and_cannot_apply(client, igf_track):
    call = factories.call(igf_track)
    person = delegate(igf_track, "JPN", "mp@shugiin.jp")
    client.force_login(person.user)
    url = reverse("funding:apply", kwargs={"track": igf_track.slug, "call": call.pk})
    page = client.get(url).content.decode()
    assert "Japan is not in the funded categories" in page
    assert "Submit the application" not in page
    response = client.post(url, factories.application_data())
    assert response.status_code == 200
    assert Application.objects.filter(call=call).count() == 0


def test_partial_ask_without_amount_is_refused_with_a_message(client, igf_track):
    call = factories.call(igf_track)
    person = delegate(igf_track, "NPL", "mp@parliament.np")
    client.force_login(person.user)
    url = reverse("funding:apply", kwargs={"track": igf_track.slug, "call": call.pk})
    response = client.post(
        url, factories.application_data(full_package="", committee_work="", contribution="")
    )
    assert "Give the amount you ask for, or ask for the full package." in response.content.decode()
    assert Application.objects.filter(call=call).count() == 0


def test_reviewer_never_sees_own_country(client, igf_track):
    call = factories.call(igf_track)
    nepal = factories.applied(call, factories.mp("NPL", track=igf_track))
    uganda = factories.applied(call, factories.mp("UGA", track=igf_track))
    user = make_user("rev@example.org", Role.REVIEWER)
    Person.objects.create(
        given_name="R", family_name="N", user=user, parliament=Parliament.objects.get(country__iso3="NPL")
    )
    client.force_login(user)
    listing = client.get(reverse("funding:review_list", kwargs={"call": call.pk})).content.decode()
    assert str(uganda.person) in listing
    assert str(nepal.person) not in listing
    assert client.get(reverse("funding:review", kwargs={"pk": nepal.pk})).status_code == 404
    response = client.post(
        reverse("funding:review", kwargs={"pk": uganda.pk}),
        {"points_digital-committee": 5, "points_contribution": 5, "points_first-time": 5, "comment": ""},
    )
    assert response.status_code == 302
    uganda.refresh_from_db()
    assert uganda.score == Decimal("10.000")


def test_secretariat_runs_the_selection_and_sees_the_explanation(client, igf_track):
    call = factories.call(igf_track, budget=6000)
    first = factories.applied(call, factories.mp("NPL", track=igf_track))
    second = factories.applied(call, factories.mp("NPL", track=igf_track))
    Application.objects.filter(pk=first.pk).update(score=Decimal("9"))
    Application.objects.filter(pk=second.pk).update(score=Decimal("8"))
    staff = make_user("sec@example.org", Role.SECRETARIAT)
    client.force_login(staff)
    assert client.get(reverse("funding:selection", kwargs={"call": call.pk})).status_code == 200
    response = client.post(reverse("funding:selection", kwargs={"call": call.pk}), {})
    run = SelectionRun.objects.get(call=call)
    assert response.url == reverse("funding:run", kwargs={"pk": run.pk})
    page = client.get(response.url).content.decode()
    assert "the limit per parliament" in page
    assert "proven optimal" in page


def test_pages_are_hidden_from_outsiders(client, igf_track):
    call = factories.call(igf_track)
    client.force_login(make_user("someone@example.org", Role.REVIEWER))
    assert client.get(reverse("funding:selection", kwargs={"call": call.pk})).status_code == 404


def test_run_page_says_explanations_are_pending_until_the_task_ran(client, igf_track, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call = factories.call(igf_track)
    application = factories.applied(call, factories.mp("NPL", track=igf_track))
    Application.objects.filter(pk=application.pk).update(score=Decimal("9"))
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    client.post(reverse("funding:selection", kwargs={"call": call.pk}), {})
    run = SelectionRun.objects.get(call=call)
    assert (run.optimal, run.explained_at) == (True, None)
    page = client.get(reverse("funding:run", kwargs={"pk": run.pk})).content.decode()
    assert "The explanations are being computed: reload this page in a minute." in page


def test_secretariat_records_a_payment_and_bad_amounts_change_nothing(client, igf_track):
    call = factories.call(igf_track)
    application = factories.applied(call, factories.mp("NPL", track=igf_track))
    staff = make_user("sec@example.org", Role.SECRETARIAT)
    services.approve_grant(application=application, amount=2700, actor=staff)
    services.accept_offer(application=application, actor=staff)
    client.force_login(staff)
    url = reverse("funding:payment", kwargs={"pk": application.pk})
    page = client.post(url, {"amount": "abc"}, follow=True).content.decode()
    assert "Enter the amount paid, a whole number above zero." in page
    page = client.post(url, {"amount": 3000}, follow=True).content.decode()
    assert "The payment must be positive and not exceed the grant." in page
    client.post(url, {"amount": 1000})
    call.refresh_from_db()
    application.refresh_from_db()
    assert (call.paid, application.paid) == (1000, 1000)


def test_an_account_that_is_not_a_member_of_parliament_is_told_how_to_take_part(client, igf_track):
    from plenary.core.models import Role
    from plenary.core.testing import make_user
    from plenary.directory.models import Parliament

    focal_point = make_user(
        "focal@diet.example.org",
        role=Role.FOCAL_POINT,
        parliament=Parliament.objects.get(country__iso3="JPN"),
    )
    client.force_login(focal_point)
    response = client.get(f"/en/{igf_track.slug}/funding/")
    assert response.status_code == 200
    assert response.context["not_a_member"] is True
    assert "ask your parliament's focal point to name you in the delegation" in response.content.decode()


def test_a_malformed_run_to_compare_shows_the_run_alone(client, igf_track):
    call = factories.call(igf_track)
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    client.post(reverse("funding:selection", kwargs={"call": call.pk}), {})
    url = reverse("funding:run", kwargs={"pk": SelectionRun.objects.get(call=call).pk})
    responses = [client.get(url, {"compare": value}) for value in ("²", "99999999999999999999")]
    assert [(response.status_code, response.context["comparison"]) for response in responses] == [
        (200, None),
        (200, None),
    ]


def closed(call):
    import datetime as dt

    from django.utils import timezone

    from plenary.funding.models import FundingCall

    FundingCall.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    call.refresh_from_db()
    return call


def test_an_offer_made_after_closing_is_shown_with_its_date_and_declining_asks_first(client, igf_track):
    call = factories.call(igf_track, answer_days=10)
    person = delegate(igf_track, "NPL", "mp@parliament.np.example.org")
    application = factories.applied(call, person)
    services.approve_grant(application=application, amount=2700, actor=make_user("s@x.org", Role.SECRETARIAT))
    closed(call)
    client.force_login(person.user)
    page = client.get(reverse("funding:calls", track=igf_track.slug)).content.decode()
    application.refresh_from_db()
    assert "Applications are closed." in page
    with translation.override("en"):
        assert f"Please answer by {format_date(application.answer_by)}." in page
    confirm = client.get(reverse("funding:decline", pk=application.pk)).content.decode()
    assert "Do you really decline your grant of 2700 USD?" in confirm
    application.refresh_from_db()
    assert application.status == "offered"
    response = client.post(reverse("funding:decline", pk=application.pk))
    assert response.url == reverse("funding:calls", track=igf_track.slug)
    application.refresh_from_db()
    assert application.status == "declined"


def test_a_visitor_reads_the_call_without_logging_in(client, igf_track):
    call = factories.call(igf_track)
    listing = client.get(reverse("funding:calls", "ar", track=igf_track.slug))
    assert listing.status_code == 200
    page = client.get(reverse("funding:call", track=igf_track.slug, call=call.pk)).content.decode()
    assert "Members of parliament of a country in one of these categories: least developed country" in page
    assert "Log in with the e-mail address you registered with: a code is sent to it." in page
    assert "Applications are open." in page


def test_the_call_page_lists_the_categories_in_the_readers_language(client, igf_track):
    call = factories.call(igf_track)
    page = client.get(reverse("funding:call", "ar", track=igf_track.slug, call=call.pk)).content.decode()
    who = "//h2[text()='من يحق له التقديم']/following-sibling::ul/li[1]"
    (eligible,) = lxml.html.fromstring(page).xpath(who)
    assert eligible.text_content() == (
        "أعضاء برلمانات البلدان المنتمية إلى إحدى هذه الفئات: من أقل البلدان نموًا وبلد نامٍ غير ساحلي"
        " ودولة جزرية صغيرة نامية واقتصاد يمر بمرحلة انتقالية."
    )


def test_without_a_focal_point_the_secretariat_is_asked_and_endorses_from_its_page(client, igf_track):
    from plenary.core.models import OutboxMessage

    igf_track.contact_email = "funding@ipu.example.org"
    igf_track.save(update_fields=["contact_email"])
    call = factories.call(igf_track)
    person = delegate(igf_track, "HTI", "mp@parliament.ht.example.org")
    client.force_login(person.user)
    before = client.get(reverse("funding:calls", track=igf_track.slug)).content.decode()
    assert "Your parliament has no focal point here: after you apply, the secretariat endorses" in before
    application = factories.applied(call, person, endorse=False)
    asked = OutboxMessage.objects.get(dedupe_key=f"funding-{application.pk}-endorse-funding@ipu.example.org")
    assert f"/en/funding/calls/{call.pk}/endorsements/" in asked.body
    after = client.get(reverse("funding:calls", track=igf_track.slug)).content.decode()
    assert "Waiting for the secretariat to endorse it, as your parliament has no focal point here" in after

    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    page = client.get(reverse("funding:endorsements", call=call.pk)).content.decode()
    assert "the secretariat (no focal point)" in page
    client.post(reverse("funding:endorse", pk=application.pk))
    application.refresh_from_db()
    assert application.is_endorsed


def test_a_focal_point_is_asked_to_endorse(igf_track):
    from plenary.core.models import OutboxMessage

    call = factories.call(igf_track)
    make_user(
        "focal@parliament.np.example.org", Role.FOCAL_POINT, Parliament.objects.get(country__iso3="NPL")
    )
    application = factories.applied(call, factories.mp("NPL", track=igf_track), endorse=False)
    asked = OutboxMessage.objects.get(related_id=str(application.pk), subject__contains="to endorse")
    assert asked.to == ["focal@parliament.np.example.org"]


def test_sending_decisions_asks_for_confirmation_and_the_override_before_closing(client, igf_track):
    call = factories.call(igf_track)
    application = factories.applied(call, factories.mp("NPL", track=igf_track))
    Application.objects.filter(pk=application.pk).update(score=Decimal("9"))
    staff = make_user("sec@example.org", Role.SECRETARIAT)
    run = services.run_selection(call=call, actor=staff)
    client.force_login(staff)
    url = reverse("funding:send_decisions", pk=run.pk)
    assert "1 applicant is offered a grant." in client.get(url).content.decode()
    client.post(url, {})
    page = client.post(url, {"confirm": "on"}, follow=True).content.decode()
    assert "send the decisions after it closes." in page
    run.refresh_from_db()
    assert run.applied_at is None
    client.post(url, {"confirm": "on", "before_close": "on"})
    run.refresh_from_db()
    application.refresh_from_db()
    assert (run.applied_at is not None, application.status) == (True, "offered")


def test_regional_limits_are_entered_in_a_form(client, igf_track):
    call = factories.call(igf_track)
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    page = client.get(reverse("funding:selection", call=call.pk)).content.decode()
    assert "Latin American and Caribbean Group: at least" in page
    client.post(reverse("funding:region_limits", call=call.pk), {"min_0": "2", "max_3": "4"})
    call.refresh_from_db()
    assert call.region_limits == {"African Group": [2, None], "GRULAC": [None, 4]}
    page = client.post(
        reverse("funding:region_limits", call=call.pk), {"min_0": "5", "max_0": "1"}, follow=True
    )
    assert "African Group: the minimum is above the maximum." in page.content.decode()


def test_the_run_page_says_when_no_score_would_do(client, igf_track):
    call = factories.call(igf_track, budget=6000)
    first = factories.applied(call, factories.mp("NPL", track=igf_track))
    second = factories.applied(call, factories.mp("NPL", track=igf_track))
    Application.objects.filter(pk=first.pk).update(score=Decimal("9"))
    Application.objects.filter(pk=second.pk).update(score=Decimal("3"))
    staff = make_user("sec@example.org", Role.SECRETARIAT)
    run = services.run_selection(call=call, actor=staff, fixed_out=[second.pk])
    client.force_login(staff)
    page = client.get(reverse("funding:run", pk=run.pk)).content.decode()
    assert "no score would do" in page


def test_a_large_runs_explanations_are_shared_among_processes_and_read_the_same(igf_track, monkeypatch):
    call = factories.call(igf_track, budget=6000)
    for country, score in (("NPL", "9"), ("NPL", "8"), ("UGA", "7"), ("MWI", "6"), ("BTN", "5")):
        application = factories.applied(call, factories.mp(country, track=igf_track))
        Application.objects.filter(pk=application.pk).update(score=Decimal(score))
    run = services.run_selection(call=call, actor=make_user("sec@example.org", Role.SECRETARIAT))
    one_process = services.explain_run(run=run).explanations
    workers_used = []
    explain_in_parallel = services.selection.explain_in_parallel

    def counted(*args, workers):
        workers_used.append(workers)
        return explain_in_parallel(*args, workers=workers)

    monkeypatch.setattr(services.selection, "explain_in_parallel", counted)
    monkeypatch.setattr(services, "EXPLAINED_IN_PARALLEL_FROM", 5)
    shared = services.explain_run(run=run).explanations

    assert (shared, workers_used, len(shared)) == (one_process, [os.cpu_count()], 3)
