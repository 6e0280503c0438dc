"""Badge photo re-encoding: a 12-megapixel phone photo, decoded at reduced size first, against the
way it was done before (decoding every pixel, then `thumbnail`).

Run: .venv/bin/python bench/photos.py [--quick]

Builds a 4000 x 3000 JPEG with noise and gradients (a flat colour would decode far faster than a
photo) and EXIF orientation 6 (taken holding the phone upright), under the 5 MB limit. Then, in
alternating rounds, times `photos.reencode` (validation, reduced-size decoding, resize, encoding)
and the same function with the full-size decoding it replaced. Prints the median time of each and
the ratio (goal >= 2).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
PHOTO_SIZE = (4000, 3000)


def phone_photo() -> bytes:
    """A 12-megapixel JPEG looking, to the decoder, like a photo: smooth gradients under noise."""
    from PIL import Image, ImageChops

    width, height = PHOTO_SIZE
    gradients = [
        Image.linear_gradient("L").resize(PHOTO_SIZE),
        Image.radial_gradient("L").resize(PHOTO_SIZE),
        Image.linear_gradient("L").rotate(90).resize(PHOTO_SIZE),
    ]
    noise = Image.effect_noise(PHOTO_SIZE, 16)
    channels = [ImageChops.add(gradient, noise, scale=1.3, offset=-40) for gradient in gradients]
    photo = Image.merge("RGB", channels)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=85, exif=exif)
    return out.getvalue()


def full_size_badge_pixels(data: bytes):
    """The way before: every pixel decoded, turned upright, then shrunk."""
    from PIL import Image, ImageOps

    from plenary.registration.photos import BADGE_SIZE

    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail(BADGE_SIZE)
    pixels_only = Image.new("RGB", upright.size)
    pixels_only.paste(upright)
    return pixels_only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 rounds instead of 12")
    args = parser.parse_args()
    rounds = 4 if args.quick else 12

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from plenary.registration import photos

    data = phone_photo()
    print(f"photo: {PHOTO_SIZE[0]} x {PHOTO_SIZE[1]}, {len(data) / 1e6:.1f} MB, EXIF orientation 6")

    def reencode() -> bytes:
        return photos.reencode(SimpleUploadedFile("photo.jpg", data)).read()

    def reencode_full_size() -> bytes:
        with mock.patch.object(photos, "_badge_pixels", full_size_badge_pixels):
            return reencode()

    with Image.open(io.BytesIO(reencode())) as new, Image.open(io.BytesIO(reencode_full_size())) as old:
        print(f"output: {new.size} (full-size decoding: {old.size})")
    new_times, old_times = [], []
    for _round in range(rounds):
        for way, times in ((reencode_full_size, old_times), (reencode, new_times)):
            start = time.perf_counter()
            way()
            times.append(time.perf_counter() - start)
    old_median, new_median = statistics.median(old_times), statistics.median(new_times)
    print(f"full-size decoding     {old_median * 1000:7.1f} ms per photo")
    print(f"reduced-size decoding  {new_median * 1000:7.1f} ms per photo")
    print(f"speed-up: {old_median / new_median:.2f}x (goal >= 2), {rounds} alternating rounds")


if __name__ == "__main__":
    main()
