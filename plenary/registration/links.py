"""Signed personal links (delegation, member) and the signed reference the badge's QR code carries."""

from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from plenary.core.languages import normalise
from plenary.registration.models import Delegation, DelegationMember, Registration

DELEGATION_SALT = "plenary.registration.delegation"
MEMBER_SALT = "plenary.registration.member"
BADGE_SALT = "plenary.registration.badge"


def delegation_token(delegation: Delegation) -> str:
    return signing.dumps(delegation.pk, salt=DELEGATION_SALT)


def member_token(member: DelegationMember) -> str:
    return signing.dumps(member.pk, salt=MEMBER_SALT)


def _load(token: str, salt: str) -> int:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        raise Http404 from None
    if not isinstance(value, int):
        raise Http404
    return value


def delegation_from_token(token: str, track_slug: str) -> Delegation:
    pk = _load(token, DELEGATION_SALT)
    try:
        return Delegation.objects.select_related("track", "parliament__country").get(
            pk=pk, track__slug=track_slug
        )
    except Delegation.DoesNotExist:
        raise Http404 from None


def member_from_token(token: str, track_slug: str) -> DelegationMember:
    pk = _load(token, MEMBER_SALT)
    try:
        return DelegationMember.objects.select_related(
            "person", "delegation__track__forum", "delegation__parliament__country"
        ).get(pk=pk, delegation__track__slug=track_slug)
    except DelegationMember.DoesNotExist:
        raise Http404 from None


def member_link(member: DelegationMember, site_url: str) -> str:
    """The member's personal registration link, in their language."""
    with translation.override(normalise(member.person.preferred_language)):
        path = reverse(
            "registration:register",
            kwargs={"track": member.delegation.track.slug, "token": member_token(member)},
        )
    return site_url + path


def badge_code(registration: Registration) -> str:
    return signing.Signer(salt=BADGE_SALT).sign(registration.reference)


def reference_from_scan(value: str) -> str | None:
    """A scanned QR (signed) or a typed reference; None when a QR's signature is wrong."""
    value = (value or "").strip().upper() if ":" not in (value or "") else value.strip()
    if ":" in value:
        try:
            return signing.Signer(salt=BADGE_SALT).unsign(value)
        except signing.BadSignature:
            return None
    return value or None
