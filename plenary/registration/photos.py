"""Badge photos: only real JPEG or PNG images within limits, re-encoded so nothing else survives."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 200
BADGE_SIZE = (600, 800)


def reencode(upload) -> ContentFile:
    """Validate an uploaded photo and return it as a fresh JPEG without metadata."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB."), code="too_large")
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("JPEG", "PNG"):
                raise ValidationError(_("The photo must be a JPEG or PNG image."), code="format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels (at most 40 million)."), code="pixels")
            if min(width, height) < MIN_SIDE:
                raise ValidationError(
                    _("The photo is too small: at least 200 pixels on each side."), code="too_small"
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail(BADGE_SIZE)
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not a readable JPEG or PNG image."), code="invalid") from None
    return ContentFile(out.getvalue(), name="photo.jpg")
