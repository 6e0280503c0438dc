"""An attachment to a query: a PDF or a PNG/JPEG image, at most 5 MB, checked on its bytes (a PDF's
header and end marker, an image that Pillow decodes completely), stored in private storage."""

import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
TOO_LARGE = _("The attachment is larger than 5 MB.")
WRONG_KIND = _("The attachment must be a PDF document or a PNG or JPEG image.")


def checked(name: str, data: bytes) -> ContentFile:
    """The file to store, named safely; ValidationError if it is too large or not what it claims."""
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    extension = _kind(data)
    stem = get_valid_filename(PurePosixPath(name or "attachment").stem)[:80] or "attachment"
    return ContentFile(data, name=f"{stem}.{extension}")


def _kind(data: bytes) -> str:
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
        return "pdf"
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = IMAGE_FORMATS.get(image.format)
            if kind is None:
                raise ValidationError(WRONG_KIND, code="format")
            image.load()
            return kind
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(WRONG_KIND, code="format") from None


def from_upload(upload) -> ContentFile | None:
    if not upload:
        return None
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    return checked(upload.name, upload.read())
