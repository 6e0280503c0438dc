import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from plenary.core.errors import ServiceError
from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament, Person
from plenary.funding import selectors, services
from plenary.funding.models import Application, FundingCall, LedgerEntry
from plenary.funding.tests import factories

pytestmark = pytest.mark.django_db


def full_points(call, fraction=1):
    return {criterion.code: criterion.max_points * fraction for criterion in call.criteria.all()}


def reviewer(email, iso3=None):
    user = make_user(email, Role.REVIEWER)
    if iso3:
        Person.objects.create(
            given_name="Rev",
            family_name=iso3,
            user=user,
            parliament=Parliament.objects.get(country__iso3=iso3),
        )
    return user


def test_application_cost_is_airfare_plus_allowance_times_nights_plus_terminal(igf_track):
    call = factories.call(igf_track)
    application = factories.applied(call, factories.mp("NPL", track=igf_track))
    assert (application.full_cost, application.requested) == (1400 + 300 * 4 + 100, 2700)
    partial = factories.applied(
        call, factories.mp("BGD", track=igf_track), full_package=False, amount_asked=1000
    )
    assert partial.requested == 1000


def test_japan_cannot_apply_and_nothing_is_written(igf_track):
    call = factories.call(igf_track)
    with pytest.raises(ValidationError) as error:
        factories.applied(call, factories.mp("JPN", track=igf_track))
    assert error.value.messages == [
        "Japan is not in the funded categories (least developed country, landlocked developing country, "
        "small island developing state and economy in transition)."
    ]
    assert Application.objects.filter(call=call).count() == 0


def test_partial_ask_needs_an_amount(igf_track):
    call = factories.call(igf_track)
    with pytest.raises(ValidationError) as error:
        factories.applied(call, factories.mp("NPL", track=igf_track), full_package=False)
    assert error.value.messages == ["Give the amount you ask for, or ask for the full package."]


def test_focal_point_of_another_parliament_cannot_endorse(igf_track):
    call = factories.call(igf_track)
    application = factories.applied(call, factories.mp("NPL", track=igf_track), endorse=False)
    outsider = make_user("fp.ken@example.org", Role.FOCAL_POINT, Parliament.objects.get(country__iso3="KEN"))
    with pytest.raises(ValidationError):
        services.endorse(application=application, actor=outsider)
    focal_point = make_user("fp.npl@example.org", Role.FOCAL_POINT, application.person.parliament)
    assert services.endorse(application=application, actor=focal_point).is_endorsed is True


def test_reviews_are_averaged_disagreement_flagged_own_country_hidden(igf_track):
    call = factories.call(igf_track)
    nepal = factories.applied(call, factories.mp("NPL", track=igf_track))
    bangladesh = factories.applied(call, factories.mp("BGD", track=igf_track))
    nepali_reviewer = reviewer("rev.npl@example.org", "NPL")
    other = reviewer("rev.other@example.org")
    assert list(selectors.applications_for_reviewer(nepali_reviewer, call)) == [bangladesh]
    assert list(selectors.applications_for_reviewer(other, call)) == [nepal, bangladesh]
    with pytest.raises(ValidationError) as error:
        services.submit_review(application=nepal, reviewer=nepali_reviewer, points=full_points(call))
    assert error.value.messages == ["Reviewers do not review applications from their own country."]

    services.submit_review(application=bangladesh, reviewer=nepali_reviewer, points=full_points(call))
    services.submit_review(application=bangladesh, reviewer=other, points=full_points(call, 0))
    bangladesh.refresh_from_db()
    assert (bangladesh.score, bangladesh.review_count, bangladesh.disagreement) == (Decimal("5.000"), 2, True)
    points = full_points(call) | {"first-time": 0}
    services.submit_review(application=bangladesh, reviewer=other, points=points)
    bangladesh.refresh_from_db()
    assert (bangladesh.score, bangladesh.disagreement) == (Decimal("9.167"), False)


def test_review_points_out_of_range_change_nothing(igf_track):
    call = factories.call(igf_track)
    application = factories.applied(call, factories.mp("NPL", track=igf_track))
    with pytest.raises(ValidationError):
        services.submit_review(
            application=application,
            reviewer=reviewer("r@example.org"),
            points=full_points(call) | {"first-time": 9},
        )
    application.refresh_from_db()
    assert (application.score, application.reviews.count()) == (None, 0)


def scored(call, person, score, **data):
    application = factories.applied(call, person, **data)
    application.score = Decimal(score)
    application.save(update_fields=["score"])
    return application


