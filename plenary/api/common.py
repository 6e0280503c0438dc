"""What every group of operations shares: parameters, translated fields, acting through the token."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Schema

from plenary.api import pagination, problems
from plenary.core.audit import acting_through
from plenary.core.languages import LANGUAGE_CODES
from plenary.core.translation import TranslatedText
from plenary.directory.models import UNRegionalGroup

Language = Literal[LANGUAGE_CODES]
RegionalGroup = Literal[tuple(UNRegionalGroup.values)]
Limit = Query(100, ge=1, le=pagination.MAX_LIMIT)
RESPONSES = problems.ERROR_RESPONSES
SYSTEM_DESCRIPTION = "your system's name: letters, digits, - and _ (at most 50)"


class ListFilters(Schema):
    """The filters every list of people's rows takes (registrations, applications)."""

    parliament: str | None = Field(None, description="ISO 3166 alpha-3 code of the parliament's country")
    regional_group: RegionalGroup | None = None
    changed_since: dt.datetime | None = None
    taken_by: str | None = Field(None, description="only those this system marked taken")
    not_taken_by: str | None = Field(None, description="only those this system has not marked taken yet")


def translated(value, lang: str | None):
    text = TranslatedText.coerce(value)
    return text.get(lang) if lang else dict(text.values)


def through(request) -> acting_through:
    """Audit entries written inside name the token, on behalf of its owner."""
    token = request.auth
    return acting_through(f"API token {token.pk} ({token.name})")


def system_name(value: str) -> str:
    """The name a system marks what it took with; 422 unless a short slug."""
    system = value.strip()
    if not system or len(system) > 50 or not system.replace("-", "").replace("_", "").isalnum():
        raise problems.invalid("system")
    return system


def only_secretariat_tokens(request, scope: str) -> None:
    """A focal point's token reads; writes need a token of the secretariat."""
    if request.auth.parliament_id is not None:
        raise problems.wrong_scope(scope)
