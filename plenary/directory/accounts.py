"""The directory's part in logging in (core.accounts): every person with an e-mail address on file."""

from plenary.core.accounts import KnownPerson
from plenary.directory.models import Person


def people_with_address(email: str):
    for person in Person.objects.filter(email__iexact=email.strip()).order_by("pk"):
        yield KnownPerson(person=person)
