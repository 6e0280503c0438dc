"""Every write of the funding app: applications, reviews, selection runs, decisions, the ledger."""

import datetime as dt
import logging
import os
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.core.audit import record
from plenary.core.dates import format_date
from plenary.core.errors import ServiceError
from plenary.core.languages import format_list
from plenary.core.links import page_url
from plenary.core.models import Role
from plenary.core.outbox import greeting, queue_templated_email
from plenary.credentials import selectors as credentials_selectors
from plenary.directory.models import UNRegionalGroup
from plenary.funding import eligibility, rules, selection, webhook_events
from plenary.funding.endorsements import check_letter
from plenary.funding.models import Application, Criterion, FundingCall, LedgerEntry, Review, SelectionRun

logger = logging.getLogger(__name__)

APPLICATION_FIELDS = (
    "motivation",
    "committee_work",
    "digital_committee",
    "previous_participation",
    "first_time",
    "contribution",
    "full_package",
    "amount_asked",
    "itinerary",
    "airfare_quote",
    "nights",
)
THOUSANDTH = Decimal("0.001")
TOP_SCORE = 10
# From this many applicants, a run's explanations are shared among processes on every core (below
# it, starting the processes costs more than it saves).
EXPLAINED_IN_PARALLEL_FROM = 500


def secretariat_addresses(track) -> list[str]:
    """Where the secretariat reads its mail: the track's contact, else every secretariat account."""
    if track.contact_email:
        return [track.contact_email]
    users = get_user_model().objects.filter(is_active=True, role_assignments__role=Role.SECRETARIAT)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _locked_call(call_id) -> FundingCall:
    return FundingCall.objects.select_for_update(of=("self",)).select_related("track").get(pk=call_id)


def create_call(*, track, actor, criteria=(), **fields) -> FundingCall:
    """A call with its review criteria: `criteria` is a list of (code, name, weight)."""
    with transaction.atomic():
        call = FundingCall(track=track, **fields)
        call.full_clean()
        call.save()
        for order, (code, name, weight) in enumerate(criteria):
            Criterion.objects.create(call=call, code=code, name=name, weight=weight, order=order)
        record(actor=actor, action="funding.call.create", target=call)
    return call


def submit_application(*, call: FundingCall, person, data: dict, language: str, actor) -> Application:
    if not call.is_open(timezone.localdate()):
        raise ValidationError(_("Applications for this call are not open."))
    checks = eligibility.evaluate(call, person)
    if not eligibility.may_apply(checks):
        raise ValidationError(
            [check.message for check in checks if not check.passed and check.code != "endorsement"]
        )
    if not data.get("full_package") and not data.get("amount_asked"):
        raise ValidationError(_("Give the amount you ask for, or ask for the full package."))
    with transaction.atomic():
        if Application.objects.filter(call=call, person=person).exists():
            raise ValidationError(_("You have already applied to this call."))
        application = Application(
            call=call,
            person=person,
            language=language,
            **{name: data[name] for name in APPLICATION_FIELDS if name in data},
        )
        if application.full_package:
            application.amount_asked = None
        application.full_clean()
        application.save()
        record(actor=actor, action="funding.application.submit", target=application)
        if call.requires_endorsement:
            _ask_for_endorsement(application, actor)
    return application


def _ask_for_endorsement(application: Application, actor) -> None:
    """E-mail the endorser: the parliament's focal points, or the secretariat when it has none."""
    call = application.call
    focal_points = eligibility.focal_point_users(application.person.parliament_id)
    if focal_points:
        recipients = [(user.email, call.track.primary_language) for user in focal_points]
    else:
        recipients = [(address, call.track.primary_language) for address in secretariat_addresses(call.track)]
    for address, language in recipients:
        context = {
            "application": application,
            "call": call,
            "person": application.person,
            "by_secretariat": not focal_points,
            "link": page_url("funding:endorsements", language, call=call.pk),
        }
        queue_templated_email(
            template="funding/email/endorse",
            context=context,
            to=address,
            language=language,
            track=call.track,
            dedupe_key=f"funding-{application.pk}-endorse-{address}",
            related=application,
            actor=actor,
        )


