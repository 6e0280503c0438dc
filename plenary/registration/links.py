"""Personal links (delegation, member; see core.links) and the signed reference on the badge's QR code."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from plenary.core import links
from plenary.core.languages import normalise
from plenary.registration import lookups
from plenary.registration.models import Delegation, DelegationMember, Registration

DELEGATION_LINK = "plenary.registration.delegation-link"
MEMBER_LINK = "plenary.registration.member-link"
BADGE_SALT = "plenary.registration.badge"


def delegation_token(delegation: Delegation) -> str:
    return links.sign(DELEGATION_LINK, delegation.pk, delegation.link_version)


def member_token(member: DelegationMember) -> str:
    return links.sign(MEMBER_LINK, member.pk, member.link_version)


def delegation_from_token(token: str, track_slug: str) -> Delegation:
    """The delegation a link opens; LinkError (a 404) if forged, expired, withdrawn or another track's."""
    delegations = Delegation.objects.select_related("track__forum", "parliament__country")
    return links.open_link(
        token, DELEGATION_LINK, lambda pk: delegations.filter(pk=pk, track__slug=track_slug).first()
    )


def member_from_token(token: str, track_slug: str) -> DelegationMember:
    """The member a link opens; LinkError (a 404) if forged, expired, withdrawn or another track's."""
    members = DelegationMember.objects.select_related(
        "person", "delegation__track__forum", "delegation__parliament__country"
    )
    return links.open_link(
        token, MEMBER_LINK, lambda pk: members.filter(pk=pk, delegation__track__slug=track_slug).first()
    )


def member_registering(token: str, track_slug: str) -> DelegationMember:
    """`member_from_token` for the registration page, with `registered`: whether the member's person
    already holds a registration for the track; one plain statement (`lookups.registering_member`)."""
    return links.open_link(token, MEMBER_LINK, lambda pk: lookups.registering_member(pk, track_slug))


def delegation_link(delegation: Delegation, site_url: str, language: str) -> str:
    """The delegation page's personal link (the focal point's), in `language`."""
    with translation.override(normalise(language)):
        path = reverse(
            "registration:delegation_link",
            kwargs={"track": delegation.track.slug, "token": delegation_token(delegation)},
        )
    return site_url + path


def member_link(member: DelegationMember, site_url: str, language: str | None = None) -> str:
    """The member's personal registration link, in `language` (by default their preferred one)."""
    with translation.override(normalise(language or member.person.preferred_language)):
        path = reverse(
            "registration:register",
            kwargs={"track": member.delegation.track.slug, "token": member_token(member)},
        )
    return site_url + path


def badge_code(registration: Registration) -> str:
    return signing.Signer(salt=BADGE_SALT).sign(registration.reference)


def reference_from_scan(value: str) -> str | None:
    """A scanned QR (signed reference) or a typed reference; None when a QR's signature is wrong."""
    value = (value or "").strip()
    if ":" in value:
        try:
            return signing.Signer(salt=BADGE_SALT).unsign(value)
        except signing.BadSignature:
            return None
    return value.upper() or None
