"""Erasure: after the secretariat confirms, no text column of any model holds the person's names,
e-mail or passport number; every count is unchanged; the audit keeps who acted."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from plenary.core import outbox
from plenary.core.models import AuditEntry
from plenary.core.testing import smtp_server
from plenary.funding.models import Application, FundingCall
from plenary.privacy import services
from plenary.privacy.models import ErasureRequest, RetentionPolicy
from plenary.privacy.tests.conftest import register, reports
from plenary.queries.models import Message, Query
from plenary.registration.models import Registration

pytestmark = pytest.mark.django_db

SEARCHED = ["Zephyrine", "Quillfeather", "zephyrine.q@example.org", "QZ7788123", "زفيرين"]


def columns_holding(term: str) -> list[str]:
    """Every text or JSON column of every model, searched for `term` (as stored, and JSON-escaped)."""
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) > 127 else c for c in term)
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            text = Cast(field.attname, TextField())
            rows = model._default_manager.annotate(_text=text).filter(
                Q(_text__icontains=term) | Q(_text__icontains=escaped)
            )
            found += [f"{model._meta.label}.{field.name}#{pk}" for pk in rows.values_list("pk", flat=True)]
    return found


def paid_application(person, track) -> Application:
    call = FundingCall.objects.create(
        track=track,
        title={"en": "Travel funding"},
        budget=10_000,
        opens_on=dt.date(2023, 6, 1),
        closes_on=dt.date(2023, 7, 1),
        committed=2_000,
        paid=2_000,
    )
    return Application.objects.create(
        call=call,
        person=person,
        status=Application.Status.ACCEPTED,
        motivation="Zephyrine Quillfeather chairs the ICT committee.",
        itinerary="Lilongwe - Kyoto",
        airfare_quote=1_500,
        nights=4,
        grant_amount=2_000,
        paid=2_000,
    )


def a_query(registration) -> Query:
    query = Query.objects.create(
        track=registration.track,
        category="visa",
        language="en",
        asker_name=registration.full_name,
        asker_email=registration.email,
        asker=registration.person.user,
        registration=registration,
        created_at=timezone.now(),
    )
    Message.objects.create(
        query=query, author="asker", body="My passport QZ7788123 expires soon.", created_at=timezone.now()
    )
    return query


def test_after_erasure_nothing_names_her_the_counts_stay_and_the_audit_keeps_who_acted(
    igf_track, zephyrine, secretariat
):
    person = zephyrine.person
    bystander = register(
        igf_track,
        zephyrine.delegation.parliament,
        given="Zephyr",
        family="Quill",
        email="zephyr.quill@example.org",
        passport_number="QY1100456",
    )
    # Nothing of the track is due for retention: the daily job only forgets the erasure notice.
    RetentionPolicy.objects.create(
        track=igf_track, passport_days=9000, photo_days=9000, contact_days=9000, registration_days=9000
    )
    application = paid_application(person, igf_track)
    a_query(zephyrine)
    assert all(columns_holding(term) for term in SEARCHED)
    before = reports(igf_track)
    registrations_before = Registration.objects.filter(track=igf_track).count()

    erasure = services.request_erasure(
        person=person, track=igf_track, actor=person.user, language="fr", by_focal_point=False
    )
    services.confirm_erasure(erasure=erasure, kept="", actor=secretariat)
    with smtp_server() as server, server.settings():
        outbox.deliver_due()
    services.apply_due_retention(now=timezone.now())

    assert {term: columns_holding(term) for term in SEARCHED} == {term: [] for term in SEARCHED}
    assert reports(igf_track) == before
    bystander.refresh_from_db()
    assert (bystander.given_name, bystander.family_name, bystander.email, bystander.passport_number) == (
        "Zephyr",
        "Quill",
        "zephyr.quill@example.org",
        "QY1100456",
    )
    assert Registration.objects.filter(track=igf_track).count() == registrations_before
    application.refresh_from_db()
    assert (application.paid, application.grant_amount, application.status) == (2_000, 2_000, "accepted")
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE
    assert erasure.kept == (
        "Le registre du financement garde ce qui vous a été versé, sans votre nom : 2000 USD."
    )
    erased = AuditEntry.objects.get(action="privacy.erased")
    assert (erased.actor, erased.target_repr) == (secretariat, f"#{erasure.pk} (Erased)")
    notice = server.received[-1].message
    assert notice["To"] == "zephyrine.q@example.org"
    assert "2000 USD" in notice.get_body(("plain",)).get_content()


def test_an_anonymised_registration_adds_no_term_that_would_match_everyone(igf_track, zephyrine):
    services.anonymise_registrations(Registration.objects.filter(pk=zephyrine.pk), timezone.now())
    assert services.identifiers(zephyrine.person) == (
        [
            "Quillfeather Zephyrine",
            "Quillfeather, Zephyrine",
            "Zephyrine Quillfeather",
            "zephyrine.q@example.org",
        ],
        ["Quillfeather", "Zephyrine"],
    )
