import pytest

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_letter_editor_previews_as_one_types(live_server, letter_template_committed, artifacts_dir):
    secretariat = make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True)
    with chromium_page() as page:
        log_in_page(page, live_server.url, secretariat)
        page.goto(f"{live_server.url}/en/invitations/igf2023-pt/template/")
        preview = page.frame_locator("iframe[name=letter-preview]")
        assert preview.locator("section.letter[lang=ar] .addressee").inner_text() == (
            "الى: رؤساء البرلمانات الأعضاء في الاتحاد البرلماني الدولي"
        )
        page.locator("[name=salutation_2]").fill("Dear colleagues of {parliament},")
        salutation = preview.locator("section.letter[lang=en] .salutation")
        salutation.filter(has_text="Dear colleagues of Parliament of Japan,").wait_for()
        page.screenshot(path=artifacts_dir / "letter-editor.png", full_page=True)

        page.locator("[name=salutation_2]").fill("Dear {nobody},")
        preview.get_by_text("Unknown placeholder(s) in the English text: {nobody}.").wait_for()


@pytest.mark.django_db(transaction=True)
def test_the_send_confirmation_in_arabic(live_server, letter_template_committed, artifacts_dir):
    from plenary.directory.models import Parliament

    letter_template_committed.track.invited_parliaments.set(
        Parliament.objects.filter(country__iso3__in=["EGY", "JPN", "KEN"])
    )
    secretariat = make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True)
    with chromium_page() as page:
        log_in_page(page, live_server.url, secretariat)
        page.goto(f"{live_server.url}/ar/invitations/igf2023-pt/send/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator(".confirm-summary").inner_text() == (
            "ستوجَّه الدعوة إلى 3 برلمانات. عدد عناوين البريد الإلكتروني: 6."
        )
        page.screenshot(path=artifacts_dir / "invitations-send-ar.png", full_page=True)
