"""Placeholders are checked when a template is saved; nothing written in a template or a name runs."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import make_user, pdf_text
from plenary.directory.models import Parliament
from plenary.invitations import services
from plenary.invitations.letters import Recipient, letter_html, letter_pdf, placeholder_values

XSS_BODY = (
    'Dear colleagues <script>alert("body")</script> <img src=x onerror=alert(1)> [click](javascript:alert(2))'
)
XSS_NAME = '<img src=x onerror=alert("name")> *Diet*'


def editor_form_data(client) -> dict:
    """The editor's form as the browser would post it, unchanged."""
    page = client.get("/en/invitations/igf2023-pt/template/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if hasattr(field.widget, "widgets"):
            data.update(
                {f"{name}_{index}": text for index, text in enumerate(field.widget.decompress(value))}
            )
        else:
            data[name] = field.prepare_value(value)
    return data


def test_an_unknown_placeholder_is_an_error_on_save(letter_template):
    letter_template.body = {
        **letter_template.body.as_dict(),
        "fr": "Madame, Monsieur, {parliament} et {parlement}.",
    }
    with pytest.raises(ValidationError) as raised:
        letter_template.full_clean()
    assert list(raised.value.message_dict) == ["body"]
    assert raised.value.message_dict["body"][0].startswith(
        "Unknown placeholder(s) in the French text: {parlement}. Known: {addressee_title}, "
    )


def test_the_editor_shows_the_error_and_saves_nothing(letter_template, client):
    client.force_login(make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True))
    data = editor_form_data(client)
    data["email_subject_2"] = "Invitation {unknown_thing}"
    response = client.post("/en/invitations/igf2023-pt/template/", data)
    assert response.status_code == 200
    assert "Unknown placeholder(s) in the English text: {unknown_thing}." in response.content.decode()
    letter_template.refresh_from_db()
    assert letter_template.email_subject.get("en") == "Invitation: {track} – {city}, {track_dates}"


def test_placeholders_resolve_per_language(letter_template):
    japan = Parliament.objects.select_related("country").get(country__iso3="JPN")
    english = placeholder_values(letter_template, Recipient(parliament=japan), "en")
    arabic = placeholder_values(letter_template, Recipient(parliament=japan), "ar")
    assert (english["date"], english["city"], english["track_dates"]) == (
        "3 August 2023",
        "Kyoto",
        "8–9 October 2023",
    )
    assert (arabic["date"], arabic["city"]) == ("3 آب/أغسطس 2023", "كيوتو")
    assert arabic["forum_dates"] == "من 8 إلى 12 تشرين الأول/أكتوبر 2023"


def test_html_in_a_template_body_or_a_parliament_name_is_inert(letter_template, tmp_path):
    japan = Parliament.objects.select_related("country").get(country__iso3="JPN")
    japan.name = {"en": XSS_NAME}
    japan.save()
    letter_template.body = {"en": XSS_BODY + "\n\nTo {parliament}."}
    html = letter_html(letter_template, Recipient(parliament=japan), ["en"])
    assert "<script" not in html
    assert "<img" not in html
    assert "javascript:" not in html
    assert (
        'Dear colleagues &lt;script&gt;alert("body")&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; '
        in html
    )
    assert 'To &lt;img src=x onerror=alert("name")&gt; *Diet*.' in html

    pdf = tmp_path / "xss.pdf"
    pdf.write_bytes(letter_pdf(letter_template, Recipient(parliament=japan), ["en"]))
    text = " ".join(pdf_text(pdf).split())
    assert 'Dear colleagues <script>alert("body")</script> <img src=x onerror=alert(1)> click' in text
    assert 'To <img src=x onerror=alert("name")> *Diet*.' in text


def test_cli_render_writes_the_letter_in_the_languages_asked(letter_template, igf_track, tmp_path):
    out = tmp_path / "letter.pdf"
    call_command(
        "letters",
        "render",
        "--track",
        igf_track.slug,
        "--parliament",
        "JPN",
        "--out",
        str(out),
        "--languages",
        "ar,en",
        stdout=io.StringIO(),
    )
    assert out.read_bytes()[:5] == b"%PDF-"
    with pytest.raises(Exception, match="unknown language code"):
        call_command(
            "letters",
            "render",
            "--track",
            igf_track.slug,
            "--parliament",
            "JPN",
            "--out",
            str(out),
            "--languages",
            "xx",
        )


