"""Badge photos: only real JPEG or PNG images within limits, re-encoded so nothing else survives."""

import io
import re
import secrets
import time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 200
BADGE_SIZE = (600, 800)
# A photo checked on a form that had another error waits here (under a random token) for the
# corrected form, so the delegate does not choose the file again; unused ones go after a day.
PENDING_DIR = "badges/pending"
PENDING_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")
PENDING_LIFETIME_SECONDS = 24 * 3600


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


def keep_pending(photo: ContentFile) -> str:
    """Store a re-encoded photo until the form is sent again; return its token."""
    _prune_pending()
    token = secrets.token_urlsafe(16)
    photo.seek(0)
    default_storage.save(f"{PENDING_DIR}/{token}.jpg", photo)
    return token


def pending(token: str) -> ContentFile | None:
    """The photo kept under `token`, or None (no token, a forged one, or expired)."""
    if not token or not PENDING_TOKEN.match(token):
        return None
    name = f"{PENDING_DIR}/{token}.jpg"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        return ContentFile(stored.read(), name="photo.jpg")


def discard_pending(token: str) -> None:
    if token and PENDING_TOKEN.match(token):
        default_storage.delete(f"{PENDING_DIR}/{token}.jpg")


def _prune_pending() -> None:
    try:
        _directories, names = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return
    oldest_kept = time.time() - PENDING_LIFETIME_SECONDS
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path).timestamp() < oldest_kept:
            default_storage.delete(path)
