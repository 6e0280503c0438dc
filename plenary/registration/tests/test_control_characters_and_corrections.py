"""Control characters never reach the database through a form, never break an export, and the
secretariat corrects a registration's details itself, with an audit entry."""

import csv
import io

from allauth.mfa.models import Authenticator
from django.urls import reverse
from openpyxl import load_workbook

from plenary.core.models import AuditEntry
from plenary.core.testing import make_user
from plenary.directory.models import Parliament
from plenary.registration.models import Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data
from plenary.registration.tests.test_views import register_url


def registered(client, track, **overrides) -> Registration:
    member = factories.member(track, Parliament.objects.get(country__iso3="JPN"))
    response = client.post(register_url(member), form_data(member, **overrides))
    assert response.status_code == 302
    return Registration.objects.get(member=member)


def details_url(registration):
    return reverse(
        "registration:secretariat_details", kwargs={"track": registration.track.slug, "pk": registration.pk}
    )


def details_data(registration, **overrides) -> dict:
    data = {
        "honorific": registration.honorific,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "name_arabic": registration.name_arabic,
        "gender": registration.gender,
        "email": registration.email,
        "functions": registration.functions,
        "committees": registration.committees,
        "accessibility": registration.accessibility,
        "dietary": registration.dietary,
    }
    return data | overrides


def test_a_registration_form_with_control_characters_stores_the_cleaned_text(client, igf_track, capacity):
    registration = registered(
        client,
        igf_track,
        given_name="A\x1bmal",
        family_name="Had\x0bdad",
        name_arabic="أمل\x1b حداد",
        functions="Chair\x0c of the\x1b ICT\ncommittee",
        dietary="vege\x08tarian\x7f\x85",
    )
    assert (
        registration.given_name,
        registration.family_name,
        registration.name_arabic,
        registration.functions,
        registration.dietary,
    ) == ("Amal", "Haddad", "أمل حداد", "Chair of the ICT committee", "vegetarian")


def test_registration_exports_survive_control_characters_already_stored(
    client, igf_track, capacity, secretariat
):
    registration = registered(client, igf_track)
    Registration.objects.filter(pk=registration.pk).update(
        family_name="Had\x0bdad\x1b", functions="\x1b=Chair\ufffe", dietary="vege\x0btarian"
    )
    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    header, row = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    exported = dict(zip(header, row, strict=True))
    assert (exported["Family name"], exported["Functions"], exported["Dietary needs"]) == (
        "Haddad",
        "=Chair",
        "vegetarian",
    )
    response = client.get(url, {"export": "csv"})
    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    exported = dict(zip(header, row, strict=True))
    assert (exported["Family name"], exported["Functions"], exported["Dietary needs"]) == (
        "Haddad",
        "'=Chair",
        "vegetarian",
    )


def test_the_secretariat_corrects_the_details_with_one_audit_entry(client, igf_track, capacity, secretariat):
    registration = registered(
        client, igf_track, visa_letter="on", passport_number="X1234567", passport_expiry="2026-01-01"
    )
    client.force_login(secretariat)
    detail_url = reverse(
        "registration:secretariat_detail", kwargs={"track": igf_track.slug, "pk": registration.pk}
    )
    assert f'href="{details_url(registration)}"' in client.get(detail_url).content.decode()
    response = client.post(
        details_url(registration),
        details_data(
            registration,
            family_name="Hadd\x0bad-Sato",
            functions="Deputy Speaker\x1b",
            gender="undisclosed",
            passport_number="y 7654321",
            passport_expiry="2026-02-01",
        ),
    )
    assert response["Location"] == detail_url
    corrected = Registration.objects.get(pk=registration.pk)
    assert (
        corrected.family_name,
        corrected.functions,
        corrected.gender,
        corrected.passport_number,
        str(corrected.passport_expiry),
        corrected.status,
    ) == ("Haddad-Sato", "Deputy Speaker", "undisclosed", "Y7654321", "2026-02-01", registration.status)
    entry = AuditEntry.objects.get(action="registration.updated")
    assert (entry.actor, entry.target_id) == (secretariat, str(registration.pk))
    assert entry.changes == {
        "family_name": ["Haddad", "Haddad-Sato"],
        "functions": ["Chair", "Deputy Speaker"],
        "gender": ["female", "undisclosed"],
        "passport_number": "changed",
        "passport_expiry": ["2026-01-01", "2026-02-01"],
    }
    page = client.get(details_url(registration).replace("/en/", "/ar/")).content.decode()
    assert ("<h1>تصحيح البيانات</h1>" in page, "الاسم الأول (كما في جواز السفر)" in page) == (True, True)


def test_saving_unchanged_details_writes_no_audit_entry(client, igf_track, capacity, secretariat):
    registration = registered(client, igf_track)
    client.force_login(secretariat)
    client.post(details_url(registration), details_data(registration))
    assert AuditEntry.objects.filter(action="registration.updated").count() == 0


def test_a_correction_is_checked_like_the_registration(client, igf_track, capacity, secretariat):
    registration = registered(
        client, igf_track, visa_letter="on", passport_number="X1234567", passport_expiry="2026-01-01"
    )
    client.force_login(secretariat)
    response = client.post(
        details_url(registration),
        details_data(registration, given_name="أمل", passport_number="X1", passport_expiry="2023-11-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "given_name": ["Write the name in Latin letters, exactly as in the passport."],
        "passport_number": ["Give the passport number (5 to 20 letters and digits)."],
        "passport_expiry": ["The passport must be valid for six months after the event."],
    }
    assert Registration.objects.get(pk=registration.pk).given_name == "Amal"


def test_without_a_visa_letter_no_passport_field_is_offered(client, igf_track, capacity, secretariat):
    registration = registered(client, igf_track)
    client.force_login(secretariat)
    form = client.get(details_url(registration)).context["form"]
    assert list(form.fields) == [
        "honorific",
        "given_name",
        "family_name",
        "name_arabic",
        "gender",
        "email",
        "functions",
        "committees",
        "accessibility",
        "dietary",
    ]


def test_only_the_secretariat_corrects_details(client, igf_track, capacity, focal_point):
    registration = registered(client, igf_track)
    client.force_login(focal_point)
    response = client.post(details_url(registration), details_data(registration, family_name="Other"))
    assert response.status_code == 404
    assert Registration.objects.get(pk=registration.pk).family_name == "Haddad"


def test_the_admin_offers_no_deletion_of_a_registration(client, igf_track, capacity, secretariat):
    registration = registered(client, igf_track)
    admin = make_user("admin@example.org", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    client.force_login(admin)
    delete_url = reverse("admin:registration_registration_delete", args=[registration.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = client.post(
        reverse("admin:registration_registration_changelist"),
        {"action": "delete_selected", "_selected_action": [registration.pk], "post": "yes"},
    )
    assert changelist.status_code == 200
    assert Registration.objects.filter(pk=registration.pk).count() == 1
