"""Badge photos: only real, complete JPEG or PNG images within limits, re-encoded so nothing else
survives (no EXIF, GPS, comment or colour profile), kept in private storage."""

import io
import math
import re
import secrets
import time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from plenary.core.storage import private_storage

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 200
BADGE_SIZE = (600, 800)
# EXIF orientations that turn the picture a quarter turn (so its width becomes its height).
SIDEWAYS = {5, 6, 7, 8}
# A photo checked on a form that had another error waits here (under the member's id and a random
# token) for the corrected form, so the delegate does not choose the file again; a member has one
# at a time, and unused ones go after a day.
PENDING_DIR = "badges/pending"
# Where an image's data must end: JPEG's end-of-image marker (zero padding may follow), PNG's
# IEND chunk. Pillow pads a truncated image with grey when WeasyPrint, imported in the same
# process, has set ImageFile.LOAD_TRUNCATED_IMAGES, so completeness is checked here, on the bytes.
JPEG_END = b"\xff\xd9"
PNG_END = b"IEND\xaeB`\x82"
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
            if not _complete(probe.format, data):
                raise ValidationError(
                    _("This image is incomplete: the file was cut short. Choose it again."), code="truncated"
                )
            probe.verify()
        pixels_only = _badge_pixels(data)
        out = io.BytesIO()
        pixels_only.save(out, format="JPEG", quality=85)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not a readable JPEG or PNG image."), code="invalid") from None
    return ContentFile(out.getvalue(), name="photo.jpg")


def _badge_pixels(data: bytes) -> Image.Image:
    """The photo upright, in RGB, fitted within BADGE_SIZE, as a new image carrying nothing but pixels.

    A JPEG is decoded at a reduced scale (libjpeg's DCT scaling, through `draft`) no smaller than
    the badge size before the final resize: a 12-megapixel photo is then decoded at an eighth or a
    quarter of its pixels instead of all of them, which is most of the cost of re-encoding it."""
    with Image.open(io.BytesIO(data)) as image:
        turned = image.getexif().get(ExifTags.Base.Orientation, 1) in SIDEWAYS
        width, height = (image.height, image.width) if turned else image.size
        target = badge_size(width, height)
        image.draft(None, (target[1], target[0]) if turned else target)
        upright = ImageOps.exif_transpose(image).convert("RGB")
    if upright.size != target:
        upright = upright.resize(target, Image.Resampling.BICUBIC)
    pixels_only = Image.new("RGB", upright.size)
    pixels_only.paste(upright)
    return pixels_only


def badge_size(width: int, height: int) -> tuple[int, int]:
    """The size of a `width` x `height` picture fitted within BADGE_SIZE, keeping its aspect, never
    enlarged; rounded as Pillow's `Image.thumbnail` rounds (the nearer aspect of floor and ceil)."""
    box_width, box_height = BADGE_SIZE
    if width <= box_width and height <= box_height:
        return width, height
    aspect = width / height
    if box_width / box_height >= aspect:
        candidates = (math.floor(box_height * aspect), math.ceil(box_height * aspect))
        return max(min(candidates, key=lambda n: abs(aspect - n / box_height)), 1), box_height
    candidates = (math.floor(box_width / aspect), math.ceil(box_width / aspect))
    return box_width, max(min(candidates, key=lambda n: abs(aspect - box_width / n) if n else 0), 1)


def _complete(image_format: str, data: bytes) -> bool:
    if image_format == "JPEG":
        return data.rstrip(b"\x00").endswith(JPEG_END)
    return data.endswith(PNG_END)


def keep_pending(photo: ContentFile, member_id: int) -> str:
    """Store a re-encoded photo until the form is sent again, in place of the member's earlier
    one; return its token."""
    _prune_pending()
    _discard_member_pending(member_id)
    token = secrets.token_urlsafe(16)
    photo.seek(0)
    private_storage().save(_pending_name(member_id, token), photo)
    return token


def pending(token: str, member_id: int) -> ContentFile | None:
    """The photo the member kept under `token`, or None (no token, a forged one, or expired)."""
    if not token or not PENDING_TOKEN.match(token):
        return None
    storage = private_storage()
    name = _pending_name(member_id, token)
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as stored:
        return ContentFile(stored.read(), name="photo.jpg")


def discard_pending(token: str, member_id: int) -> None:
    if token and PENDING_TOKEN.match(token):
        private_storage().delete(_pending_name(member_id, token))


def _member_folder(member_id: int) -> str:
    return f"{PENDING_DIR}/{int(member_id)}"


def _pending_name(member_id: int, token: str) -> str:
    return f"{_member_folder(member_id)}/{token}.jpg"


def _discard_member_pending(member_id: int) -> None:
    storage = private_storage()
    try:
        _directories, names = storage.listdir(_member_folder(member_id))
    except FileNotFoundError:
        return
    for name in names:
        storage.delete(f"{_member_folder(member_id)}/{name}")


def _prune_pending() -> None:
    storage = private_storage()
    try:
        members, _names = storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return
    oldest_kept = time.time() - PENDING_LIFETIME_SECONDS
    for member in members:
        for name in storage.listdir(f"{PENDING_DIR}/{member}")[1]:
            path = f"{PENDING_DIR}/{member}/{name}"
            if storage.get_modified_time(path).timestamp() < oldest_kept:
                storage.delete(path)
