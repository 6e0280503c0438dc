"""Travel funding through the API: calls, applications and grants with their ledger (read:funding);
payments and the hand-off mark on grants (write:payments), through the funding services."""

from typing import Literal

from ninja import Header, Query, Router, Status

from plenary.api import pagination, problems, selectors, services
from plenary.api.auth import require_scope, require_track
from plenary.api.common import (
    RESPONSES,
    Language,
    Limit,
    ListFilters,
    only_secretariat_tokens,
    system_name,
    through,
    translated,
)
from plenary.api.models import Scope
from plenary.api.schemas import (
    ApplicationOut,
    ApplicationPage,
    FundingCallPage,
    GrantTakenOut,
    PaymentIn,
    PaymentOut,
    TakenIn,
)
from plenary.funding import services as funding_services
from plenary.funding.models import Application

router = Router(tags=["funding"])
ApplicationStatus = Literal[tuple(Application.Status.values)]


@router.get("/tracks/{track}/funding-calls", response={200: FundingCallPage, **RESPONSES})
def funding_calls(
    request, track: str, cursor: str | None = None, limit: int = Limit, lang: Language | None = None
):
    """The track's travel funding calls and their budgets: committed, paid, remaining."""
    token = require_scope(request, Scope.READ_FUNDING)
    require_track(token, track)
    rows, next_cursor = pagination.page(selectors.funding_calls(token), cursor=cursor, limit=limit)
    items = [
        {
            "id": call.pk,
            "title": translated(call.title, lang),
            "currency": call.currency,
            "budget": call.budget,
            "committed": call.committed,
            "paid": call.paid,
            "remaining": call.remaining,
            "max_funded": call.max_funded,
            "opens_on": call.opens_on,
            "closes_on": call.closes_on,
            "covers_airfare": call.covers_airfare,
            "daily_allowance": call.daily_allowance,
            "terminal_expenses": call.terminal_expenses,
            "partial_allowed": call.partial_allowed,
        }
        for call in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


def entry_row(entry) -> dict:
    return {"id": entry.pk, "kind": entry.kind, "amount": entry.amount, "at": entry.at}


def application_row(application: Application) -> dict:
    person, call = application.person, application.call
    country = person.parliament.country if person.parliament_id else None
    return {
        "id": application.pk,
        "call": application.call_id,
        "status": application.status,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "gender": person.gender,
        "parliament": country.iso3 if country else None,
        "regional_group": country.un_regional_group if country else None,
        "language": application.language,
        "itinerary": application.itinerary,
        "nights": application.nights,
        "requested": application.requested,
        "score": None if application.score is None else str(application.score),
        "reserve_rank": application.reserve_rank,
        "grant_amount": application.grant_amount,
        "grant_percent": application.grant_percent,
        "answer_by": application.answer_by,
        "paid": application.paid,
        "currency": call.currency,
        "ledger": [entry_row(entry) for entry in application.ledger.all()],
        "taken_by": sorted(handoff.system for handoff in application.handoffs.all()),
        "created_at": application.created_at,
        "changed_at": application.updated_at,
    }


@router.get("/tracks/{track}/applications", response={200: ApplicationPage, **RESPONSES})
def applications(
    request,
    track: str,
    cursor: str | None = None,
    limit: int = Limit,
    call: int | None = Query(None, description="only the applications to this funding call"),
    status: ApplicationStatus | None = None,
    filters: Query[ListFilters] = None,
):
    """Applications and their grants with the ledger (committed, released, paid), in order of id (of
    change, then id, with `changed_since`). The motivation and endorsement letter are never given."""
    token = require_scope(request, Scope.READ_FUNDING)
    require_track(token, track)
    rows = selectors.applications(token, call=call, status=status, **filters.dict())
    rows, next_cursor = pagination.page_since(
        rows, changed_since=filters.changed_since, cursor=cursor, limit=limit
    )
    return {"items": [application_row(row) for row in rows], "next_cursor": next_cursor}


def _application(request, track: str, application_id: int, scope: str) -> Application:
    token = require_scope(request, scope)
    require_track(token, track)
    application = selectors.application(token, application_id)
    if application is None:
        raise problems.not_found()
    return application


@router.get("/tracks/{track}/applications/{application_id}", response={200: ApplicationOut, **RESPONSES})
def application(request, track: str, application_id: int):
    return application_row(_application(request, track, application_id, Scope.READ_FUNDING))


def _grant(request, track: str, application_id: int) -> Application:
    application = _application(request, track, application_id, Scope.WRITE_PAYMENTS)
    only_secretariat_tokens(request, Scope.WRITE_PAYMENTS)
    return application


@router.post(
    "/tracks/{track}/applications/{application_id}/payments",
    response={200: PaymentOut, 201: PaymentOut, 409: problems.Problem, **RESPONSES},
)
def pay(
    request,
    track: str,
    application_id: int,
    body: PaymentIn,
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        min_length=1,
        max_length=100,
        description="your identifier of this payment: sent again, the payment is recorded once",
    ),
):
    """Record a payment of an accepted grant on the call's ledger: 201 the first time, 200 with
    `"already": true` when the same Idempotency-Key comes again (the same amount; another is 409)."""
    application = _grant(request, track, application_id)
    key = idempotency_key.strip()
    if not key:
        raise problems.invalid("Idempotency-Key")
    with through(request):
        entry, created = funding_services.record_payment_once(
            application=application, amount=body.amount, actor=request.auth.owner, key=key
        )
    application = selectors.application(request.auth, application_id)
    answer = {
        "application": application.pk,
        "entry": entry_row(entry),
        "paid": application.paid,
        "grant_amount": application.grant_amount,
        "currency": application.call.currency,
        "already": not created,
    }
    return Status(201 if created else 200, answer)


@router.post(
    "/tracks/{track}/applications/{application_id}/taken",
    response={200: GrantTakenOut, 201: GrantTakenOut, 409: problems.Problem, **RESPONSES},
)
def grant_taken(request, track: str, application_id: int, body: TakenIn):
    """Mark the grant taken by your system (e.g. travel-desk): 201 the first time, 200 after."""
    application = _grant(request, track, application_id)
    system = system_name(body.system)
    with through(request):
        handoff, created = services.mark_grant_taken(
            application=application, system=system, token=request.auth
        )
    answer = {
        "application": application.pk,
        "system": system,
        "taken_at": handoff.taken_at,
        "already": not created,
    }
    return Status(201 if created else 200, answer)
