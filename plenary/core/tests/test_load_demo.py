"""`plenary load_demo` on a fresh database: what it prints, where its links lead, and a second run."""

import datetime as dt
import io
import re

from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from plenary.core.models import RoleAssignment
from plenary.directory.models import Parliament
from plenary.events.models import Track
from plenary.funding.demo import OPEN_FOR_DAYS
from plenary.funding.models import FundingCall
from plenary.invitations.services import letter_languages, template_for
from plenary.registration.models import CheckIn, Registration

SITE = "http://127.0.0.1:8000"


def load_demo() -> list[str]:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue().splitlines()


def state() -> dict:
    """Every plenary table's rows, as (primary key, every field's value)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "directory", "events", "invitations", "registration", "funding", "programme", "outcomes"}
    }


def test_load_demo_prints_each_journey_start_and_changes_nothing_when_run_again(transactional_db, settings):
    settings.SITE_URL = SITE
    call_command("load_reference_data", stdout=io.StringIO())
    lines = load_demo()

    call = FundingCall.objects.get()
    closes_on = timezone.localdate() + dt.timedelta(days=OPEN_FOR_DAYS)
    start = lines.index(
        "Travel funding: call 'Travel funding for members of parliament from the global South' with"
        f" 10 reviewed applications, "
        f"open until {closes_on:%d %B %Y}."
    )
    assert lines[start + 1 : start + 5] == [
        f"  Public page: {SITE}/en/igf2023-pt/funding/{call.pk}/",
        f"  Selection (secretariat): {SITE}/en/funding/calls/{call.pk}/selection/",
        f"  To close the call: back office, {SITE}/en/admin/funding/fundingcall/{call.pk}/change/, set "
        "'applications close' to yesterday (or tick 'Send them although the call is still open' when "
        "sending decisions).",
        "  Hon. Chikondi Banda (MWI, a least developed country) is registered and has not applied: log in "
        f"with chikondi.banda@example.org and 'send me a code', then {SITE}/en/igf2023-pt/funding/",
    ]
    journeys = lines[
        lines.index("Journeys (where each user starts; e-mailed codes and links are printed by the server):")
        + 1 :
    ]
    egypt = re.fullmatch(
        rf"  Focal point of Egypt \(Arabic\): ({SITE}/ar/igf2023-pt/delegation/\S+/), or "
        rf"{SITE}/ar/accounts/login/ with focal\.egy@example\.org, 'send me a code'",
        journeys[2],
    )
    assert egypt
    login = f"{SITE}/en/accounts/login/"
    assert journeys[:2] + journeys[3:] == [
        f"  Secretariat: {login} with secretariat@example.org (password and authenticator code above), "
        f"then the overview {SITE}/en/igf2023-pt/secretariat/overview/",
        f"  Focal point of Japan: {login} with focal.jpn@example.org, 'send me a code'",
        f"  A member (Kenya, registered): {login} with delegate.ken@example.org, 'send me a code', then "
        f"{SITE}/en/igf2023-pt/outcome/",
        f"  An MP from a least developed country (Malawi), applying for funding: {login} with "
        f"chikondi.banda@example.org, 'send me a code', then {SITE}/en/igf2023-pt/funding/",
        f"  The rapporteur: {login} with speaker.ken@example.org, 'send me a code', then "
        f"{SITE}/en/igf2023-pt/outcome/main-points/",
        f"  A visitor: {SITE}/en/igf2023-pt/programme/",
        f"  A question to the secretariat: {SITE}/en/igf2023-pt/contact/",
    ]
    assert (
        lines.count(
            "Output document of igf2023-pt: version 1 of 6 paragraphs, version 2 (adopted) of 7; "
            "demo delegate delegate.ken@example.org (log in by e-mailed code)."
        )
        == 1
    )

    client = Client()
    for url in (
        egypt.group(1),
        login,
        f"{SITE}/en/igf2023-pt/funding/{call.pk}/",
        f"{SITE}/en/igf2023-pt/programme/",
        f"{SITE}/en/igf2023-pt/outcome/",
        f"{SITE}/en/igf2023-pt/contact/",
    ):
        assert client.get(url.removeprefix(SITE)).status_code == 200, url

    malawi = Registration.objects.get(person__email="chikondi.banda@example.org")
    assert (malawi.status, malawi.mode, malawi.member.delegation.parliament.country.iso3) == (
        "confirmed",
        "onsite",
        "MWI",
    )
    assert call.is_open(timezone.localdate())
    registrations = Registration.objects.order_by("queue_number")
    assert [r.queue_number for r in registrations] == list(range(1, registrations.count() + 1))
    assert all(r.member_id is not None and r.status == "confirmed" for r in registrations)
    attended = CheckIn.objects.order_by("registration__person__email").values_list(
        "registration__person__email", "day"
    )
    assert list(attended) == [
        ("president-ipu-group.egy@example.org", dt.date(2023, 10, 8)),
        ("president-ipu-group.jpn@example.org", dt.date(2023, 10, 8)),
    ]
    egypt_focal_point = RoleAssignment.objects.get(user__email="focal.egy@example.org")
    assert (egypt_focal_point.role, egypt_focal_point.parliament.country.iso3) == ("focal_point", "EGY")

    track = Track.objects.get(slug="igf2023-pt")
    template = template_for(track)
    without_body = [
        parliament.country.iso3
        for parliament in track.invited_parliaments.select_related("country")
        if set(letter_languages(template, parliament)) - set(template.body.values)
    ]
    assert (without_body, track.invited_parliaments.count()) == (
        [],
        Parliament.objects.filter(ipu_member=True).count(),
    )
    assert letter_languages(template, Parliament.objects.get(country__iso3="EGY")) == ["ar", "en"]
    assert letter_languages(template, Parliament.objects.get(country__iso3="FRA")) == ["fr", "en"]

    before = state()
    load_demo()
    after = state()
    assert [label for label in before if after[label] != before[label]] == []
