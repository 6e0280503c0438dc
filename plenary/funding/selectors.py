"""Reads shared by the funding pages."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import format_list
from plenary.core.permissions import can_view_parliament, is_secretariat, parliament_ids_for
from plenary.funding.models import Application, FundingCall, SelectionRun
from plenary.funding.services import TOP_SCORE, reviewer_country_id

REASON_LABELS = {
    "fixed_out": _("fixed out by the secretariat"),
    "parliament_limit": _("the limit per parliament"),
    "region_max": _("the maximum for the regional group"),
    "region_min": _("the minimums of other regional groups"),
    "women_share": _("the minimum share of women"),
    "budget": _("the budget"),
    "max_funded": _("the maximum number of funded people"),
    "score": _("others score higher"),
    "impossible": _("no selection can include this applicant"),
}


# Why an application was left out before the selection: the eligibility rule it did not meet.
INELIGIBLE_LABELS = {
    "country": _("not eligible: the country is not in the call's categories"),
    "registration": _("not eligible: no confirmed onsite registration as a member of parliament"),
    "history": _("not eligible: funded in a recent edition"),
    "endorsement": _("not eligible: the parliament's endorsement was still pending"),
}


def may_open_endorsement_letter(user, application: Application) -> bool:
    """The applicant, the focal point of the applicant's parliament, and the secretariat."""
    person = application.person
    is_applicant = getattr(user, "is_authenticated", False) and person.user_id == user.pk
    return is_applicant or can_view_parliament(user, person.parliament_id)


def open_calls(track, today):
    return FundingCall.objects.filter(track=track, opens_on__lte=today, closes_on__gte=today).order_by("id")


def public_calls(track, today):
    """The calls a visitor may read about: open or still to open (closed calls are done with)."""
    return FundingCall.objects.filter(track=track, closes_on__gte=today).order_by("opens_on", "id")


def calls_for_delegate(track, person, today):
    """Open calls, and every call the person applied to, open or closed: offers come after closing."""
    applied = Q(applications__person=person) if person is not None else Q(pk__in=[])
    return (
        FundingCall.objects.filter(Q(opens_on__lte=today, closes_on__gte=today) | applied, track=track)
        .distinct()
        .order_by("opens_on", "id")
    )


def endorsement_queue(user, call: FundingCall):
    """The applications `user` endorses: their parliaments' (focal point), or all (secretariat)."""
    applications = (
        Application.objects.filter(call=call)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("person__parliament__country")
        .order_by("id")
    )
    if is_secretariat(user):
        return applications
    return applications.filter(person__parliament_id__in=parliament_ids_for(user))


def awaiting_endorsement(call: FundingCall) -> int:
    """How many submitted applications still wait for their parliament's endorsement: a selection
    run now leaves them out as not eligible."""
    if not call.requires_endorsement:
        return 0
    return Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED, endorsed_at__isnull=True, endorsement_letter=""
    ).count()


def applications_for_reviewer(user, call: FundingCall):
    """A call's submitted applications, without those from the reviewer's own country."""
    applications = (
        Application.objects.filter(call=call)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("person__parliament__country")
        .prefetch_related("reviews")
        .order_by("id")
    )
    own_country = reviewer_country_id(user)
    if own_country is not None:
        applications = applications.exclude(person__parliament__country_id=own_country)
    return applications


@dataclass
class RunRow:
    application: Application
    grant: list | None
    greedy_grant: list | None
    reasons: list
    needed_score: Decimal | None
    eligible: bool = True

    @property
    def reasons_text(self) -> str:
        """The reasons as a list in the active language ("A, B and C", "A، وB وC")."""
        return format_list(self.reasons)

    @property
    def no_score_would_do(self) -> bool:
        """Left out, and no score on the review scale would have been enough."""
        return (
            self.eligible
            and bool(self.reasons)
            and (self.needed_score is None or self.needed_score > TOP_SCORE)
        )


def run_table(run: SelectionRun) -> list[RunRow]:
    """Every applicant of the run, selected first, with its grant or the reason it was left out;
    then the applications left out before it, each with the eligibility rules it did not meet."""
    ineligible = {item["key"]: item["checks"] for item in run.ineligible}
    applications = Application.objects.filter(
        pk__in=[int(item["key"]) for item in run.inputs] + [int(key) for key in ineligible]
    ).select_related("person__parliament__country")
    explanations = {item["key"]: item for item in run.explanations}
    rows = []
    for application in applications:
        key = str(application.pk)
        if key in ineligible:
            reasons = [INELIGIBLE_LABELS[code] for code in ineligible[key]]
            rows.append(RunRow(application, None, None, reasons, None, eligible=False))
            continue
        explanation = explanations.get(key, {})
        rows.append(
            RunRow(
                application=application,
                grant=run.grants.get(key),
                greedy_grant=run.greedy_grants.get(key),
                reasons=[REASON_LABELS[reason] for reason in explanation.get("reasons", [])],
                needed_score=None
                if explanation.get("needed_score") is None
                else Decimal(str(explanation["needed_score"])),
            )
        )
    rows.sort(
        key=lambda row: (
            not row.eligible,
            row.grant is None,
            -(row.application.score or 0) if row.eligible else 0,
            row.application.pk,
        )
    )
    return rows


@dataclass
class RunComparison:
    added: list[str]
    removed: list[str]
    changed: list[str]
    score_difference: float
    cost_difference: int


def compare_runs(before: SelectionRun, after: SelectionRun) -> RunComparison:
    """What `after` selects differently from `before`, by application key."""
    return RunComparison(
        added=sorted(set(after.grants) - set(before.grants), key=int),
        removed=sorted(set(before.grants) - set(after.grants), key=int),
        changed=sorted(
            (
                key
                for key in set(before.grants) & set(after.grants)
                if before.grants[key] != after.grants[key]
            ),
            key=int,
        ),
        score_difference=float(after.total_score - before.total_score),
        cost_difference=after.total_cost - before.total_cost,
    )


def greedy_shortfall_percent(run: SelectionRun) -> float | None:
    if not run.total_score:
        return None
    return float(100 * (run.total_score - run.greedy_score) / run.total_score)


GRANTED = (Application.Status.OFFERED, Application.Status.ACCEPTED)


@dataclass(frozen=True)
class GrantGroup:
    """Grants offered or accepted in one call to people of one UN regional group and gender."""

    call_id: int
    group: str
    gender: str
    grants: int
    amount: int


def calls_of_track(track) -> list[FundingCall]:
    return list(FundingCall.objects.filter(track=track).order_by("opens_on", "id"))


def grant_groups(track) -> list[GrantGroup]:
    """Grants by call, regional group and gender, for the dashboard: one query."""
    rows = (
        Application.objects.filter(call__track=track, status__in=GRANTED)
        .values_list("call_id", "person__parliament__country__un_regional_group", "person__gender")
        .annotate(grants=Count("pk"), amount=Sum("grant_amount"))
        .order_by()
    )
    return [
        GrantGroup(call, group or "", gender, grants, amount or 0)
        for call, group, gender, grants, amount in rows
    ]
