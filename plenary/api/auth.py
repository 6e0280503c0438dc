"""Bearer tokens: checked in constant time, limited per token and per address, scoped to a track."""

from ninja.security import HttpBearer

from plenary.api import problems, services
from plenary.api.models import ApiToken
from plenary.core.permissions import is_secretariat, parliament_ids_for
from plenary.core.ratelimits import source


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiToken:
        found = services.token_for(token)
        if found is None or not _owner_still_allowed(found):
            wait = services.failed_attempts_wait(source(request))
            if wait:
                raise problems.too_many_requests(wait)
            raise problems.unauthenticated()
        request.api_token = found
        wait = services.token_rate(found)
        if wait:
            raise problems.too_many_requests(wait)
        return found


def _owner_still_allowed(token: ApiToken) -> bool:
    """A token acts for its owner: it stops when the owner loses the role it was made under."""
    if token.parliament_id is None:
        return is_secretariat(token.owner)
    return token.parliament_id in parliament_ids_for(token.owner)


def require_scope(request, scope: str) -> ApiToken:
    token = request.auth
    if scope not in token.scopes:
        raise problems.wrong_scope(scope)
    return token


def require_track(token: ApiToken, slug: str):
    """The token's track, when it is the one asked for; 404 otherwise (nothing learnt about others)."""
    if token.track.slug != slug:
        raise problems.not_found()
    return token.track
