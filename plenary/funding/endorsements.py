"""Endorsement letters: a complete PDF within limits, checked before it is stored (as badge photos are)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024
PDF_HEADER = b"%PDF-"
PDF_END = b"%%EOF"
# A PDF ends with %%EOF, possibly followed by a line end or a little padding.
END_WINDOW = 1024


def check_letter(upload) -> None:
    """Refuse anything but a complete PDF of at most 10 MB; leave the upload ready to be read again."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The endorsement letter is larger than 10 MB."), code="too_large")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(PDF_HEADER) or PDF_END not in data[-END_WINDOW:]:
        raise ValidationError(_("The endorsement letter must be a PDF file."), code="format")
