import pytest
from allauth.mfa.totp.internal.auth import TOTP

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_back_office_in_arabic_is_right_to_left(live_server, igf_demo_committed, artifacts_dir):
    staff = make_user("staff@ipu.example.org", role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    with chromium_page() as page:
        log_in_page(page, live_server.url, staff)
        page.goto(f"{live_server.url}/ar/admin/directory/parliament/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("#site-name").inner_text() == "المكتب الخلفي لـ plenary"
        assert page.get_by_role("link", name="استيراد CSV / XLSX").count() == 1
        page.screenshot(path=artifacts_dir / "admin-parliaments-ar.png")
        page.goto(f"{live_server.url}/ar/admin/directory/parliament/import/")
        page.set_input_files(
            "input[type=file]",
            files=[
                {
                    "name": "parliaments.csv",
                    "mimeType": "text/csv",
                    "buffer": "iso3,name_ar\nNPL,البرلمان الاتحادي في نيبال\nXXX,لا شيء\n".encode(),
                }
            ],
        )
        page.get_by_role("button", name="معاينة الاستيراد").click()
        assert page.locator("#import-errors tbody tr").inner_text().split("\t") == [
            "3",
            "iso3",
            "«XXX» ليس رمز بلد (ISO 3166 alpha-3).",
        ]
        page.screenshot(path=artifacts_dir / "admin-import-errors-ar.png", full_page=True)
