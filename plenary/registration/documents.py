"""Badges and visa support letters as PDF (core.pdf: WeasyPrint, fonts embedded)."""

from pathlib import Path

import segno
from django.utils import timezone

from plenary.core.languages import normalise
from plenary.core.pdf import render_pdf
from plenary.registration.links import badge_code


def _badge(registration) -> dict:
    qr = segno.make(badge_code(registration), error="m")
    photo = registration.photo
    return {
        "registration": registration,
        "parliament": registration.delegation.parliament,
        "qr": qr.svg_data_uri(scale=4, border=1),
        "photo": Path(photo.path).as_uri() if photo and Path(photo.path).exists() else "",
    }


def badges_pdf(track, registrations) -> bytes:
    """One A6 page per badge, in the order given (batch printing sorts by country)."""
    badges = [_badge(registration) for registration in registrations]
    return render_pdf(
        "registration/pdf/badges.html",
        {"track": track, "forum": track.forum, "badges": badges},
        languages=["en", "ar"],
    )


def visa_letter_pdf(registration) -> bytes:
    track = registration.track
    language = normalise(registration.language)
    languages = list(dict.fromkeys(["en", language]))
    return render_pdf(
        "registration/pdf/visa_letter.html",
        {
            "registration": registration,
            "track": track,
            "forum": track.forum,
            "signatory": track.signatories.first(),
            "languages": languages,
            "today": timezone.localdate(),
        },
        languages=[*languages, "ar"],
        language="en",
    )