def test_cli_merge_writes_one_pdf_per_invited_parliament(letter_template, igf_track, tmp_path):
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["JPN", "KEN"]))
    out = io.StringIO()
    # One process: the test database lives in this process' transaction.
    call_command(
        "letters", "merge", "--track", igf_track.slug, "--out", str(tmp_path), "--processes", "1", stdout=out
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["JPN.pdf", "KEN.pdf"]
    assert out.getvalue().startswith(f"2 letters written to {tmp_path} in ")


def test_egypt_gets_the_seed_letter_arabic_then_english_without_a_language_option(
    letter_template, igf_track, tmp_path, artifacts_dir
):
    egypt = Parliament.objects.get(country__iso3="EGY")
    assert (egypt.correspondence_languages, egypt.languages) == ([], ["ar", "en"])
    out = tmp_path / "egy.pdf"
    call_command(
        "letters",
        "render",
        "--track",
        igf_track.slug,
        "--parliament",
        "EGY",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    (artifacts_dir / "letter-egy-default-languages.pdf").write_bytes(out.read_bytes())
    text = pdf_text(out)
    pages = [page.replace("\u202b", "").replace("\u202c", "") for page in text.split("\f")]
    # The Arabic letter comes first and has its own pages; English follows.
    assert pages[0].lstrip().startswith("الاتحاد البرلماني الدولي")
    english = next(index for index, page in enumerate(pages) if "Inter-Parliamentary Union" in page)
    assert english > 0
    assert all("Dear Sir/Madam" not in page for page in pages[:english])
    assert "رؤساء البرلمانات" in "".join(pages[:english])


def test_a_parliament_without_a_body_in_its_language_is_skipped_by_name_and_the_others_render(
    without_french_body, igf_track, tmp_path
):
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["EGY", "FRA", "JPN"]))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "letters",
        "merge",
        "--track",
        igf_track.slug,
        "--out",
        str(tmp_path),
        "--processes",
        "1",
        stdout=out,
        stderr=err,
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["EGY.pdf", "JPN.pdf"]
    assert (
        err.getvalue().splitlines()[-1]
        == "Skipped FRA: Parliament of France: the letter has no body in French."
    )
    assert out.getvalue().startswith(f"2 letters written to {tmp_path} in ")
    assert out.getvalue().endswith(" s; 1 skipped (listed above).\n")
    with pytest.raises(CommandError, match=r"^Parliament of France: the letter has no body in French\.$"):
        call_command(
            "letters",
            "render",
            "--track",
            igf_track.slug,
            "--parliament",
            "FRA",
            "--out",
            str(tmp_path / "f.pdf"),
        )


def test_letter_languages_follow_the_template_order(letter_template):
    france = Parliament.objects.get(country__iso3="FRA")
    france.correspondence_languages = ["en", "ar"]
    assert services.letter_languages(letter_template, france) == ["ar", "en"]
    france.correspondence_languages = []
    # By default the country's official UN languages, then English, in the template's order.
    assert services.letter_languages(letter_template, france) == ["fr", "en"]
    assert services.letter_languages(letter_template, france, ["en"]) == ["en"]


def test_live_preview_and_pdf_proof_use_the_unsaved_form(letter_template, client):
    client.force_login(make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True))
    data = editor_form_data(client)
    data["salutation_2"] = "Dear colleagues of {parliament},"
    preview = client.post("/en/invitations/igf2023-pt/template/preview/", data)
    assert preview.status_code == 200
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in preview.content.decode()
    assert "Dear colleagues of Parliament of Japan," in preview.content.decode()
    proof = client.post("/en/invitations/igf2023-pt/template/proof/", data)
    assert (proof.status_code, proof["Content-Type"], proof.content[:5]) == (200, "application/pdf", b"%PDF-")
    letter_template.refresh_from_db()
    assert letter_template.salutation.get("en") == "Dear Sir/Madam,"


def test_a_missing_font_is_a_clear_error_naming_the_package(
    letter_template, igf_track, tmp_path, monkeypatch
):
    from plenary.core import pdf

    monkeypatch.setattr(pdf, "font_installed", lambda family: family != "Noto Naskh Arabic")
    with pytest.raises(CommandError) as raised:
        call_command(
            "letters",
            "render",
            "--track",
            igf_track.slug,
            "--parliament",
            "JPN",
            "--out",
            str(tmp_path / "x.pdf"),
            "--languages",
            "ar,en",
        )
    assert str(raised.value) == (
        "The font(s) Noto Naskh Arabic are not installed, so this PDF cannot be set correctly. "
        "Install them with: apt-get install fonts-noto-core"
    )
    assert not (tmp_path / "x.pdf").exists()


def test_html_in_a_parliament_name_is_inert_in_the_email(letter_template, igf_track):
    Parliament.objects.filter(country__iso3="JPN").update(name={"en": XSS_NAME})
    letter_template.email_body = {"en": "Dear colleagues of {parliament} <b>bold</b>"}
    letter_template.save()
    services.send_invitations(track=igf_track, only=["JPN"])
    message = OutboxMessage.objects.get()
    assert "<img" not in message.html_body
    assert "<b>" not in message.html_body
    assert (
        'Dear colleagues of &lt;img src=x onerror=alert("name")&gt; *Diet* &lt;b&gt;bold&lt;/b&gt;'
        in message.html_body
    )
    assert message.body.startswith(
        'Dear colleagues of <img src=x onerror=alert("name")> *Diet* <b>bold</b>\n'
    )
