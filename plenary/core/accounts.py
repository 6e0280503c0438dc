"""Accounts for the people plenary knows, made when one of them first asks for a login code.

Nobody signs up. Whoever the apps know by e-mail (a delegate's registration, a member of a
delegation, a speaker or rapporteur, anyone in the directory) logs in by e-mailed code with the
address on file, in any case. Each app says whom it knows, and where their work is after logging
in, when it is ready (`register`); core never imports the apps. A directory person is given as
anything with `user`, `given_name`, `family_name` and `email` (directory.Person).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from plenary.core.audit import record
from plenary.core.models import Role, RoleAssignment

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KnownPerson:
    person: object
    role: Role | None = None
    parliament_id: int | None = None


PeopleFinder = Callable[[str], Iterable[KnownPerson]]
LandingPage = Callable[[object], str | None]

_finders: list[PeopleFinder] = []
_landing_pages: list[LandingPage] = []


def register(*, known_people: PeopleFinder | None = None, landing_page: LandingPage | None = None) -> None:
    """`known_people(email)` yields the people with that address (any case); `landing_page(user)`
    is the URL of the user's work, or None. Landing pages are asked in the order apps are ready."""
    if known_people is not None and known_people not in _finders:
        _finders.append(known_people)
    if landing_page is not None and landing_page not in _landing_pages:
        _landing_pages.append(landing_page)


def known_people(email: str) -> list[KnownPerson]:
    return [known for finder in _finders for known in finder(email)]


def landing_page(user) -> str | None:
    return next((url for url in (page(user) for page in _landing_pages) if url), None)


def account_for_login(email: str, found=None):
    """The active account a login code for `email` goes to, or None (then no mail is sent).

    `found` is the account allauth found. An address without an account that belongs to a known
    person gets one now: no password, the address verified, linked to the person, with the roles
    the person's records imply. An address of a deactivated account gets no new one.
    """
    email = email.strip()
    user = found or _existing_account(email)
    people = sorted(known_people(email), key=lambda known: known.role is None)  # a delegate's person first
    if user is None and not people:
        return None
    if user is not None and not user.is_active:
        return None
    with transaction.atomic():
        if user is None:
            user = _new_account(email, people[0].person)
        _link_and_grant(user, people)
    return user


def _existing_account(email: str):
    users = get_user_model().objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
    return users.order_by("-is_active", "pk").first()


def _new_account(email: str, person):
    address = email.lower()
    user, created = get_user_model().objects.get_or_create(
        username=address,
        defaults={"email": address, "first_name": person.given_name, "last_name": person.family_name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=address, verified=True, primary=True)
        record(actor=None, action="core.account_for_known_person", target=user, changes={"email": address})
        logger.info("account made for %s, a known person asking for a login code", address)
    return user


def _link_and_grant(user, people: list[KnownPerson]) -> None:
    linked = type(people[0].person)._default_manager.filter(user=user).exists() if people else True
    for known in people:
        if not linked and known.person.user_id is None:
            known.person.user = user
            known.person.save(update_fields=["user"])
            linked = True
        if known.role is not None and known.person.user_id == user.pk:
            RoleAssignment.objects.get_or_create(
                user=user, role=known.role, parliament_id=known.parliament_id
            )
