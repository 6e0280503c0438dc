"""Every PDF is tagged PDF/UA-1: structure tree, /Lang, Title, a /Lang on each passage in another
language, alternative text on images; merged PDFs stay tagged."""

import base64
import io
import re

import pikepdf
import pytest

from plenary.core.pdf import UntitledDocumentError, html_to_pdf, merge_pdfs
from plenary.core.testing import PdfTags, pdf_tags, pdf_text

# A 1 × 1 black PNG.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
    )
).decode()


def page(language: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    )


MIXED = page(
    "en",
    "Mixed",
    '<p>Hello</p><p lang="ar" dir="rtl">مرحبا بكم</p><section lang="fr"><p>Bonjour</p></section>'
    f'<p><img src="data:image/png;base64,{PIXEL}" alt="IGF-0001"></p>',
)


def test_a_pdf_is_tagged_with_its_language_title_passages_and_alt_text():
    assert pdf_tags(html_to_pdf(MIXED)) == PdfTags(
        tagged=True,
        marked=True,
        language="en",
        title="Mixed",
        languages=[("P", "ar"), ("Sect", "fr")],
        alternative_texts=["IGF-0001"],
    )


def test_the_pdf_says_it_conforms_to_pdf_ua_1():
    with pikepdf.Pdf.open(io.BytesIO(html_to_pdf(MIXED))) as document:
        metadata = document.open_metadata()
        assert (metadata.get("pdfuaid:part"), document.Root.ViewerPreferences.DisplayDocTitle) == ("1", True)


def test_a_page_without_a_title_or_a_language_is_refused():
    with pytest.raises(UntitledDocumentError):
        html_to_pdf(page("en", "", "<p>Hello</p>"))
    with pytest.raises(UntitledDocumentError):
        html_to_pdf("<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello</p></body></html>")


def test_merged_pdfs_keep_one_structure_tree_in_page_order():
    first = html_to_pdf(page("en", "Badges", '<p>One</p><p lang="ar">واحد</p>'))
    second = html_to_pdf(
        page("en", "Badges", '<p style="break-before: page">Two</p><p lang="zh-hans">二</p>')
    )
    merged = merge_pdfs([first, second])
    assert pdf_tags(merged) == PdfTags(
        tagged=True,
        marked=True,
        language="en",
        title="Badges",
        languages=[("P", "ar"), ("P", "zh-hans")],
        alternative_texts=[],
    )
    pages_text = pdf_text(merged).split("\f")[:2]
    assert [("One" in text, "Two" in text) for text in pages_text] == [(True, False), (False, True)]
    with pikepdf.Pdf.open(io.BytesIO(merged)) as document:
        pages = [page.obj.objgen for page in document.pages]
        structure_parents = [int(page.obj.StructParents) for page in document.pages]
        tree = document.Root.StructTreeRoot
        nums = tree.ParentTree.Nums
        keys = [int(nums[index]) for index in range(0, len(nums), 2)]
        element_pages = {kid.Pg.objgen for kid in tree.K[0].K}
    assert (len(pages), structure_parents, keys) == (2, [0, 1], [0, 1])
    assert element_pages == set(pages)


MARKED_WORDS = ["بناءً", "شكلاً", "عُقدت", "مختلفاً", "الشدّة"]


def words(pdf: bytes) -> list[str]:
    """The words pdftotext reads, without the bidi embeddings it wraps right-to-left lines in."""
    return re.split("[\\s\u202a-\u202e]+", pdf_text(pdf))


def test_arabic_words_with_marks_are_read_whole_in_any_document_language():
    body = f'<p lang="ar" dir="rtl" style="font-family: \'Noto Naskh Arabic\'">{" ".join(MARKED_WORDS)}</p>'
    for language in ("ar", "en"):
        found = words(html_to_pdf(page(language, "Marks", body)))
        assert [word for word in MARKED_WORDS if word not in found] == []


def test_with_mark_attachment_poppler_splits_every_word_with_a_mark():
    from weasyprint import HTML

    body = f"<p style=\"font-family: 'Noto Naskh Arabic'\">{' '.join(MARKED_WORDS)}</p>"
    found = words(HTML(string=page("ar", "Marks", body)).write_pdf())
    assert [word for word in MARKED_WORDS if word not in found] == MARKED_WORDS