def test_selection_run_is_stored_applied_and_the_reserve_list_moves_on_decline(igf_track):
    call = factories.call(igf_track, budget=6000)
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    first_nepal = scored(call, factories.mp("NPL", track=igf_track), "9", language="fr")
    second_nepal = scored(call, factories.mp("NPL", track=igf_track, gender="male"), "8.5")
    uganda = scored(call, factories.mp("UGA", track=igf_track), "7", language="es")
    haiti = scored(call, factories.mp("HTI", track=igf_track), "6")
    unendorsed = factories.applied(call, factories.mp("BGD", track=igf_track), endorse=False)
    unreviewed = factories.applied(call, factories.mp("MNG", track=igf_track))

    run = services.run_selection(call=call, actor=secretariat)
    assert (run.status, run.optimal, run.total_cost) == ("optimal", True, 5400)
    assert run.grants == {str(first_nepal.pk): [2700, 100], str(uganda.pk): [2700, 100]}
    assert [item["key"] for item in run.inputs] == [
        str(a.pk) for a in (first_nepal, second_nepal, uganda, haiti)
    ]
    table = {row.application.pk: row for row in selectors.run_table(run)}
    assert [str(reason) for reason in table[second_nepal.pk].reasons] == ["the limit per parliament"]
    assert table[second_nepal.pk].needed_score == 9.0

    with pytest.raises(ValidationError, match="The call is still open until"):
        services.apply_run(run=run, actor=secretariat)
    FundingCall.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    run.refresh_from_db()
    services.apply_run(run=run, actor=secretariat)
    call.refresh_from_db()
    assert (call.committed, call.remaining) == (5400, 600)
    statuses = dict(Application.objects.filter(call=call).values_list("pk", "status"))
    assert statuses == {
        first_nepal.pk: "offered",
        second_nepal.pk: "reserve",
        uganda.pk: "offered",
        haiti.pk: "reserve",
        unendorsed.pk: "not_selected",
        unreviewed.pk: "submitted",
    }
    offer = OutboxMessage.objects.get(dedupe_key=f"funding-{first_nepal.pk}-offer")
    assert (offer.language, offer.subject) == (
        "fr",
        "Financement du voyage proposé : Travel funding for MPs from the global South",
    )

    assert reserve_letter(second_nepal) == [
        "What kept your application out of the selection:",
        "- the call funds at most 1 per parliament",
        "With a score of 9.00 out of 10, your application would have been selected.",
    ]
    assert reserve_letter(haiti) == [
        "What kept your application out of the selection:",
        "- the budget of the call",
        "With a score of 7.00 out of 10, your application would have been selected.",
    ]
    refusal = OutboxMessage.objects.get(dedupe_key=f"funding-{unendorsed.pk}-not_selected").body
    assert refusal.split("\n")[4:6] == [
        "The rules it does not meet:",
        "- Your parliament's endorsement had not been received by the time of the selection.",
    ]

    offered_next = services.decline_offer(application=uganda, actor=secretariat)
    assert offered_next == haiti
    haiti.refresh_from_db()
    call.refresh_from_db()
    assert (haiti.status, haiti.grant_amount, call.committed) == ("offered", 2700, 5400)
    assert list(LedgerEntry.objects.filter(call=call).values_list("kind", "amount")) == [
        ("commit", 2700),
        ("commit", 2700),
        ("release", 2700),
        ("commit", 2700),
    ]


def reserve_letter(application):
    body = OutboxMessage.objects.get(dedupe_key=f"funding-{application.pk}-reserve").body
    lines = [line for line in body.split("\n") if line]
    return lines[2:5]


def closed(call):
    FundingCall.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    call.refresh_from_db()
    return call


def test_no_reserve_offer_breaks_the_women_minimum_and_the_secretariat_is_told(igf_track):
    call = factories.call(igf_track, budget=5400, min_women_percent=50)
    igf_track.contact_email = "funding@ipu.example.org"
    igf_track.save(update_fields=["contact_email"])
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    woman = scored(call, factories.mp("NPL", track=igf_track), "9")
    man = scored(call, factories.mp("UGA", track=igf_track, gender="male"), "8")
    next_man = scored(call, factories.mp("HTI", track=igf_track, gender="male"), "7")
    run = services.run_selection(call=closed(call), actor=secretariat)
    assert run.grants == {str(woman.pk): [2700, 100], str(man.pk): [2700, 100]}
    services.apply_run(run=run, actor=secretariat)
    next_man.refresh_from_db()
    assert (next_man.status, next_man.reserve_rank) == ("reserve", 1)
    assert reserve_letter(next_man) == [
        "What kept your application out of the selection:",
        "- other applicants have higher scores",
        "With a score of 8.00 out of 10, your application would have been selected.",
    ]

    assert services.decline_offer(application=woman, actor=secretariat) is None
    next_man.refresh_from_db()
    call.refresh_from_db()
    assert (next_man.status, call.committed, call.reserve_stalled_at is not None) == ("reserve", 2700, True)
    told = OutboxMessage.objects.get(subject__contains="a declined grant cannot go to the reserve list")
    assert told.to == ["funding@ipu.example.org"]
    assert f"/en/funding/calls/{call.pk}/selection/" in told.body


