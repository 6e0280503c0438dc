"""plenary's HTTP API, version 1: JSON under /api/v1/, described at /api/v1/openapi.json."""

import zoneinfo
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from plenary.api import pagination, problems, routes_funding, routes_outcomes, selectors, services
from plenary.api.auth import TokenAuth, require_scope, require_track
from plenary.api.common import (
    RESPONSES,
    Language,
    Limit,
    ListFilters,
    RegionalGroup,
    only_secretariat_tokens,
    system_name,
    through,
    translated,
)
from plenary.api.models import Scope
from plenary.api.schemas import (
    CheckInIn,
    CheckInResult,
    CountryOut,
    CountryPage,
    DelegationPage,
    InvitationPage,
    ParliamentPage,
    RegistrationOut,
    RegistrationPage,
    RejectIn,
    ReleaseOut,
    TakenIn,
    TakenOut,
    TrackOut,
)
from plenary.core.errors import ServiceError
from plenary.invitations.models import Invitation
from plenary.programme import selectors as programme_selectors
from plenary.registration import services as registration_services
from plenary.registration.models import Mode, Registration


class PlenaryApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Errors are described with the media type they are sent with, application/problem+json."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation["responses"].items():
                    if int(status) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {
                            "application/problem+json": response["content"]["application/json"]
                        }
        return schema


