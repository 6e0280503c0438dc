"""Bad input gets a clear message and changes nothing; script in names is inert everywhere."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from plenary.core.testing import pdf_text
from plenary.registration import documents, exports, links
from plenary.registration.models import Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data, image_upload

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def member(igf_track, capacity, two_parliaments):
    return factories.member(igf_track, two_parliaments[0])


def post(client, member, **overrides):
    url = reverse(
        "registration:register",
        kwargs={"track": member.delegation.track.slug, "token": links.member_token(member)},
    )
    return client.post(url, form_data(member, **overrides))


def errors(response) -> dict:
    with translation.override("en"):
        return {name: [str(e) for e in errs] for name, errs in response.context["form"].errors.items()}


def test_fake_image_is_refused(client, member):
    fake = SimpleUploadedFile("photo.jpg", b"GIF89a not really an image", content_type="image/jpeg")
    response = post(client, member, photo_upload=fake)
    assert errors(response) == {"photo_upload": ["This file is not a readable JPEG or PNG image."]}
    assert Registration.objects.count() == 0


def test_gif_is_refused_even_if_real(client, member):
    response = post(client, member, photo_upload=image_upload(fmt="GIF", name="photo.gif"))
    assert errors(response) == {"photo_upload": ["The photo must be a JPEG or PNG image."]}


def test_oversized_and_tiny_images_are_refused(client, member, monkeypatch):
    from plenary.registration import photos

    response = post(client, member, photo_upload=image_upload(size=(100, 100)))
    assert errors(response) == {"photo_upload": ["The photo is too small: at least 200 pixels on each side."]}
    monkeypatch.setattr(photos, "MAX_BYTES", 1000)
    response = post(client, member, photo_upload=image_upload(size=(800, 800)))
    assert errors(response) == {"photo_upload": ["The photo is larger than 5 MB."]}
    monkeypatch.setattr(photos, "MAX_BYTES", 5 * 1024 * 1024)
    monkeypatch.setattr(photos, "MAX_PIXELS", 250_000)
    response = post(client, member, photo_upload=image_upload(size=(600, 600)))
    assert errors(response) == {"photo_upload": ["The photo has too many pixels (at most 40 million)."]}
    assert Registration.objects.count() == 0


def test_photo_is_reencoded_without_metadata(client, member):
    from PIL import Image

    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    Image.new("RGB", (1200, 1600), (1, 2, 3)).save(out, format="JPEG", exif=exif.tobytes())
    post(client, member, photo_upload=SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg"))
    registration = Registration.objects.get(member=member)
    with Image.open(registration.photo.path) as saved:
        assert (saved.format, saved.size, dict(saved.getexif())) == ("JPEG", (600, 800), {})


def test_valid_photo_is_kept_when_another_field_has_an_error(client, member, settings):
    response = post(client, member, consent="", photo_upload=image_upload(size=(800, 800)))
    token = response.context["kept_photo"]
    assert errors(response) == {"consent": ["Registration needs your consent to the privacy notice."]}
    assert f'<input type="hidden" name="photo_kept" value="{token}">' in response.content.decode()
    pending = settings.PRIVATE_MEDIA_ROOT / "badges" / "pending" / str(member.pk)
    assert [path.name for path in pending.iterdir()] == [f"{token}.jpg"]
    kept_bytes = (pending / f"{token}.jpg").read_bytes()

    post(client, member, photo_kept=token)
    registration = Registration.objects.get(member=member)
    assert re.fullmatch(rf"badges/{registration.track_id}/[\w-]{{24}}/photo\.jpg", registration.photo.name)
    assert registration.photo.read() == kept_bytes
    assert list(pending.iterdir()) == []


def test_a_member_has_one_kept_photo_at_a_time(client, member, settings):
    first = post(client, member, consent="", photo_upload=image_upload(size=(800, 800))).context["kept_photo"]
    second = post(
        client, member, consent="", photo_kept=first, photo_upload=image_upload(size=(900, 900))
    ).context["kept_photo"]
    pending = settings.PRIVATE_MEDIA_ROOT / "badges" / "pending" / str(member.pk)
    assert second != first
    assert [path.name for path in pending.iterdir()] == [f"{second}.jpg"]


def test_a_kept_photo_token_of_another_member_is_ignored(client, member, igf_track):
    token = post(client, member, consent="", photo_upload=image_upload(size=(800, 800))).context["kept_photo"]
    other = factories.member(igf_track, member.delegation.parliament)
    post(client, other, photo_kept=token)
    assert Registration.objects.get(member=other).photo.name == ""


def test_a_forged_kept_photo_token_is_ignored(client, member):
    response = post(client, member, consent="", photo_kept="../../settings")
    assert response.context["kept_photo"] == ""
    post(client, member, photo_kept="../../settings")
    assert Registration.objects.get(member=member).photo.name == ""


def test_missing_consent(client, member):
    response = post(client, member, consent="")
    assert errors(response) == {"consent": ["Registration needs your consent to the privacy notice."]}
    assert Registration.objects.count() == 0


def test_invalid_dates(client, member):
    response = post(client, member, arrival="2023-10-10", departure="2023-10-07")
    assert errors(response) == {"departure": ["The departure is before the arrival."]}
    response = post(client, member, arrival="2021-01-01", departure="not a date")
    assert errors(response) == {
        "arrival": ["Give a date between 24 September 2023 and 26 October 2023."],
        "departure": ["Enter a valid date."],
    }
    response = post(client, member, days=["1999-01-01"])
    assert list(errors(response)) == ["days"]
    response = post(client, member, visa_letter="on", passport_number="", passport_expiry="2023-12-01")
    assert errors(response) == {
        "passport_number": ["Give the passport number (5 to 20 letters and digits)."],
        "passport_expiry": ["The passport must be valid for six months after the event."],
    }
    assert Registration.objects.count() == 0


def test_script_in_passport_names_is_refused(client, member):
    response = post(client, member, given_name=SCRIPT, name_arabic="<b>")
    assert errors(response) == {
        "given_name": ["Write the name in Latin letters, exactly as in the passport."],
        "name_arabic": ["Use Arabic script only in this field."],
    }


def test_script_and_formulas_in_free_text_are_inert_in_html_pdf_csv_and_xlsx(
    client, member, secretariat, tmp_path
):
    post(client, member, functions=SCRIPT, committees='=HYPERLINK("http://evil","x")', dietary="@SUM(A1)")
    registration = Registration.objects.get(member=member)
    client.force_login(secretariat)
    detail = client.get(
        reverse(
            "registration:secretariat_detail",
            kwargs={"track": member.delegation.track.slug, "pk": registration.pk},
        )
    )
    html = detail.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html

    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(documents.badges_pdf(member.delegation.track, [registration]))
    text = pdf_text(pdf)
    assert '<script>alert("x")</script>' in text

    rows = list(csv.reader(io.StringIO(exports.to_csv([registration]).decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert row[header.index("Committees")] == '\'=HYPERLINK("http://evil","x")'
    assert row[header.index("Dietary needs")] == "'@SUM(A1)"
    sheet = load_workbook(io.BytesIO(exports.to_xlsx([registration]))).active
    values = [cell.value for cell in sheet[2]]
    assert values[header.index("Committees")] == '=HYPERLINK("http://evil","x")'
    assert values[header.index("Dietary needs")] == "@SUM(A1)"
    assert sheet.cell(row=2, column=header.index("Committees") + 1).data_type == "s"
    assert sheet.cell(row=2, column=header.index("Dietary needs") + 1).data_type == "s"


def test_names_written_in_arabic_in_the_directory_prefill_the_arabic_name_not_the_passport_names(
    client, igf_track, capacity, two_parliaments
):
    arabic = factories.member(igf_track, two_parliaments[0], given="ليلى", family="حداد")
    url = reverse(
        "registration:register", kwargs={"track": igf_track.slug, "token": links.member_token(arabic)}
    )
    initial = client.get(url).context["form"].initial
    assert (initial["given_name"], initial["family_name"], initial["name_arabic"]) == ("", "", "ليلى حداد")
    latin = factories.member(igf_track, two_parliaments[1], given="Amal", family="Haddad")
    url = reverse(
        "registration:register", kwargs={"track": igf_track.slug, "token": links.member_token(latin)}
    )
    initial = client.get(url).context["form"].initial
    assert (initial["given_name"], initial["family_name"]) == ("Amal", "Haddad")
