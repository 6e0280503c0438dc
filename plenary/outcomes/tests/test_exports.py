"""Script injection in comments and amendments stays inert in every format; Arabic is right to left."""

import csv
import io

from docx import Document as DocxDocument
from openpyxl import load_workbook

from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.outcomes import exporters, services

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _adopt_with_payload(open_version, delegate, secretariat):
    first = open_version.paragraphs.get(number=1)
    services.add_comment(
        actor=delegate, paragraph_version=first, stance="oppose", text=PAYLOAD, language="en"
    )
    services.add_comment(
        actor=delegate, paragraph_version=first, stance="neutral", text=FORMULA, language="en"
    )
    amendment = services.propose_amendment(
        actor=delegate, paragraph_version=first, kind="replace", text=PAYLOAD, language="en"
    )
    services.accept_amendment(actor=secretariat, amendment=amendment)
    services.close_comments(actor=secretariat, version=open_version)
    version = services.publish_version(actor=secretariat, document=open_version.document)
    services.adopt_version(actor=secretariat, version=version)
    return version


def test_script_is_inert_in_html(client, open_version, delegate, secretariat):
    _adopt_with_payload(open_version, delegate, secretariat)
    track = open_version.document.track.slug
    public = client.get(f"/en/{track}/outcome/").content.decode()
    client.force_login(secretariat)
    draft = client.get(f"/en/{track}/outcome/v1/").content.decode()
    diff = client.get(f"/en/{track}/outcome/diff/1/2/").content.decode()
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert (escaped in public, escaped in draft, "<script>alert" in public + draft + diff) == (
        True,
        True,
        False,
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in diff


def test_script_is_plain_text_in_the_pdf(open_version, delegate, secretariat, tmp_path):
    version = _adopt_with_payload(open_version, delegate, secretariat)
    path = tmp_path / "outcome.pdf"
    path.write_bytes(exporters.pdf(version, ["en"]))
    text = pdf_text(path)
    assert PAYLOAD in " ".join(text.split()).replace("onerror= alert", "onerror=alert")


def test_script_is_plain_text_in_the_docx(open_version, delegate, secretariat):
    version = _adopt_with_payload(open_version, delegate, secretariat)
    document = DocxDocument(io.BytesIO(exporters.docx(version, ["en"])))
    assert [paragraph.text for paragraph in document.paragraphs if "script" in paragraph.text] == [
        f"1. {PAYLOAD}"
    ]


def test_csv_and_xlsx_keep_text_and_defuse_formulas(open_version, delegate, secretariat):
    _adopt_with_payload(open_version, delegate, secretariat)
    rows = list(csv.reader(io.StringIO(exporters.feedback_csv(open_version).decode("utf-8-sig"))))
    assert [row[5] for row in rows[1:]] == [PAYLOAD, "'" + FORMULA, PAYLOAD]
    sheet = load_workbook(io.BytesIO(exporters.feedback_xlsx(open_version))).active
    cells = [sheet.cell(row=index, column=6) for index in range(2, 5)]
    assert [(cell.value, cell.data_type) for cell in cells] == [
        (PAYLOAD, "s"),
        (FORMULA, "s"),
        (PAYLOAD, "s"),
    ]


def test_arabic_docx_paragraphs_are_right_to_left(document, secretariat):
    paragraph = document.paragraphs.get(texts__text="Parliaments met in Kyoto.")
    services.edit_text(
        actor=secretariat, paragraph=paragraph, language="ar", text="اجتمعت البرلمانات في كيوتو."
    )
    services.verify_translation(actor=secretariat, paragraph=paragraph, language="ar")
    version = services.publish_version(actor=secretariat, document=document)
    docx = DocxDocument(io.BytesIO(exporters.docx(version, ["ar"])))
    arabic = [item for item in docx.paragraphs if "كيوتو" in item.text][0]
    english = [item for item in docx.paragraphs if "Internet must stay open" in item.text][0]
    assert arabic.text == "1. اجتمعت البرلمانات في كيوتو."
    assert [item._p.xpath("boolean(./w:pPr/w:bidi)") for item in (arabic, english)] == [True, False]
    assert arabic.runs[0]._r.xpath("boolean(./w:rPr/w:rtl)") is True


def test_a_paragraph_not_verified_in_a_language_is_marked(document, secretariat):
    version = services.publish_version(actor=secretariat, document=document)
    row = version.paragraphs.get(number=1)
    assert (exporters.shown(row, "fr").missing, exporters.shown(row, "ar").missing) == (True, True)
    assert exporters.shown(row, "ar").text == "Parliaments met in Kyoto."
    assert exporters.shown(row, "en").missing is False
    assert exporters.shown(row, "ar").note == "لم تُترجم بعد إلى العربية؛ يُعرض النص الأصلي (English)."
    assert exporters.shown(row, "en").note == ""


def test_the_pdf_is_tagged_each_column_in_its_language(document, secretariat):
    paragraph = document.paragraphs.get(texts__text="Parliaments met in Kyoto.")
    services.edit_text(
        actor=secretariat, paragraph=paragraph, language="ar", text="اجتمعت البرلمانات في كيوتو."
    )
    services.verify_translation(actor=secretariat, paragraph=paragraph, language="ar")
    version = services.publish_version(actor=secretariat, document=document)
    title = [("TD", "ar"), ("TD", "en")]
    # A heading or paragraph not yet translated into Arabic stands in the Arabic column in English.
    untranslated_heading = [("TD", "ar"), ("H2", "en"), ("TD", "en"), ("H2", "en")]
    translated = [("TD", "ar"), ("P", "ar"), ("TD", "en"), ("P", "en")]
    untranslated = [("TD", "ar"), ("P", "en"), ("TD", "en"), ("P", "en")]
    assert pdf_tags(exporters.pdf(version, ["ar", "en"])) == PdfTags(
        tagged=True,
        marked=True,
        language="ar",
        title="Output document",
        languages=title + untranslated_heading + translated + untranslated_heading + untranslated * 2,
        alternative_texts=[],
    )