def endorse(*, application: Application, actor, letter=None) -> Application:
    """The parliament's focal point approves the application, or the secretariat files its letter.

    Not once the decisions have refused it: its page and its e-mail say the endorsement had not been
    received in time, and stay true."""
    if not rules.can_endorse(actor, application):
        raise ValidationError(
            _("Only the focal point of the applicant's parliament may endorse this application.")
        )
    if letter is not None:
        check_letter(letter)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.is_refused:
            raise ValidationError(
                _("The decision on this application has been sent: it can no longer be endorsed.")
            )
        if letter is not None:
            application.endorsement_letter.save(letter.name, letter, save=False)
        application.endorsed_by = actor
        application.endorsed_at = timezone.now()
        application.save(update_fields=["endorsement_letter", "endorsed_by", "endorsed_at"])
        record(actor=actor, action="funding.application.endorse", target=application)
    return application


def set_region_limits(*, call: FundingCall, limits: dict, actor) -> FundingCall:
    """Store the minimum and maximum per UN regional group: {group: [minimum or None, maximum or None]}."""
    unknown = sorted(set(limits) - set(UNRegionalGroup.values))
    if unknown:
        raise ValidationError(
            _("Not a UN regional group of the directory: %(groups)s.") % {"groups": ", ".join(unknown)}
        )
    for group, (minimum, maximum) in limits.items():
        if minimum is not None and maximum is not None and minimum > maximum:
            raise ValidationError(
                _("%(group)s: the minimum is above the maximum.") % {"group": UNRegionalGroup(group).label}
            )
    with transaction.atomic():
        call = FundingCall.objects.select_for_update(of=("self",)).get(pk=call.pk)
        before = call.region_limits
        call.region_limits = {
            group: [minimum, maximum]
            for group, (minimum, maximum) in sorted(limits.items())
            if (minimum, maximum) != (None, None)
        }
        call.full_clean()
        call.save(update_fields=["region_limits"])
        record(
            actor=actor,
            action="funding.call.region_limits",
            target=call,
            changes={"before": before, "after": call.region_limits},
        )
    return call


def reviewer_country_id(user) -> int | None:
    person = getattr(user, "person", None)
    if person is None or person.parliament_id is None:
        return None
    return person.parliament.country_id


def weighted_total(criteria: list[Criterion], points: dict) -> Decimal:
    """The review's score from 0 to 10: the criteria's points, weighted."""
    weights = sum(criterion.weight for criterion in criteria)
    if not weights:
        return Decimal(0)
    earned = sum(
        Decimal(criterion.weight) * points[criterion.code] / criterion.max_points for criterion in criteria
    )
    return (10 * earned / weights).quantize(THOUSANDTH, ROUND_HALF_UP)


def submit_review(*, application: Application, reviewer, points: dict, comment: str = "") -> Review:
    own_country = reviewer_country_id(reviewer)
    if own_country is not None and own_country == application.person.parliament.country_id:
        raise ValidationError(_("Reviewers do not review applications from their own country."))
    criteria = list(application.call.criteria.all())
    clean = {}
    for criterion in criteria:
        value = points.get(criterion.code)
        if not isinstance(value, int) or not 0 <= value <= criterion.max_points:
            raise ValidationError(
                _("Give %(criterion)s between 0 and %(max)s points.")
                % {"criterion": criterion.name, "max": criterion.max_points}
            )
        clean[criterion.code] = value
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).get()
        review, _created = Review.objects.update_or_create(
            application=application,
            reviewer=reviewer,
            defaults={"points": clean, "total": weighted_total(criteria, clean), "comment": comment},
        )
        totals = list(Review.objects.filter(application=application).values_list("total", flat=True))
        application.score = (sum(totals) / len(totals)).quantize(THOUSANDTH, ROUND_HALF_UP)
        application.review_count = len(totals)
        application.disagreement = max(totals) - min(totals) > application.call.disagreement_threshold
        application.save(update_fields=["score", "review_count", "disagreement"])
        record(
            actor=reviewer,
            action="funding.review.submit",
            target=review,
            changes={"total": str(review.total)},
        )
    return review


