"""Reads shared by the documents: who appears in the list of participants, who attended."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from plenary.core.languages import normalise, sort_key
from plenary.registration import hooks
from plenary.registration.documents import MODE_ON_BADGE
from plenary.registration.models import CheckIn, DelegationRole, Registration


@dataclass
class Delegate:
    name: str
    is_head: bool
    functions: str
    mode: str

    @property
    def mode_label(self) -> str:
        """Onsite or online (the badge's short words), in the active language."""
        return str(MODE_ON_BADGE[self.mode])


@dataclass
class CountryGroup:
    country: str
    parliament: str
    delegates: list[Delegate] = field(default_factory=list)


def listed_registrations(track) -> QuerySet[Registration]:
    """Confirmed registrations of people who agreed to appear in the published list, in delegations
    the "participants" gate lets through (registration's hooks: the credentials rule)."""
    registrations = Registration.objects.filter(
        track=track, status=Registration.Status.CONFIRMED, list_consent_at__isnull=False
    ).select_related("delegation__parliament__country", "member")
    allowed = hooks.allowed_delegations("participants", track)
    return registrations if allowed is None else registrations.filter(delegation__in=allowed)


def participants_by_country(track, language: str) -> list[CountryGroup]:
    """The list of participants: countries in the alphabetical order of their names in `language`
    (in Arabic without the article), each delegation's head first, then by family name."""
    language = normalise(language)
    groups: dict[int, CountryGroup] = {}
    for registration in listed_registrations(track):
        parliament = registration.delegation.parliament
        group = groups.get(parliament.pk)
        if group is None:
            group = groups[parliament.pk] = CountryGroup(
                parliament.country.name.get(language), parliament.name.get(language)
            )
        group.delegates.append(_delegate(registration, language))
    for group in groups.values():
        group.delegates.sort(key=lambda delegate: (not delegate.is_head, sort_key(delegate.name, language)))
    return sorted(groups.values(), key=lambda group: sort_key(group.country, language))


def _delegate(registration: Registration, language: str) -> Delegate:
    return Delegate(
        name=listed_name(registration, language),
        is_head=bool(registration.member and registration.member.role == DelegationRole.HEAD),
        functions=registration.functions,
        mode=registration.mode,
    )


def listed_name(registration: Registration, language: str) -> str:
    """FAMILY NAME, given names (the UN's lists); in Arabic the Arabic-script name when given."""
    if language == "ar" and registration.name_arabic:
        return registration.name_arabic
    return f"{registration.family_name.upper()}, {registration.given_name}"


def attended(track) -> QuerySet[Registration]:
    """Registrations checked in on at least one day: those who get a certificate of attendance."""
    return (
        Registration.objects.filter(track=track)
        .filter(Exists(CheckIn.objects.filter(registration=OuterRef("pk"))))
        .select_related("track__forum__host_country", "delegation__parliament__country", "member")
    )


def attendance_days(registration: Registration) -> list:
    return list(registration.checkins.order_by("day").values_list("day", flat=True))
