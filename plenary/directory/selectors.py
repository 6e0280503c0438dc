from django.db.models import Prefetch, QuerySet

from plenary.core.languages import current_language, sort_key
from plenary.core.permissions import is_secretariat, parliament_ids_for
from plenary.directory.models import Country, Parliament, Person


def countries_by_name(language: str | None = None) -> list[Country]:
    """Every country, in the alphabetical order of its name in a language (default: the active one)."""
    language = language or current_language()
    return sorted(Country.objects.all(), key=lambda country: sort_key(country.name.get(language), language))


def parliaments_visible_to(user) -> QuerySet[Parliament]:
    parliaments = Parliament.objects.select_related("country")
    if is_secretariat(user):
        return parliaments
    return parliaments.filter(pk__in=parliament_ids_for(user))


def parliament_with_people(parliament: Parliament) -> Parliament:
    people = Person.objects.prefetch_related("functions").order_by("family_name", "given_name")
    return (
        Parliament.objects.select_related("country")
        .prefetch_related("chambers", Prefetch("people", queryset=people))
        .get(pk=parliament.pk)
    )
