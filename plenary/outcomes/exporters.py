"""The document and its feedback in other formats: what each paragraph shows in a language, the PDF,
the DOCX (right-to-left paragraphs for Arabic), and the comments and amendments as CSV / XLSX."""

import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from plenary.core.languages import NATIVE_NAMES, semicolon, text_direction
from plenary.core.pdf import render_pdf
from plenary.core.tabular import write_csv, write_xlsx
from plenary.core.translation import TranslatedText
from plenary.outcomes import selectors


@dataclass
class Shown:
    """A paragraph as shown in a requested language: its verified text, or else the original, marked."""

    language: str
    text: str
    missing: bool
    requested: str

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def note(self) -> str:
        if not self.missing:
            return ""
        with translation.override(self.requested):
            return _("Not yet translated into %(language)s; the original (%(original)s) is shown.") % {
                "language": NATIVE_NAMES[self.requested],
                "original": NATIVE_NAMES[self.language],
            }


def shown(row, language: str) -> Shown:
    if row.status.get(language) == "verified" and row.text.get(language):
        return Shown(language, row.text[language], False, language)
    return Shown(row.source_language, row.text.get(row.source_language, ""), True, language)


def _title(value, language: str) -> dict:
    """A section title in `language` (or its fallback), with the language it is really in."""
    title = TranslatedText.coerce(value)
    served = title.language_served(language) or language
    return {"language": served, "requested": language, "text": title.get(language)}


def document_view(version, rows, languages: list[str]) -> list[dict]:
    """Sections with their titles and paragraphs, each paragraph shown in every requested language."""
    return [
        {
            "titles": [_title(group["section"].title, code) for code in languages],
            "paragraphs": [
                {
                    "row": row,
                    "cells": [shown(row, code) for code in languages],
                    "sessions": selectors.sessions_of(row),
                }
                for row in group["paragraphs"]
            ],
        }
        for group in selectors.sections(rows)
    ]


def pdf(version, languages: list[str]) -> bytes:
    rows = selectors.paragraphs(version)
    sections = document_view(version, rows, languages)
    used = set(languages) | {row.source_language for row in rows}
    context = {
        "version": version,
        "document": version.document,
        "languages": [{"code": code, "direction": text_direction(code)} for code in languages],
        "sections": sections,
        "columns": len(languages),
    }
    return render_pdf("outcomes/pdf.html", context, languages=[*languages, *sorted(used - set(languages))])


def _rtl(paragraph) -> None:
    """Mark a python-docx paragraph and its runs right-to-left (w:bidi, w:rtl)."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _write(container, text: str, language: str, *, bold=False, italic=False, style=None):
    paragraph = container.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if language == "ar":
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:cs"), "Amiri")
        _rtl(paragraph)
    return paragraph


def docx(version, languages: list[str]) -> bytes:
    rows = selectors.paragraphs(version)
    sections = document_view(version, rows, languages)
    document = DocxDocument()
    document.styles["Normal"].font.size = Pt(11)
    first = languages[0]
    with translation.override(first):
        title = TranslatedText.coerce(version.document.title)
        for code in languages:
            _write(document, title.get(code), code, bold=True, style="Title" if code == first else None)
        for section in sections:
            table = document.add_table(rows=0, cols=len(languages)) if len(languages) > 1 else None
            if table is None:
                _write(document, section["titles"][0]["text"], first, style="Heading 1")
            else:
                cells = table.add_row().cells
                for cell, item in zip(cells, section["titles"], strict=True):
                    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                    _write(cell, item["text"], item["language"], bold=True)
            for paragraph in section["paragraphs"]:
                cells = table.add_row().cells if table is not None else [document]
                for cell, item in zip(cells, paragraph["cells"], strict=True):
                    if table is not None:
                        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                    _write(cell, f"{paragraph['row'].number}. {item.text}", item.language)
                    if item.missing:
                        _write(cell, item.note, item.requested, italic=True)
                if paragraph["sessions"] and table is None:
                    names = semicolon(first).join(
                        str(session.title.get(first)) for session in paragraph["sessions"]
                    )
                    _write(
                        document,
                        _("From the sessions: %(sessions)s") % {"sessions": names},
                        first,
                        italic=True,
                    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def feedback_table(version) -> tuple[list[str], list[list[str]]]:
    comments, amendments = selectors.feedback_rows(version)
    header = [
        _("paragraph"),
        _("type"),
        pgettext("comment author", "by"),
        _("stance or change"),
        _("language"),
        _("text"),
        _("status"),
        _("reason"),
        _("taken into version"),
        _("date"),
    ]
    rows = [
        [
            item.paragraph_version.number,
            _("comment"),
            item.author.get_full_name() or item.author.email,
            item.get_stance_display(),
            item.language,
            item.text,
            "",
            "",
            "",
            item.created_at.isoformat(timespec="minutes"),
        ]
        for item in comments
    ] + [
        [
            item.paragraph_version.number,
            _("amendment"),
            item.author.get_full_name() or item.author.email,
            item.get_kind_display(),
            item.language,
            item.text,
            item.get_status_display(),
            item.reason,
            item.taken_in.number if item.taken_in else "",
            item.created_at.isoformat(timespec="minutes"),
        ]
        for item in amendments
    ]
    rows.sort(key=lambda row: (row[0], row[-1]))
    return header, rows


def feedback_csv(version) -> bytes:
    return write_csv(*feedback_table(version))


def feedback_xlsx(version) -> bytes:
    return write_xlsx(*feedback_table(version), sheet_title=_("Feedback"))