def grant_options(application: Application) -> tuple[selection.GrantOption, ...]:
    options = (selection.GrantOption(application.requested),)
    if application.call.partial_allowed and application.full_package:
        levels = sorted(
            {int(level) for level in application.call.partial_levels if 0 < int(level) < 100}, reverse=True
        )
        options += tuple(
            selection.GrantOption(application.full_cost * level // 100, level) for level in levels
        )
    return options


def selection_params(call: FundingCall, *, fixed_in=(), fixed_out=()) -> selection.Params:
    limits = call.region_limits or {}
    return selection.Params(
        budget=call.budget,
        max_funded=call.max_funded,
        per_parliament=call.per_parliament,
        min_women_percent=call.min_women_percent,
        region_min={group: int(pair[0]) for group, pair in limits.items() if pair[0] is not None},
        region_max={group: int(pair[1]) for group, pair in limits.items() if pair[1] is not None},
        fixed_in=frozenset(str(pk) for pk in fixed_in),
        fixed_out=frozenset(str(pk) for pk in fixed_out),
    )


def screen(call: FundingCall) -> tuple[list[Application], list[dict]]:
    """The submitted applications: those reviewed that pass every eligibility rule (the candidates),
    and those that fail one, each as {"key", "checks"}: the codes of the rules not met, a pending
    endorsement included."""
    applications = (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("call__track__forum", "person__parliament__country")
        .order_by("id")
    )
    eligible, ineligible = [], []
    for application in applications:
        checks = eligibility.evaluate(call, application.person, application)
        if not eligibility.is_eligible(checks):
            codes = [check.code for check in checks if not check.passed]
            ineligible.append({"key": str(application.pk), "checks": codes})
        elif application.score is not None:
            eligible.append(application)
    return eligible, ineligible


def candidates(call: FundingCall) -> list[Application]:
    """Submitted, reviewed applications that pass every eligibility rule."""
    return screen(call)[0]


def as_applicant(application: Application) -> selection.Applicant:
    person = application.person
    return selection.Applicant(
        key=str(application.pk),
        score=application.score or Decimal(0),
        options=grant_options(application),
        parliament=str(person.parliament_id),
        region=person.parliament.country.un_regional_group,
        is_woman=person.gender == "female",
    )


def run_selection(*, call: FundingCall, actor, fixed_in=(), fixed_out=()) -> SelectionRun:
    """Solve the call's selection among its candidates; the run also records the submitted
    applications left out before it for an eligibility rule (a pending endorsement included)."""
    eligible, ineligible = screen(call)
    applicants = [as_applicant(application) for application in eligible]
    known = {applicant.key for applicant in applicants}
    unknown = sorted((set(map(str, fixed_in)) | set(map(str, fixed_out))) - known)
    if unknown:
        raise ValidationError(
            _("Not an eligible application of this call: %(ids)s") % {"ids": ", ".join(unknown)}
        )
    if set(map(str, fixed_in)) & set(map(str, fixed_out)):
        raise ValidationError(_("An applicant cannot be fixed both in and out."))
    params = selection_params(call, fixed_in=fixed_in, fixed_out=fixed_out)
    result = selection.solve(applicants, params)
    baseline = selection.by_score(applicants, params)
    with transaction.atomic():
        run = SelectionRun.objects.create(
            call=call,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            inputs=[
                {
                    "key": a.key,
                    "score": str(a.score),
                    "options": [[o.amount, o.percent] for o in a.options],
                    "parliament": a.parliament,
                    "region": a.region,
                    "is_woman": a.is_woman,
                }
                for a in applicants
            ],
            params={
                "budget": params.budget,
                "max_funded": params.max_funded,
                "per_parliament": params.per_parliament,
                "min_women_percent": params.min_women_percent,
                "region_min": dict(params.region_min),
                "region_max": dict(params.region_max),
                "fixed_in": sorted(params.fixed_in),
                "fixed_out": sorted(params.fixed_out),
            },
            status=result.status,
            optimal=result.optimal,
            grants={key: [o.amount, o.percent] for key, o in result.grants.items()},
            total_score=result.total_score,
            rules=list(result.rules),
            total_cost=result.total_cost,
            greedy_grants={key: [o.amount, o.percent] for key, o in baseline.grants.items()},
            greedy_score=baseline.total_score,
            greedy_rules=list(baseline.rules),
            greedy_status=baseline.status,
            seconds=result.seconds,
            ineligible=ineligible,
        )
        record(
            actor=actor,
            action="funding.selection.run",
            target=run,
            changes={"status": result.status, "total_score": str(run.total_score)},
        )
    if run.optimal:
        from plenary.funding.tasks import explain_run as explain_run_task

        explain_run_task.enqueue(run.pk)
        run.refresh_from_db()
    return run


def stored_problem(run: SelectionRun) -> tuple[list[selection.Applicant], selection.Params]:
    """The applicants and parameters of a stored run, as the optimiser received them."""
    applicants = [
        selection.Applicant(
            key=item["key"],
            score=Decimal(str(item["score"])),
            options=tuple(selection.GrantOption(amount, percent) for amount, percent in item["options"]),
            parliament=item["parliament"],
            region=item["region"],
            is_woman=item["is_woman"],
        )
        for item in run.inputs
    ]
    params = run.params
    return applicants, selection.Params(
        budget=params["budget"],
        max_funded=params["max_funded"],
        per_parliament=params["per_parliament"],
        min_women_percent=params["min_women_percent"],
        region_min=params["region_min"],
        region_max=params["region_max"],
        fixed_in=frozenset(params["fixed_in"]),
        fixed_out=frozenset(params["fixed_out"]),
    )


def explain_run(*, run: SelectionRun) -> SelectionRun:
    """Why each applicant of `run` was left out, recomputed from the run's stored inputs."""
    applicants, params = stored_problem(run)
    result = selection.Result(
        status=run.status,
        optimal=run.optimal,
        grants={key: selection.GrantOption(amount, percent) for key, (amount, percent) in run.grants.items()},
        total_value=int(run.total_score * selection.SCALE),
        total_cost=run.total_cost,
        seconds=run.seconds,
    )
    workers = (os.cpu_count() or 1) if len(applicants) >= EXPLAINED_IN_PARALLEL_FROM else 1
    explanations = selection.explain_in_parallel(applicants, params, result, workers=workers)
    run.explanations = [
        {
            "key": e.key,
            "reasons": [str(reason) for reason in e.reasons],
            "needed_score": None if e.needed_score is None else str(e.needed_score),
        }
        for e in explanations
    ]
    run.explained_at = timezone.now()
    run.save(update_fields=["explanations", "explained_at"])
    return run


RULE_NAMES = {
    "fixed_in": gettext_lazy("the applications fixed in"),
    "fixed_out": gettext_lazy("the applications fixed out"),
    "budget": gettext_lazy("the budget of the call"),
    "max_funded": gettext_lazy("the maximum number of grants"),
    "per_parliament": gettext_lazy("the limit per parliament"),
    "women_share": gettext_lazy("the minimum share of women"),
    "region_min": gettext_lazy("the minimum for %(group)s"),
    "region_max": gettext_lazy("the maximum for %(group)s"),
}


def rule_names(rules: list[str]) -> list[str]:
    """The optimiser's rule names ("region_min GRULAC", "fixed_in 12") as phrases in the active
    language, each named once."""
    groups = dict(UNRegionalGroup.choices)
    names = []
    for rule in rules:
        family, _space, subject = rule.partition(" ")
        name = str(RULE_NAMES[family]) % {"group": groups.get(subject, subject)}
        if name not in names:
            names.append(name)
    return names


# What kept an applicant out, as the e-mail tells them: one sentence per constraint of the optimiser.
LEFT_OUT_BECAUSE = {
    "fixed_out": gettext_lazy("the secretariat decided not to fund this application"),
    "parliament_limit": gettext_lazy("the call funds at most %(per_parliament)s per parliament"),
    "region_max": gettext_lazy("the maximum number of grants for your UN regional group"),
    "region_min": gettext_lazy("the minimum number of grants for the other UN regional groups"),
    "women_share": gettext_lazy("the minimum share of women among those funded (%(women)s %%)"),
    "budget": gettext_lazy("the budget of the call"),
    "max_funded": gettext_lazy("the call funds at most %(max_funded)s people"),
    "score": gettext_lazy("other applicants have higher scores"),
    "impossible": gettext_lazy("no selection within the call's rules can include this application"),
}


def left_out_reasons(run: SelectionRun, key: str) -> tuple[list[str], float | None]:
    """The constraints that kept application `key` out of `run`, as sentences in the active language,
    and the score that would have been enough (None: no score on the review scale would do)."""
    explanation = next((item for item in run.explanations if item["key"] == key), None)
    if explanation is None:
        return [], None
    numbers = {
        "per_parliament": run.params["per_parliament"],
        "women": run.params["min_women_percent"],
        "max_funded": run.params["max_funded"],
    }
    reasons = [str(LEFT_OUT_BECAUSE[reason]) % numbers for reason in explanation["reasons"]]
    needed = None if explanation["needed_score"] is None else Decimal(str(explanation["needed_score"]))
    return reasons, needed if needed is not None and needed <= TOP_SCORE else None


def _send_decision(application: Application, template: str, actor, **extra) -> None:
    person = application.person
    if not person.email:
        return
    call, language = application.call, application.language
    context = {
        "application": application,
        "call": call,
        "person": person,
        "top_score": TOP_SCORE,
        "link": page_url("funding:calls", language, track=call.track.slug),
        "greeting": greeting(
            name=person.full_name, language=language, gender=person.gender, name_arabic=person.name_arabic
        ),
    }
    with translation.override(language):
        if template == "reserve" and "run" in extra:
            context["reasons"], context["needed_score"] = left_out_reasons(extra["run"], str(application.pk))
        if template == "not_selected":
            checks = eligibility.evaluate(call, person, application)
            context["failed"] = [check.message for check in checks if not check.passed]
    queue_templated_email(
        template=f"funding/email/{template}",
        context=context,
        to=person.email,
        language=language,
        track=call.track,
        dedupe_key=f"funding-{application.pk}-{template}",
        related=application,
        actor=actor,
    )


def _commit(call: FundingCall, application: Application, amount: int, percent: int, actor) -> None:
    """Commit `amount` on the locked `call` row; the caller holds the lock. The track's credentials
    rule on funding must let the applicant's delegation through."""
    if not credentials_selectors.may_be_offered_funding(call.track, application.person):
        raise ValidationError(
            _("No grant can be offered to %(name)s before the credentials of their delegation allow it.")
            % {"name": application.person.full_name}
        )
    if amount > call.remaining:
        raise ValidationError(
            _("Only %(remaining)s %(currency)s of the budget remain; this grant needs %(amount)s.")
            % {"remaining": call.remaining, "currency": call.currency, "amount": amount}
        )
    call.committed += amount
    call.save(update_fields=["committed"])
    LedgerEntry.objects.create(
        call=call, application=application, kind=LedgerEntry.Kind.COMMIT, amount=amount, by=actor
    )
    application.status = Application.Status.OFFERED
    application.grant_amount = amount
    application.grant_percent = percent
    application.reserve_rank = None
    application.answer_by = timezone.localdate() + dt.timedelta(days=call.answer_days)
    application.save(update_fields=["status", "grant_amount", "grant_percent", "reserve_rank", "answer_by"])
    record(actor=actor, action="funding.grant.offer", target=application, changes={"amount": amount})
    webhook_events.offered(application)
    _send_decision(application, "offer", actor)


def approve_grant(*, application: Application, amount: int, percent: int = 100, actor) -> Application:
    """Offer a grant: commit it on the call's budget under the call's row lock."""
    with transaction.atomic():
        call = _locked_call(application.call_id)
        application = Application.objects.select_for_update().select_related("person").get(pk=application.pk)
        if application.status in (Application.Status.OFFERED, Application.Status.ACCEPTED):
            raise ValidationError(_("This applicant already holds a grant."))
        _commit(call, application, amount, percent, actor)
    return application


def apply_run(*, run: SelectionRun, actor, before_close: bool = False) -> SelectionRun:
    """Send the decisions of `run`: offers, then the reserve list in order of score, then refusals.

    Only once the call has closed, unless the secretariat says `before_close`. Each one left out
    is told the constraints that kept them out, so the run's explanations are computed first if
    the task has not yet done so. Refusals go to the applications that fail an eligibility rule,
    naming it; an eligible application that no reviewer has scored yet stays submitted.
    """
    if run.call.closes_on >= timezone.localdate() and not before_close:
        raise ValidationError(
            _("The call is still open until %(date)s: send the decisions after it closes.")
            % {"date": format_date(run.call.closes_on)}
        )
    if run.optimal and run.explained_at is None:
        explain_run(run=run)
    with transaction.atomic():
        call = _locked_call(run.call_id)
        run = SelectionRun.objects.select_for_update().get(pk=run.pk)
        if run.applied_at is not None:
            raise ValidationError(_("The decisions of this run have already been sent."))
        if run.rules:
            raise ServiceError(
                _(
                    "No selection meets these rules together: %(rules)s. "
                    "Change one of them and run the selection again."
                )
                % {"rules": format_list(rule_names(run.rules))},
                code="infeasible",
            )
        if not run.optimal:
            raise ValidationError(_("Only a proven optimal selection can be applied."))
        open_applications = {
            str(a.pk): a
            for a in Application.objects.select_for_update()
            .filter(call=call, status=Application.Status.SUBMITTED)
            .select_related("person")
        }
        stale = sorted(set(run.grants) - set(open_applications))
        if stale:
            raise ValidationError(_("The applications have changed since this run; run the selection again."))
        for key, (amount, percent) in sorted(run.grants.items(), key=lambda item: int(item[0])):
            _commit(call, open_applications.pop(key), amount, percent, actor)
        eligible = {item["key"] for item in run.inputs}
        reserve = sorted(
            (a for key, a in open_applications.items() if key in eligible), key=lambda a: (-a.score, a.pk)
        )
        for rank, application in enumerate(reserve, start=1):
            application.status = Application.Status.RESERVE
            application.reserve_rank = rank
            application.save(update_fields=["status", "reserve_rank"])
            _send_decision(application, "reserve", actor, run=run)
        for key, application in sorted(open_applications.items()):
            checks = eligibility.evaluate(call, application.person, application)
            if key not in eligible and not eligibility.is_eligible(checks):
                application.status = Application.Status.NOT_SELECTED
                application.save(update_fields=["status"])
                _send_decision(application, "not_selected", actor)
        run.applied_at = timezone.now()
        run.save(update_fields=["applied_at"])
        record(
            actor=actor,
            action="funding.selection.apply",
            target=run,
            changes={"before_close": before_close} if before_close else None,
        )
    return run


def accept_offer(*, application: Application, actor) -> Application:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Application.Status.OFFERED:
            raise ValidationError(_("There is no open offer to accept."))
        application.status = Application.Status.ACCEPTED
        application.save(update_fields=["status"])
        record(actor=actor, action="funding.grant.accept", target=application)
        webhook_events.accepted(application)
    return application


def _reserve_params(call: FundingCall) -> selection.Params:
    """The rules of the run whose decisions were sent (else the call's), on the call's budget."""
    run = call.runs.filter(applied_at__isnull=False).order_by("-applied_at", "-pk").first()
    params = stored_problem(run)[1] if run is not None else selection_params(call)
    return replace(params, budget=call.budget)


def offer_next(*, call: FundingCall, actor) -> Application | None:
    """Offer a grant to the first on the reserve list whom HiGHS proves fits every rule of the run.

    The grants offered or accepted are fixed; None, and the secretariat is told, when no one on
    the reserve list can be offered a grant without breaking a rule. The caller holds the lock on
    `call`.
    """
    related = ("person__parliament__country", "call__track__forum")
    holding = Application.objects.filter(
        call=call, status__in=[Application.Status.OFFERED, Application.Status.ACCEPTED]
    ).select_related(*related)
    reserve = list(
        Application.objects.select_for_update(of=("self",))
        .filter(call=call, status=Application.Status.RESERVE)
        .select_related(*related)
        .order_by("reserve_rank")
    )
    applicants = [as_applicant(application) for application in [*holding, *reserve]]
    holders = {str(a.pk): selection.GrantOption(a.grant_amount, a.grant_percent or 100) for a in holding}
    offer = selection.next_offer(applicants, _reserve_params(call), holders, [str(a.pk) for a in reserve])
    if offer is None:
        _report_stalled_reserve(call, actor, waiting=len(reserve))
        return None
    key, option = offer
    application = next(a for a in reserve if str(a.pk) == key)
    _commit(call, application, option.amount, option.percent, actor)
    if call.reserve_stalled_at is not None:
        call.reserve_stalled_at = None
        call.save(update_fields=["reserve_stalled_at"])
    return application


def _report_stalled_reserve(call: FundingCall, actor, *, waiting: int) -> None:
    call.reserve_stalled_at = timezone.now()
    call.save(update_fields=["reserve_stalled_at"])
    record(actor=actor, action="funding.reserve.stalled", target=call, changes={"waiting": waiting})
    logger.warning("funding call %s: a grant was declined and no reserve offer keeps the rules", call.pk)
    language = call.track.primary_language
    context = {
        "call": call,
        "waiting": waiting,
        "link": page_url("funding:selection", language, call=call.pk),
    }
    for address in secretariat_addresses(call.track):
        queue_templated_email(
            template="funding/email/reserve_stalled",
            context=context,
            to=address,
            language=language,
            track=call.track,
            related=call,
            actor=actor,
        )


def decline_offer(*, application: Application, actor) -> Application | None:
    """Release the declined grant and offer it to the next on the reserve list (returned)."""
    with transaction.atomic():
        call = _locked_call(application.call_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status not in (Application.Status.OFFERED, Application.Status.ACCEPTED):
            raise ValidationError(_("There is no grant to decline."))
        if application.paid:
            raise ValidationError(
                _("Part of this grant has been paid; the secretariat must settle it first.")
            )
        call.committed -= application.grant_amount
        call.save(update_fields=["committed"])
        LedgerEntry.objects.create(
            call=call,
            application=application,
            kind=LedgerEntry.Kind.RELEASE,
            amount=application.grant_amount,
            by=actor,
        )
        application.status = Application.Status.DECLINED
        application.save(update_fields=["status"])
        record(actor=actor, action="funding.grant.decline", target=application)
        webhook_events.declined(application)
        return offer_next(call=call, actor=actor)


def record_payment(*, application: Application, amount: int, actor) -> Application:
    with transaction.atomic():
        call = _locked_call(application.call_id)
        return _pay(call, application, amount, actor).application


def record_payment_once(
    *, application: Application, amount: int, actor, key: str
) -> tuple[LedgerEntry, bool]:
    """A payment another system may send again: the grant's first payment under `key` is recorded,
    a retry answers it (False) and records nothing; the same key for another amount is refused."""
    if not key:
        raise ValueError("a payment recorded once needs its key")
    with transaction.atomic():
        call = _locked_call(application.call_id)
        earlier = LedgerEntry.objects.filter(
            application_id=application.pk, kind=LedgerEntry.Kind.PAYMENT, idempotency_key=key
        ).first()
        if earlier is None:
            return _pay(call, application, amount, actor, key=key), True
        if earlier.amount != amount:
            raise ServiceError(
                _("This key already recorded a payment of %(amount)s %(currency)s on this grant.")
                % {"amount": earlier.amount, "currency": call.currency},
                code="key_reused",
            )
        return earlier, False


def _pay(call: FundingCall, application: Application, amount: int, actor, *, key: str = "") -> LedgerEntry:
    """Pay `amount` of the accepted grant; the caller holds the lock on `call`."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted grant can be paid."))
    if amount <= 0 or application.paid + amount > application.grant_amount:
        raise ValidationError(_("The payment must be positive and not exceed the grant."))
    application.paid += amount
    application.save(update_fields=["paid"])
    call.paid += amount
    call.save(update_fields=["paid"])
    entry = LedgerEntry.objects.create(
        call=call,
        application=application,
        kind=LedgerEntry.Kind.PAYMENT,
        amount=amount,
        by=actor,
        idempotency_key=key,
    )
    record(actor=actor, action="funding.grant.pay", target=application, changes={"amount": amount})
    webhook_events.paid(application, amount)
    return entry
