"""The IGF 2023 demo letter, rendered, holds every paragraph of the seed letter in both languages, every
Arabic word of it whole in Poppler's text layer, and is tagged (PDF/UA-1) Arabic first."""

import re
import subprocess
from pathlib import Path

from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.directory.models import Parliament
from plenary.invitations.letters import Recipient, letter_pdf

SEED = Path(__file__).parent / "data" / "igf2023-parliamentary-track-invitation.txt"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# pdftotext rebuilds the logical order of a right-to-left line from glyph positions, and it puts
# sentence punctuation that touches a number or a URL on the wrong side of it (".2023" for "2023."),
# and it joins a word broken at a hyphen. So the comparison keys keep every letter, digit and other
# sign in order, without white space, bidi controls, and . , : ; ، ؛ -
IGNORED = re.compile(r"[\s.,:;،؛\-]")


def key(text: str) -> str:
    return IGNORED.sub("", BIDI_CONTROLS.sub("", text))


def seed_text() -> str:
    """The seed letter, without the line naming its source."""
    return SEED.read_text(encoding="utf-8").split("\n", 1)[1]


def seed_paragraphs() -> list[str]:
    """The seed's paragraphs as a reader sees them (its Markdown links and <sup> taken off)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", seed_text()):
        text = re.sub(r"</?sup>", "", block)
        text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).replace("**", "")
        text = " ".join(text.split())
        if text:
            paragraphs.append(text)
    return paragraphs


def render_demo_letter(template, path: Path, *crop) -> str:
    japan = Parliament.objects.select_related("country").get(country__iso3="JPN")
    path.write_bytes(
        letter_pdf(template, Recipient(parliament=japan, reference="IPU/IGF/2023/1"), ["ar", "en"])
    )
    return pdf_text(path, *crop)


def without_foot_line(text: str) -> str:
    """The text without the English addressee line, which stands at the foot of the page and so
    falls, in the extracted text, between the two halves of a paragraph running on to page 2."""
    foot = key("To: Presidents of all IPU Groups")
    assert text.count(foot) == 1
    return text.replace(foot, "")


def test_every_seed_paragraph_is_in_the_pdf_in_both_languages(letter_template, artifacts_dir):
    pdf_path = artifacts_dir / "igf2023-letter.pdf"
    text = key(render_demo_letter(letter_template, pdf_path))
    paragraphs = seed_paragraphs()
    assert len(paragraphs) == 34
    rest = without_foot_line(text)
    missing = [
        paragraph for paragraph in paragraphs if key(paragraph) not in text and key(paragraph) not in rest
    ]
    assert missing == []
    assert key("3 آب/أغسطس 2023") in text
    assert key("3 August 2023") in text

    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path),
            str(artifacts_dir / "igf2023-letter-page1"),
        ],
        check=True,
    )
    assert (artifacts_dir / "igf2023-letter-page1.png").stat().st_size > 10_000


def test_each_language_starts_on_a_new_page_arabic_first(letter_template, tmp_path):
    render_demo_letter(letter_template, tmp_path / "letter.pdf")
    pages = pdf_text(tmp_path / "letter.pdf").split("\f")
    first_pages = [index for index, page in enumerate(pages) if "IPU/IGF/2023/1" in page]
    assert len(first_pages) == 2
    arabic_first, english_first = first_pages
    assert arabic_first == 0
    assert key("رؤساء البرلمانات الأعضاء") in key(pages[0])
    # English: the date heads the letter, the addressee line stands at the foot of its first page.
    english = [line for line in pages[english_first].splitlines() if line.strip()]
    assert english[1] == "3 August 2023"
    assert english[-1] == "To: Presidents of all IPU Groups"
    # Arabic: the addressee line heads the letter, the date under it.
    arabic = [key(line) for line in pages[0].splitlines() if line.strip()]
    assert arabic[1:3] == [
        key("الى: رؤساء البرلمانات الأعضاء في الاتحاد البرلماني الدولي"),
        key("3 آب/أغسطس 2023"),
    ]


def test_two_columns_keep_the_languages_level_arabic_on_the_right(letter_template, tmp_path):
    letter_template.layout = "columns"
    path = tmp_path / "columns.pdf"
    # A4 is 595 points wide: English in the left half, Arabic in the right half of every page.
    left = key(render_demo_letter(letter_template, path, "-x", "0", "-y", "0", "-W", "298", "-H", "842"))
    right = key(pdf_text(path, "-x", "298", "-y", "0", "-W", "297", "-H", "842"))
    english, arabic = [], []
    for paragraph in seed_paragraphs():
        (arabic if re.search("[\u0600-\u06ff]", paragraph) else english).append(paragraph)
    rest = without_foot_line(left)
    assert [p for p in english if key(p) not in left and key(p) not in rest] == []
    assert [p for p in arabic if key(p) not in right] == []


# An Arabic word: letters, the tatweel and the marks (harakat, shadda, tanween), as written.
ARABIC_WORD = re.compile("[\u0621-\u063a\u0640-\u065f\u0670-\u06d3]+")


def arabic_words(text: str) -> set[str]:
    return set(ARABIC_WORD.findall(text))


def test_every_arabic_word_of_the_seed_is_read_whole_by_pdftotext(letter_template, tmp_path):
    seed = arabic_words(seed_text())
    assert (len(seed), {"تشرين", "شكلاً", "عُقدت", "بناءً", "مختلفاً"} <= seed) == (235, True)
    assert seed - arabic_words(render_demo_letter(letter_template, tmp_path / "letter.pdf")) == set()


def test_in_two_columns_only_a_mark_before_a_final_full_stop_is_moved_by_pdftotext(letter_template, tmp_path):
    """Beside English, the page's Latin letters outnumber its Arabic ones, so Poppler orders the page
    left to right; its bidi pass then counts a word's final mark as neutral and puts it, with a full
    stop after it, outside the word: "مختلفاً." at a paragraph's end reads "مختلفا.ً"."""
    letter_template.layout = "columns"
    columns = render_demo_letter(letter_template, tmp_path / "columns.pdf")
    assert arabic_words(seed_text()) - arabic_words(columns) == {"مختلفاً"}


def test_the_letter_is_tagged_arabic_first_with_each_language_marked(letter_template, tmp_path):
    japan = Parliament.objects.select_related("country").get(country__iso3="JPN")
    pdf = letter_pdf(letter_template, Recipient(parliament=japan, reference="IPU/IGF/2023/1"), ["ar", "en"])
    # A section running on to a second page is a second structure element; Arabic comes first.
    assert pdf_tags(pdf) == PdfTags(
        tagged=True,
        marked=True,
        language="ar",
        title="المسار البرلماني لمنتدى حوكمة الإنترنت 2023",
        languages=[("Sect", "ar"), ("Sect", "ar"), ("Sect", "en"), ("Sect", "en")],
        alternative_texts=[],
    )
