"""Badges and visa support letters as PDF (core.pdf: WeasyPrint, fonts embedded)."""

from pathlib import Path

import segno
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from plenary.core.languages import normalise, text_direction
from plenary.core.pdf import render_pdf
from plenary.registration.links import badge_code
from plenary.registration.models import Mode

MODE_ON_BADGE = {Mode.ONSITE: pgettext_lazy("badge", "Onsite"), Mode.ONLINE: pgettext_lazy("badge", "Online")}


# Choosing the QR code's mask by trying all eight took two thirds of a badge's time outside
# WeasyPrint; every reader decodes any mask, so the badge uses one.
QR_MASK = 2


def _badge(registration) -> dict:
    qr = segno.make(badge_code(registration), error="m", mask=QR_MASK)
    photo = registration.photo
    return {
        "registration": registration,
        "parliament": registration.delegation.parliament,
        "qr": qr.svg_data_uri(scale=4, border=1),
        "photo": Path(photo.path).as_uri() if photo and Path(photo.path).exists() else "",
        "captions": _badge_captions(registration),
        **_honorifics(registration.honorific),
    }


def _honorifics(honorific: str) -> dict:
    """An honorific typed in Arabic script goes with the Arabic-script name, not the passport's."""
    in_arabic = any("\u0600" <= char <= "\u06ff" for char in honorific)
    return {
        "honorific_latin": "" if in_arabic else honorific,
        "honorific_arabic": honorific if in_arabic else "",
    }


def _badge_captions(registration) -> list[dict]:
    """Role and participation in English, the venue's working language, then in the delegate's."""
    captions = []
    for language in dict.fromkeys(["en", normalise(registration.language)]):
        with translation.override(language):
            role = (
                registration.member.get_role_display()
                if registration.member
                else registration.get_kind_display()
            )
            captions.append(
                {
                    "language": language,
                    "direction": text_direction(language),
                    "role": str(role),
                    "mode": str(MODE_ON_BADGE[registration.mode]),
                }
            )
    return captions


BADGE_SIZES = ("a6", "card")


def badges_pdf(track, registrations, size: str = "a6") -> bytes:
    """One page per badge, in the order given (batch printing sorts by country): A6 portrait for a
    lanyard pocket, or credit-card (ID-1, 85.6 × 54 mm) for a card printer."""
    if size not in BADGE_SIZES:
        raise ValueError(f"unknown badge size {size!r}")
    badges = [_badge(registration) for registration in registrations]
    languages = {caption["language"] for badge in badges for caption in badge["captions"]}
    return render_pdf(
        "registration/pdf/badges.html",
        {"track": track, "forum": track.forum, "badges": badges, "size": size},
        languages=["en", "ar", *sorted(languages - {"en", "ar"})],
    )


def visa_letter_pdf(registration) -> bytes:
    """English and the delegate's language; the delegate is named as in the passport."""
    track = registration.track
    languages = list(dict.fromkeys(["en", normalise(registration.language)]))
    letters = [
        {"language": language, "name": _name_in_letter(registration, language)} for language in languages
    ]
    return render_pdf(
        "registration/pdf/visa_letter.html",
        {
            "registration": registration,
            "track": track,
            "forum": track.forum,
            "signatory": track.signatories.first(),
            "letters": letters,
            "today": timezone.localdate(),
        },
        languages=[*languages, "ar"],
        language="en",
    )


def _name_in_letter(registration, language: str) -> str:
    """Given names and FAMILY NAME as in the passport; an Arabic letter puts the Arabic-script name
    first, with the passport's spelling isolated so that the bidi algorithm keeps it in order."""
    passport_name = f"{registration.given_name} {registration.family_name.upper()}"
    if language == "ar" and registration.name_arabic:
        return f"{registration.name_arabic} (\u2066{passport_name}\u2069)"
    return passport_name