api = PlenaryApi(
    title="plenary API",
    version="1",
    description="Read a track's directory, invitations, registrations, travel funding, programme and "
    "output document, and act where another system takes over (approval, check-in, grant payments, "
    "hand-off). See docs/api.md.",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

RegistrationStatus = Literal[tuple(Registration.Status.values)]
ModeName = Literal[tuple(Mode.values)]
InvitationStatus = Literal[tuple(Invitation.Status.values)]


@api.exception_handler(problems.ApiProblem)
def on_problem(request, exc):
    return problems.problem_response(exc)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return problems.problem_response(problems.unauthenticated())


@api.exception_handler(NinjaValidationError)
def on_invalid(request, exc):
    fields = sorted({".".join(str(part) for part in error.get("loc", ())) for error in exc.errors})
    return problems.problem_response(problems.invalid(", ".join(fields)))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return problems.problem_response(problems.ApiProblem(exc.status_code, "http_error", str(exc)))


@api.exception_handler(ServiceError)
def on_refused(request, exc):
    return problems.problem_response(problems.ApiProblem(409, exc.code or "refused", exc.message))


@api.exception_handler(DjangoValidationError)
def on_rule_refused(request, exc):
    return problems.problem_response(problems.ApiProblem(409, "refused", " ".join(exc.messages)))


def country_row(country, lang):
    return {
        **{field: getattr(country, field) for field in CountryOut.model_fields if field != "name"},
        "name": translated(country.name, lang),
    }


@api.get("/tracks", response={200: list[TrackOut], **RESPONSES}, tags=["tracks"])
def tracks(request, lang: Language | None = None):
    """The track this token is for (a token is for one track)."""
    track = request.auth.track
    return [
        {
            "slug": track.slug,
            "name": translated(track.name, lang),
            "theme": translated(track.theme, lang),
            "start_date": track.start_date,
            "end_date": track.end_date,
            "time_zone": track.forum.time_zone,
            "primary_language": track.primary_language,
        }
    ]


@api.get("/countries", response={200: CountryPage, **RESPONSES}, tags=["directory"])
def countries(request, cursor: str | None = None, limit: int = Limit, lang: Language | None = None):
    """Countries with their UN classifications (M49, regional group, LDC, LLDC, SIDS, income group)."""
    require_scope(request, Scope.READ_DIRECTORY)
    rows, next_cursor = pagination.page(selectors.countries(), cursor=cursor, limit=limit)
    return {"items": [country_row(country, lang) for country in rows], "next_cursor": next_cursor}


@api.get("/parliaments", response={200: ParliamentPage, **RESPONSES}, tags=["directory"])
def parliaments(
    request,
    cursor: str | None = None,
    limit: int = Limit,
    lang: Language | None = None,
    regional_group: RegionalGroup | None = None,
):
    require_scope(request, Scope.READ_DIRECTORY)
    rows, next_cursor = pagination.page(
        selectors.parliaments(regional_group=regional_group), cursor=cursor, limit=limit
    )
    items = [
        {
            "id": parliament.pk,
            "country": parliament.country.iso3,
            "name": translated(parliament.name, lang),
            "structure": parliament.structure,
            "ipu_member": parliament.ipu_member,
            "un_regional_group": parliament.country.un_regional_group,
        }
        for parliament in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@api.get("/tracks/{track}/delegations", response={200: DelegationPage, **RESPONSES}, tags=["registration"])
def delegations(request, track: str, cursor: str | None = None, limit: int = Limit):
    """Delegations (the parliament's answer to the invitation) and their members."""
    token = require_scope(request, Scope.READ_REGISTRATIONS)
    require_track(token, track)
    rows, next_cursor = pagination.page(selectors.delegations(token), cursor=cursor, limit=limit)
    items = [
        {
            "id": delegation.pk,
            "parliament": delegation.parliament.country.iso3,
            "response": delegation.response,
            "responded_at": delegation.responded_at,
            "members": [
                {
                    "id": member.pk,
                    "given_name": member.person.given_name,
                    "family_name": member.person.family_name,
                    "kind": member.kind,
                    "role": member.role,
                }
                for member in delegation.members.all()
            ],
        }
        for delegation in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@api.get("/tracks/{track}/invitations", response={200: InvitationPage, **RESPONSES}, tags=["invitations"])
def invitations(
    request,
    track: str,
    cursor: str | None = None,
    limit: int = Limit,
    status: InvitationStatus | None = None,
    parliament: str | None = Query(None, description="ISO 3166 alpha-3 code of the parliament's country"),
    regional_group: RegionalGroup | None = None,
):
    """Each invited parliament's letter: its reference, status and the dates it went through."""
    token = require_scope(request, Scope.READ_INVITATIONS)
    require_track(token, track)
    rows = selectors.invitations(token, status=status, parliament=parliament, regional_group=regional_group)
    rows, next_cursor = pagination.page(rows, cursor=cursor, limit=limit)
    items = [
        {
            "id": invitation.pk,
            "parliament": invitation.parliament.country.iso3,
            "reference": invitation.reference,
            "status": invitation.status,
            "languages": invitation.languages,
            "created_at": invitation.created_at,
            "queued_at": invitation.queued_at,
            "sent_at": invitation.sent_at,
            "delivered_at": invitation.delivered_at,
            "failed_at": invitation.failed_at,
            "responded_at": invitation.responded_at,
        }
        for invitation in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@api.get("/tracks/{track}/releases", response={200: list[ReleaseOut], **RESPONSES}, tags=["programme"])
def releases(request, track: str):
    """The programme's published releases, newest first, each with its frozen sessions and speakers
    (the same content as the public feeds) and its changelog."""
    token = require_scope(request, Scope.READ_PROGRAMME)
    return list(programme_selectors.releases(require_track(token, track)).defer(None))


def registration_row(request, registration: Registration) -> dict:
    country = registration.delegation.parliament.country
    with_photo = Scope.READ_PHOTOS in request.auth.scopes and registration.photo
    return {
        "id": registration.pk,
        "reference": registration.reference,
        "status": registration.status,
        "mode": registration.mode,
        "kind": registration.kind,
        "queue_number": registration.queue_number,
        "waiting_for": registration.waiting_for,
        "language": registration.language,
        "honorific": registration.honorific,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "name_arabic": registration.name_arabic,
        "email": registration.email,
        "parliament": country.iso3,
        "regional_group": country.un_regional_group,
        "delegation": registration.delegation_id,
        "nationality": registration.nationality.iso3,
        "functions": registration.functions,
        "days": [str(day) for day in registration.days],
        "rejection_reason": registration.rejection_reason,
        "check_ins": [{"day": checkin.day, "at": checkin.at} for checkin in registration.checkins.all()],
        "taken_by": sorted(handoff.system for handoff in registration.handoffs.all()),
        "photo": (
            request.build_absolute_uri(
                f"/api/v1/tracks/{request.auth.track.slug}/registrations/{registration.reference}/photo"
            )
            if with_photo
            else None
        ),
        "created_at": registration.created_at,
        "changed_at": registration.updated_at,
    }


@api.get(
    "/tracks/{track}/registrations", response={200: RegistrationPage, **RESPONSES}, tags=["registration"]
)
def registrations(
    request,
    track: str,
    cursor: str | None = None,
    limit: int = Limit,
    status: RegistrationStatus | None = None,
    mode: ModeName | None = None,
    filters: Query[ListFilters] = None,
):
    """Registrations in order of id (of change, then id, with `changed_since`); passport data is never
    given, the photo only with read:photos."""
    token = require_scope(request, Scope.READ_REGISTRATIONS)
    require_track(token, track)
    rows = selectors.registrations(token, status=status, mode=mode, **filters.dict())
    rows, next_cursor = pagination.page_since(
        rows, changed_since=filters.changed_since, cursor=cursor, limit=limit
    )
    return {"items": [registration_row(request, row) for row in rows], "next_cursor": next_cursor}


def _registration(request, track: str, reference: str, scope: str) -> Registration:
    token = require_scope(request, scope)
    require_track(token, track)
    registration = selectors.registration(token, reference)
    if registration is None:
        raise problems.not_found()
    return registration


@api.get(
    "/tracks/{track}/registrations/{reference}",
    response={200: RegistrationOut, **RESPONSES},
    tags=["registration"],
)
def registration(request, track: str, reference: str):
    return registration_row(request, _registration(request, track, reference, Scope.READ_REGISTRATIONS))


@api.get(
    "/tracks/{track}/registrations/{reference}/photo",
    response={200: bytes, **RESPONSES},
    tags=["registration"],
    openapi_extra={"responses": {200: {"description": "The badge photo", "content": {"image/jpeg": {}}}}},
)
def photo(request, track: str, reference: str):
    registration = _registration(request, track, reference, Scope.READ_PHOTOS)
    require_scope(request, Scope.READ_REGISTRATIONS)
    if not registration.photo:
        raise problems.not_found()
    response = FileResponse(registration.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "no-store"
    return response


def _writable(request, track: str, reference: str, scope: str) -> Registration:
    registration = _registration(request, track, reference, scope)
    only_secretariat_tokens(request, scope)
    return registration


@api.post(
    "/tracks/{track}/registrations/{reference}/approve",
    response={200: RegistrationOut, 409: problems.Problem, **RESPONSES},
    tags=["registration"],
)
def approve(request, track: str, reference: str):
    """The secretariat's vetting: a submitted registration gets a seat or a place on the waiting list."""
    registration = _writable(request, track, reference, Scope.WRITE_REGISTRATIONS)
    with through(request):
        registration_services.approve(registration=registration, actor=request.auth.owner)
    return registration_row(request, selectors.registration(request.auth, reference))


@api.post(
    "/tracks/{track}/registrations/{reference}/reject",
    response={200: RegistrationOut, 409: problems.Problem, **RESPONSES},
    tags=["registration"],
)
def reject(request, track: str, reference: str, body: RejectIn):
    """Reject with a reason, which the delegate reads in the e-mail."""
    registration = _writable(request, track, reference, Scope.WRITE_REGISTRATIONS)
    with through(request):
        registration_services.reject(registration=registration, reason=body.reason, actor=request.auth.owner)
    return registration_row(request, selectors.registration(request.auth, reference))


@api.post(
    "/tracks/{track}/registrations/{reference}/taken",
    response={200: TakenOut, 201: TakenOut, **RESPONSES},
    tags=["registration"],
)
def taken(request, track: str, reference: str, body: TakenIn):
    """Mark the registration taken by your system (e.g. badge-printer): 201 the first time, 200 after."""
    registration = _writable(request, track, reference, Scope.WRITE_REGISTRATIONS)
    system = system_name(body.system)
    with through(request):
        handoff, created = services.mark_taken(registration=registration, system=system, token=request.auth)
    answer = {"reference": reference, "system": system, "taken_at": handoff.taken_at, "already": not created}
    return Status(201 if created else 200, answer)


@api.post(
    "/tracks/{track}/check-ins",
    response={200: CheckInResult, 201: CheckInResult, 409: problems.Problem, **RESPONSES},
    tags=["check-in"],
)
def check_in(request, track: str, body: CheckInIn):
    """Record a badge scan: 201 the first time in the day, 200 "already at 09:12" after."""
    registration = _writable(request, track, body.reference.strip().upper(), Scope.WRITE_CHECK_IN)
    with through(request):
        checkin, created = registration_services.check_in(
            registration=registration, actor=request.auth.owner, day=body.day
        )
    venue_time = timezone.localtime(checkin.at, zoneinfo.ZoneInfo(registration.track.forum.time_zone))
    message = (
        _("Checked in.")
        if created
        else _("Already checked in at %(time)s.") % {"time": venue_time.strftime("%H:%M")}
    )
    answer = {
        "reference": registration.reference,
        "day": checkin.day,
        "at": checkin.at,
        "already": not created,
        "message": message,
    }
    return Status(201 if created else 200, answer)


api.add_router("", routes_funding.router)
api.add_router("", routes_outcomes.router)
