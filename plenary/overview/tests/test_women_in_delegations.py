import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from plenary.core.models import Role
from plenary.core.testing import PdfTags, make_user, pdf_tags
from plenary.overview.tests import fixtures


@pytest.fixture
def built(igf_track):
    return fixtures.build(igf_track)


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    return client


@pytest.mark.parametrize(
    ("language", "headers"),
    [
        ("en", ["Parliament", "Women members of the parliament", "People in the delegation"]),
        ("ar", ["البرلمان", "عضوات البرلمان", "أعضاء الوفد"]),
    ],
)
def test_xlsx_reads_back_with_the_counts(secretariat_client, igf_track, built, language, headers):
    response = secretariat_client.get(f"/{language}/{igf_track.slug}/secretariat/women-in-delegations.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == headers
    assert [row[1:] for row in rows[1:]] == [
        ["40", "3", "2", "67"],
        ["—", "1", "0", "0"],
        ["25", "1", "0", "0"],
    ]
    assert sheet.sheet_view.rightToLeft is (language == "ar")


@pytest.mark.parametrize(("language", "title"), [("en", "Women in delegations"), ("ar", "النساء في الوفود")])
def test_pdf_reads_back_with_the_counts(secretariat_client, igf_track, built, language, title, tmp_path):
    response = secretariat_client.get(f"/{language}/{igf_track.slug}/secretariat/women-in-delegations.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "women.pdf"
    path.write_bytes(response.content)
    assert pdf_tags(response.content) == PdfTags(
        tagged=True, marked=True, language=language, title=title, languages=[], alternative_texts=[]
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert title in text
    # pdftotext wraps right-to-left runs in bidi embedding marks, and lays the Arabic table's
    # columns out as they stand on the page: right to left, the first column last.
    step = -1 if language == "ar" else 1
    lines = [re.sub("[\u202a-\u202e]", "", line).split()[::step] for line in text.splitlines()]
    assert [cells[-4:] for cells in lines if cells[-4:-3] in (["40"], ["25"])] == [
        ["40", "3", "2", "67"],
        ["25", "1", "0", "0"],
    ]
