"""Tokens (created, revoked, checked, counted) and the hand-off mark: every write of the API app."""

import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.api.models import ApiToken, Handoff, Scope, TokenRequest, secret_hash
from plenary.core.audit import record
from plenary.core.errors import ServiceError
from plenary.core.models import Role
from plenary.core.permissions import is_secretariat, parliament_ids_for

PREFIX = "plenary"
READ_SCOPES = {Scope.READ_DIRECTORY, Scope.READ_REGISTRATIONS, Scope.READ_INVITATIONS}
# Compared against when the token id is unknown, so that a wrong id costs the same as a wrong secret.
_NO_TOKEN_HASH = secret_hash(secrets.token_urlsafe(32))


def create_token(*, owner, name, scopes, track, expires_at, actor, parliament=None) -> tuple[ApiToken, str]:
    """A new token and its full secret, which is shown once and never stored."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ServiceError(_("Choose at least one known scope."), code="unknown_scope")
    if not is_secretariat(actor):
        _check_focal_point_token(actor, owner, scopes, parliament)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            owner=owner,
            name=name,
            scopes=sorted(scopes),
            track=track,
            parliament=parliament,
            expires_at=expires_at,
            secret_hash=secret_hash(secret),
        )
        record(actor=actor, action="api.token_created", target=token, changes={"scopes": token.scopes})
    return token, f"{PREFIX}_{token.pk}_{secret}"


def _check_focal_point_token(actor, owner, scopes, parliament) -> None:
    """A focal point creates, for itself, read tokens limited to its own parliament's delegation."""
    if owner != actor or parliament is None or not set(scopes) <= READ_SCOPES:
        raise ServiceError(_("You may only create a read token for your own delegation."), code="forbidden")
    if parliament.pk not in parliament_ids_for(actor, Role.FOCAL_POINT):
        raise ServiceError(_("You may only create a read token for your own delegation."), code="forbidden")


def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor=actor, action="api.token_revoked", target=token)
    return token


def token_for(presented: str) -> ApiToken | None:
    """The usable token whose secret is `presented` ("plenary_<id>_<secret>"), compared in constant
    time; None for a wrong, revoked or expired one."""
    prefix, _sep, rest = presented.partition("_")
    token_id, _sep, secret = rest.partition("_")
    token = None
    if prefix == PREFIX and token_id.isdigit() and len(token_id) < 19:
        token = ApiToken.objects.select_related("owner", "track__forum").filter(pk=int(token_id)).first()
    expected = token.secret_hash if token is not None else _NO_TOKEN_HASH
    if not hmac.compare_digest(secret_hash(secret), expected) or token is None or not token.is_usable:
        return None
    return token


def seconds_until_allowed(key: str, per_minute: int) -> int:
    """Count one request under `key` in the current minute (in the shared cache); 0 when within
    `per_minute`, else the seconds until the next minute."""
    now = time.time()
    window = f"api-rate:{key}:{int(now // 60)}"
    cache.add(window, 0, timeout=120)
    try:
        count = cache.incr(window)
    except ValueError:
        cache.set(window, 1, timeout=120)
        count = 1
    if count <= per_minute:
        return 0
    return max(1, 60 - int(now % 60))


def token_rate(token: ApiToken) -> int:
    return seconds_until_allowed(f"token:{token.pk}", settings.PLENARY_API_RATE_PER_MINUTE)


def failed_attempts_wait(source: str) -> int:
    """Wrong tokens from one address: the same budget as a token, so guessing gets nowhere."""
    return seconds_until_allowed(f"failed:{source}", settings.PLENARY_API_FAILED_PER_MINUTE)


def log_request(*, token: ApiToken, method: str, path: str, status: int) -> None:
    now = timezone.now()
    TokenRequest.objects.create(token=token, method=method, path=path[:500], status=status)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def mark_taken(*, registration, system: str, token: ApiToken) -> tuple[Handoff, bool]:
    """Another system took the registration over; a second mark by the same system changes nothing."""
    return _mark(system=system, token=token, action="api.registration_taken", registration=registration)


def mark_grant_taken(*, application, system: str, token: ApiToken) -> tuple[Handoff, bool]:
    """Another system (a travel desk, a finance system) took the grant over; once per system."""
    if application.grant_amount is None:
        raise ServiceError(_("This application holds no grant."), code="no_grant")
    return _mark(system=system, token=token, action="api.grant_taken", application=application)


def _mark(*, system: str, token: ApiToken, action: str, **target) -> tuple[Handoff, bool]:
    (taken,) = target.values()
    try:
        with transaction.atomic():
            handoff = Handoff.objects.create(system=system, taken_at=timezone.now(), token=token, **target)
            record(actor=token.owner, action=action, target=taken, changes={"system": system})
    except IntegrityError:
        return Handoff.objects.get(system=system, **target), False
    return handoff, True