def test_sending_decisions_before_the_call_closes_needs_the_override(igf_track):
    call = factories.call(igf_track)
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    application = scored(call, factories.mp("NPL", track=igf_track), "9")
    run = services.run_selection(call=call, actor=secretariat)
    with pytest.raises(ValidationError, match="The call is still open until"):
        services.apply_run(run=run, actor=secretariat)
    services.apply_run(run=run, actor=secretariat, before_close=True)
    application.refresh_from_db()
    assert (application.status, application.answer_by) == (
        "offered",
        timezone.localdate() + dt.timedelta(days=14),
    )


def test_region_limits_name_directory_groups_with_minimum_below_maximum(igf_track):
    call = factories.call(igf_track)
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    with pytest.raises(ValidationError, match="Not a UN regional group of the directory: Africa."):
        services.set_region_limits(call=call, limits={"Africa": [1, 2]}, actor=secretariat)
    with pytest.raises(ValidationError, match="GRULAC|Latin American"):
        services.set_region_limits(call=call, limits={"GRULAC": [3, 2]}, actor=secretariat)
    services.set_region_limits(
        call=call,
        limits={"African Group": [2, None], "GRULAC": [None, None], "WEOG": [None, 0]},
        actor=secretariat,
    )
    call.refresh_from_db()
    assert call.region_limits == {"African Group": [2, None], "WEOG": [None, 0]}
    assert services.selection_params(call).region_min == {"African Group": 2}


def test_grants_never_exceed_the_budget_and_payments_the_grant(igf_track):
    call = factories.call(igf_track, budget=5000)
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    nepal = scored(call, factories.mp("NPL", track=igf_track), "9")
    uganda = scored(call, factories.mp("UGA", track=igf_track), "8")
    services.approve_grant(application=nepal, amount=2700, actor=secretariat)
    with pytest.raises(ValidationError) as error:
        services.approve_grant(application=uganda, amount=2700, actor=secretariat)
    assert error.value.messages == ["Only 2300 USD of the budget remain; this grant needs 2700."]
    services.accept_offer(application=nepal, actor=secretariat)
    services.record_payment(application=nepal, amount=2000, actor=secretariat)
    with pytest.raises(ValidationError):
        services.record_payment(application=nepal, amount=800, actor=secretariat)
    call.refresh_from_db()
    assert (call.committed, call.paid, call.remaining) == (2700, 2000, 2300)


def test_runs_compare(igf_track):
    call = factories.call(igf_track, budget=3000)
    nepal = scored(call, factories.mp("NPL", track=igf_track), "9")
    uganda = scored(call, factories.mp("UGA", track=igf_track), "8")
    first = services.run_selection(call=call, actor=None)
    second = services.run_selection(call=call, actor=None, fixed_out=[nepal.pk])
    comparison = selectors.compare_runs(first, second)
    assert (comparison.added, comparison.removed, comparison.changed) == (
        [str(uganda.pk)],
        [str(nepal.pk)],
        [],
    )
    assert (comparison.score_difference, comparison.cost_difference) == (-1.0, 0)
    with pytest.raises(ValidationError):
        services.run_selection(call=call, actor=None, fixed_in=[nepal.pk], fixed_out=[nepal.pk])


def test_an_offer_greets_her_links_to_her_funding_page_and_answers_to_the_track_contact(igf_track):
    call = factories.call(igf_track, budget=5000)
    nepal = scored(call, factories.mp("NPL", track=igf_track), "9", language="fr")
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    services.approve_grant(application=nepal, amount=2700, actor=secretariat)

    offer = OutboxMessage.objects.get(dedupe_key=f"funding-{nepal.pk}-offer")
    lines = offer.body.splitlines()
    assert (lines[0], lines[-2:]) == (
        f"Chère {nepal.person.full_name},",
        ["Votre page de financement : http://127.0.0.1:8000/fr/igf2023-pt/funding/", ""],
    )
    assert offer.reply_to == ['"Ms. Celine Bal" <Celine.Bal@un.org>']


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "No selection meets these rules together: the applications fixed in and the budget of the call. "
            "Change one of them and run the selection again.",
        ),
        (
            "fr",
            "Aucune sélection ne respecte ces règles à la fois : les candidatures retenues d'office et "
            "le budget de l'appel. Modifiez l'une d'elles et relancez la sélection.",
        ),
    ],
)
def test_an_infeasible_run_names_its_rules_and_its_decisions_cannot_be_sent(igf_track, language, message):
    call = factories.call(igf_track, budget=2000)
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    nepal = scored(call, factories.mp("NPL", track=igf_track), "9")
    run = services.run_selection(call=call, actor=secretariat, fixed_in=[nepal.pk])
    assert (run.status, run.optimal, run.grants, run.rules) == (
        "infeasible",
        False,
        {},
        ["fixed_in", "budget"],
    )
    FundingCall.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    run.refresh_from_db()
    queued = OutboxMessage.objects.count()
    with translation.override(language), pytest.raises(ServiceError) as refused:
        services.apply_run(run=run, actor=secretariat)
    assert str(refused.value.message) == message
    assert Application.objects.get(pk=nepal.pk).status == "submitted"
    assert OutboxMessage.objects.count() == queued
