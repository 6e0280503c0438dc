import datetime as dt
import io

import openpyxl
from django.urls import reverse
from django.utils import translation

from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.credentials import documents, services
from plenary.credentials.models import Credentials
from plenary.registration import services as registration_services
from plenary.registration.tests import factories

RECEIVED = dt.datetime(2023, 9, 20, 9, tzinfo=dt.UTC)
DECIDED = dt.datetime(2023, 9, 25, 9, tzinfo=dt.UTC)


def three_delegations(track, staff):
    """Afghanistan verified, Angola not accepted, Albania (accepted the invitation) not received."""
    first, second, third = factories.parliaments(3)
    delegations = []
    for parliament in (first, second, third):
        delegation = registration_services.delegation_for(track=track, parliament=parliament)
        registration_services.answer_invitation(delegation=delegation, accept=True, actor=None)
        factories.member(track, parliament, role="head")
        delegations.append(delegation)
    for delegation in delegations[:2]:
        services.receive(delegation=delegation, channel="post", actor=staff)
    services.decide(delegation=delegations[0], state="verified", actor=staff)
    services.decide(delegation=delegations[1], state="not_accepted", reason="Not signed", actor=staff)
    Credentials.objects.filter(delegation__in=delegations).update(received_at=RECEIVED, decided_at=DECIDED)
    return [str(parliament.name) for parliament in (first, second, third)]


def test_the_xlsx_report_groups_the_delegations_by_state(client, igf_track, staff):
    first, second, third = three_delegations(igf_track, staff)
    client.force_login(staff)
    response = client.get(reverse("credentials:report_xlsx", kwargs={"track": igf_track.slug}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["State", "Parliament", "Received", "Decided", "Reason"],
        ["Not received", third, "—", "—", None],
        ["Verified", first, "20 September 2023", "25 September 2023", None],
        ["Not accepted", second, "20 September 2023", "25 September 2023", "Not signed"],
    ]


def test_the_pdf_report_has_a_table_per_state(igf_track, staff, artifacts_dir):
    first, second, third = three_delegations(igf_track, staff)
    with translation.override("en"):
        pdf = documents.report_pdf(igf_track)
    (artifacts_dir / "credentials-report.pdf").write_bytes(pdf)
    assert pdf_tags(pdf) == PdfTags(
        tagged=True,
        marked=True,
        language="en",
        title="Credentials report",
        languages=[],
        alternative_texts=[],
    )
    lines = [" ".join(line.split()) for line in pdf_text(pdf, "-layout").splitlines() if line.strip()]
    header = "Parliament Received Decided Reason"
    assert lines == [
        "Credentials report",
        "IGF 2023 Parliamentary Track",
        "Not received (1)",
        header,
        f"{third} — —",
        "Received (0)",
        "None.",
        "Verified (1)",
        header,
        f"{first} 20 September 2023 25 September 2023",
        "Provisional (0)",
        "None.",
        "Not accepted (1)",
        header,
        f"{second} 20 September 2023 25 September 2023 Not signed",
    ]


def test_the_arabic_xlsx_report_reads_right_to_left_in_arabic(igf_track, staff):
    three_delegations(igf_track, staff)
    with translation.override("ar"):
        content = documents.report_xlsx(igf_track)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert (sheet.sheet_view.rightToLeft, rows[0], [row[0] for row in rows[1:]]) == (
        True,
        ["الحالة", "البرلمان", "تاريخ الاستلام", "تاريخ القرار", "السبب"],
        ["لم تُستلم", "تم التحقق منها", "غير مقبولة"],
    )
