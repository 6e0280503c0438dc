import pytest
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.credentials.models import Credentials
from plenary.credentials.tests.conftest import pdf_upload
from plenary.registration import services as registration_services
from plenary.registration.tests import factories


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "direction", "submit", "received"),
    [
        ("en", "ltr", "Submit the credentials", "Received"),
        ("ar", "rtl", "تقديم وثائق التفويض", "مستلمة"),
    ],
)
def test_the_focal_point_uploads_the_credentials_and_sees_their_state(
    igf_demo_committed, live_server, artifacts_dir, tmp_path, language, direction, submit, received
):
    track = igf_demo_committed
    parliament = factories.parliaments(1)[0]
    delegation = registration_services.delegation_for(track=track, parliament=parliament)
    registration_services.answer_invitation(delegation=delegation, accept=True, actor=None)
    factories.member(track, parliament, role="head")
    focal_point = make_user(f"focal-{language}@example.org", Role.FOCAL_POINT, parliament=parliament)
    letter = tmp_path / "designation.pdf"
    letter.write_bytes(pdf_upload().read())
    url = reverse("registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})

    with chromium_page() as page:
        log_in_page(page, live_server.url, focal_point)
        page.goto(live_server.url + url.replace("/en/", f"/{language}/", 1))
        assert page.locator("html").get_attribute("dir") == direction
        page.set_input_files("#credentials-upload input[type=file]", str(letter))
        page.get_by_role("button", name=submit).click()
        page.wait_for_selector("#credentials-state .status--received")
        page.locator("#credentials").screenshot(
            path=str(artifacts_dir / f"credentials-upload-{language}.png")
        )
        assert page.locator("#credentials-state strong").inner_text() == received
        assert page.locator("#credentials-document").count() == 1

    credentials = Credentials.objects.get(delegation=delegation)
    assert (credentials.state, credentials.channel, credentials.received_by) == (
        "received",
        "upload",
        focal_point,
    )
