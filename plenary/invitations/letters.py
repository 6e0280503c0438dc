"""Letters: placeholders resolved per addressee and language, Markdown made safe, HTML, then PDF.

A placeholder is a name in braces, e.g. {parliament}. Every value is escaped for Markdown before it
is put in the text, so a parliament's name can never turn into a link, emphasis or HTML.
"""

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from plenary.core.dates import format_date, format_date_range
from plenary.core.languages import language_name, text_direction
from plenary.core.markup import escape_markdown, render_markdown
from plenary.core.pdf import FONTS, check_fonts, html_to_pdf

PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")

PLACEHOLDERS = {
    "addressee_title": _("the addressee's title, e.g. Hon."),
    "addressee_name": _("the addressee's name"),
    "addressee_function": _("the addressee's function, e.g. Speaker"),
    "parliament": _("the parliament's name"),
    "country": _("the country's official UN name"),
    "forum": _("the forum's name"),
    "forum_theme": _("the forum's theme"),
    "forum_dates": _("the forum's dates, long form"),
    "track": _("the track's name"),
    "track_theme": _("the track's theme"),
    "track_dates": _("the track's dates, long form"),
    "city": _("the host city"),
    "venue": _("the venue"),
    "contact_name": _("the contact person"),
    "contact_email": _("the contact e-mail address, as a link"),
    "documents": _("the track's documents, as a list of links"),
    "reference": _("the letter's reference number"),
    "date": _("the letter's date"),
}

# Fields of a letter template that may hold placeholders.
TEXT_FIELDS = (
    "letterhead",
    "addressee_line",
    "salutation",
    "body",
    "closing",
    "enclosures",
    "email_subject",
    "email_body",
)


def unknown_placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS))


def placeholder_errors(template) -> dict[str, list[str]]:
    """{field name: [messages]} for every unknown placeholder in any language of the template."""
    errors: dict[str, list[str]] = {}
    for name in TEXT_FIELDS:
        for language, text in getattr(template, name).values.items():
            unknown = unknown_placeholders(text)
            if unknown:
                errors.setdefault(name, []).append(
                    _("Unknown placeholder(s) in the %(language)s text: %(names)s. Known: %(known)s.")
                    % {
                        "language": language_name(language),
                        "names": ", ".join(f"{{{unknown_name}}}" for unknown_name in unknown),
                        "known": ", ".join(f"{{{known}}}" for known in PLACEHOLDERS),
                    }
                )
    return errors


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text or "")


@dataclass
class Recipient:
    """Who a letter is for: the parliament, and the person it is addressed to (when known)."""

    parliament: object
    addressee: object = None
    addressee_function: object = None
    reference: str = ""
    document_links: dict = field(default_factory=dict)


def placeholder_values(template, recipient: Recipient, language: str) -> dict[str, str]:
    """Every placeholder's value in `language`, already escaped for Markdown."""
    track = template.track
    forum = track.forum
    parliament = recipient.parliament
    country = parliament.country
    person = recipient.addressee
    if person is not None:
        name = (
            person.name_arabic
            if language == "ar" and person.name_arabic
            else (f"{person.given_name} {person.family_name}")
        )
        title = person.honorific
    else:
        name = title = ""
    plain = {
        "addressee_title": title,
        "addressee_name": name,
        "addressee_function": recipient.addressee_function.name.get(language)
        if recipient.addressee_function
        else "",
        "parliament": parliament.name.get(language),
        "country": (country.formal_name.get(language) or country.name.get(language)),
        "forum": forum.name.get(language),
        "forum_theme": forum.theme.get(language),
        "forum_dates": format_date_range(forum.start_date, forum.end_date, language),
        "track": track.name.get(language),
        "track_theme": track.theme.get(language),
        "track_dates": format_date_range(track.start_date, track.end_date, language),
        "city": forum.city.get(language),
        "venue": forum.venue.get(language),
        "contact_name": track.contact_name,
        "reference": recipient.reference,
        "date": format_date(template.letter_date, language),
    }
    values = {key: escape_markdown(value) for key, value in plain.items()}
    email = track.contact_email
    values["contact_email"] = f"[{escape_markdown(email)}](mailto:{email})" if email else ""
    links = recipient.document_links.get(language, [])
    values["documents"] = "\n".join(f"- [{escape_markdown(title)}]({url})" for title, url in links)
    return values


LINK_TEXT = re.compile(r"(<a\b[^>]*>)(.*?)(</a>)", re.DOTALL)


def _html(text: str, values: dict, direction: str) -> str:
    html = render_markdown(fill(text, values))
    if direction == "rtl":
        # A URL or an e-mail address inside Arabic keeps its own left-to-right order (Unicode isolates).
        html = mark_safe(LINK_TEXT.sub("\\1\u2066\\2\u2069\\3", html))  # noqa: S308 (already sanitised)
    return html


def letter_sections(template, recipient: Recipient, languages, signatures=None) -> list[dict]:
    signatures = list(template.signatures.all()) if signatures is None else signatures
    sections = []
    for language in languages:
        values = placeholder_values(template, recipient, language)
        direction = text_direction(language)
        sections.append(
            {
                "language": language,
                "dir": direction,
                "font": FONTS[language][0],
                "letterhead": _html(template.letterhead.get(language), values, direction),
                "addressee_line": _html(template.addressee_line.get(language), values, direction),
                "date": format_date(template.letter_date, language),
                "reference": recipient.reference,
                "salutation": _html(template.salutation.get(language), values, direction),
                "body": _html(template.body.get(language), values, direction),
                "closing": _html(template.closing.get(language), values, direction),
                "signatures": [
                    _html(signature.text.get(language), values, direction) for signature in signatures
                ],
                "enclosures": _html(template.enclosures.get(language), values, direction),
            }
        )
    return sections


TOP_LEVEL_TAG = re.compile(r"<(/?)(p|ul|ol|blockquote)\b[^>]*>")


def blocks(html: str) -> list[str]:
    """The top-level paragraphs and lists of rendered Markdown, one string each."""
    found, depth, start = [], 0, 0
    for match in TOP_LEVEL_TAG.finditer(html):
        if match.group(1):
            depth -= 1
            if depth == 0:
                found.append(html[start : match.end()].strip())
                start = match.end()
        else:
            if depth == 0:
                start = match.start()
            depth += 1
    return found


def column_rows(sections: list[dict]) -> list[list[dict]]:
    """Two (or more) languages side by side: the n-th paragraph of each language on one row, so
    that the versions stay level across pages."""
    per_language = [blocks(section["body"]) for section in sections]
    rows = []
    for index in range(max((len(found) for found in per_language), default=0)):
        rows.append(
            [
                {"section": section, "html": mark_safe(found[index] if index < len(found) else "")}  # noqa: S308
                for section, found in zip(sections, per_language, strict=True)
            ]
        )
    return rows


def letter_html(template, recipient: Recipient, languages, *, signatures=None, request=None) -> str:
    """The letter as one HTML document; with `request`, its style carries the page's CSP nonce."""
    languages = list(languages)
    sections = letter_sections(template, recipient, languages, signatures)
    context = {
        "template": template,
        "layout": template.layout,
        "sections": sections,
        "body_rows": column_rows(sections) if template.layout == "columns" else [],
    }
    with translation.override(languages[0]):
        return render_to_string("invitations/letter.html", context, request=request)


def letter_pdf(template, recipient: Recipient, languages, *, signatures=None) -> bytes:
    check_fonts(languages)
    return html_to_pdf(letter_html(template, recipient, languages, signatures=signatures))
