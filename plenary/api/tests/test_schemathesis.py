"""schemathesis drives every operation of the OpenAPI document on PostgreSQL, with a token of each
scope, with a focal point's token and with none: no 5xx, every answer matches the document, and the
focal point's token never shows another parliament."""

import datetime as dt

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from plenary.api import services
from plenary.api.models import Scope
from plenary.api.tests.conftest import submit
from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.funding import services as funding_services
from plenary.funding.eligibility import CountryCategory
from plenary.funding.tests import factories as funding_factories
from plenary.invitations.models import Invitation
from plenary.outcomes import services as outcome_services
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, as a server does; the
    test's transaction must outlive the requests (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(igf_track, keep_the_test_connection):
    """{label: (bearer header or None, parliament iso3 the token is limited to or None)}."""
    TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 50})
    own, other = factories.parliaments(2)
    for parliament in (own, other, own):
        submit(igf_track, parliament)
    secretariat = make_user("schemathesis.secretariat@example.org", Role.SECRETARIAT)
    for number, parliament in enumerate((own, other), start=1):
        Invitation.objects.create(
            track=igf_track, parliament=parliament, seq=number, reference=f"IGF/{number}", status="sent"
        )
    grants(igf_track, secretariat, [own, other])
    published_version(igf_track, secretariat)
    focal = make_user("schemathesis.focal@example.org", Role.FOCAL_POINT, parliament=own)
    expires = timezone.now() + dt.timedelta(days=1)
    found = {"none": (None, None)}
    for scope in Scope.values:
        _token, secret = services.create_token(
            owner=secretariat,
            name=scope,
            scopes=[scope],
            track=igf_track,
            expires_at=expires,
            actor=secretariat,
        )
        found[scope] = (f"Bearer {secret}", None)
    _token, secret = services.create_token(
        owner=focal,
        name="focal",
        scopes=sorted(services.READ_SCOPES),
        track=igf_track,
        expires_at=expires,
        actor=focal,
        parliament=own,
    )
    found["focal point"] = (f"Bearer {secret}", own.country.iso3)
    return found


def grants(track, secretariat, parliaments):
    """An accepted grant for a member of each parliament, on one call."""
    call = funding_factories.call(track, budget=10_000, country_categories=list(CountryCategory.values))
    for parliament in parliaments:
        application = funding_factories.applied(
            call, funding_factories.mp(parliament.country.iso3, track=track)
        )
        funding_services.approve_grant(application=application, amount=2000, actor=secretariat)
        funding_services.accept_offer(application=application, actor=secretariat)


def published_version(track, secretariat):
    document = outcome_services.create_document(actor=secretariat, track=track, title={"en": "Output"})
    section = outcome_services.add_section(actor=secretariat, document=document, title={"en": "Messages"})
    outcome_services.add_paragraph(actor=secretariat, section=section, text="Keep the Internet open.")
    now = timezone.now()
    outcome_services.publish_version(
        actor=secretariat,
        document=document,
        comments_open_at=now - dt.timedelta(days=1),
        comments_close_at=now + dt.timedelta(days=1),
    )


def parliaments_in(body) -> set[str]:
    items = body.get("items", [body]) if isinstance(body, dict) else []
    return {item["parliament"] for item in items if isinstance(item, dict) and "parliament" in item}


@pytest.mark.postgres
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case, tokens):
    for header, own in tokens.values():
        cache.clear()
        headers = {"Authorization": header} if header else {}
        response = case.call_and_validate(
            headers=headers, checks=[not_a_server_error, response_schema_conformance]
        )
        if own and response.status_code == 200 and "json" in response.headers.get("Content-Type", ""):
            assert parliaments_in(response.json()) <= {own}
