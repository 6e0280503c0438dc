"""No browser or proxy keeps a copy of a page or file with personal data: `Cache-Control: no-store`.

A response is personal when
- the visitor is signed in (secretariat, focal point, delegate: every page and file they open);
- the request changes something (a form sent back with what was typed, passport numbers included);
- the address is a personal link, whose `token` (or allauth's password reset `key`) stands in for a
  login, or an account page (allauth's `account_*` and `mfa_*`: codes, addresses, authenticators).

Public pages and files (the track home, the public programme and its feeds, the adopted output
document) are left as they are, and so is a response that declares itself `public`.
"""

from django.utils.cache import patch_cache_control

PERSONAL_LINK_ARGUMENTS = frozenset({"token", "key"})
ACCOUNT_PAGE_PREFIXES = ("account_", "mfa_")
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class PersonalResponsesNotStoredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request) and not _declared_public(response):
            patch_cache_control(response, no_store=True, private=True)
        return response


def is_personal(request) -> bool:
    return request.method not in READ_ONLY_METHODS or _signed_in(request) or _personal_address(request)


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _personal_address(request) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    return bool(PERSONAL_LINK_ARGUMENTS & match.kwargs.keys()) or (match.url_name or "").startswith(
        ACCOUNT_PAGE_PREFIXES
    )


def _declared_public(response) -> bool:
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return "public" in directives
