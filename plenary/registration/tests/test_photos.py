"""Re-encoding keeps the pixels only; an image cut short is refused whatever Pillow's global flag says."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile, ImageOps

from plenary.registration import photos


def jpeg(**options) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 500), 60).convert("RGB").save(out, format="JPEG", **options)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 500), 60).convert("RGB").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def weasyprint_loaded(monkeypatch):
    """What importing WeasyPrint does to every later image opened in the process."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


def test_a_jpeg_comment_does_not_survive_reencoding():
    upload = SimpleUploadedFile("p.jpg", jpeg(comment=b"passport scan of someone else"))
    reencoded = photos.reencode(upload).read()
    with Image.open(io.BytesIO(reencoded)) as image:
        assert (image.format, image.info.get("comment"), b"\xff\xfe" in reencoded[:200]) == (
            "JPEG",
            None,
            False,
        )
    assert b"passport scan" not in reencoded


@pytest.mark.parametrize("data", [jpeg(), jpeg(progressive=True), png()], ids=["jpeg", "progressive", "png"])
@pytest.mark.parametrize("kept", [0.5, 0.99])
def test_a_truncated_image_is_refused_even_when_pillow_would_pad_it(weasyprint_loaded, data, kept):
    with pytest.raises(ValidationError) as error:
        photos.reencode(SimpleUploadedFile("p.jpg", data[: int(len(data) * kept)]))
    assert (error.value.code, error.value.messages) == (
        "truncated",
        ["This image is incomplete: the file was cut short. Choose it again."],
    )


@pytest.mark.parametrize("data", [jpeg(), png()], ids=["jpeg", "png"])
def test_a_complete_image_is_accepted_with_the_flag_set(weasyprint_loaded, data):
    with Image.open(photos.reencode(SimpleUploadedFile("p", data))) as image:
        assert (image.format, image.size) == ("JPEG", (400, 500))


QUADRANTS = ((255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0))


def quadrant_photo(size, orientation: int) -> bytes:
    """A JPEG of four coloured quadrants (red, green / blue, yellow) stored with an EXIF orientation."""
    width, height = size
    image = Image.new("RGB", size)
    for index, colour in enumerate(QUADRANTS):
        left, top = (index % 2) * width // 2, (index // 2) * height // 2
        image.paste(colour, (left, top, left + width // 2, top + height // 2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Phone maker"
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95, exif=exif)
    return out.getvalue()


def quadrant_colours(image) -> list:
    """The colour at the middle of each quadrant, rounded to the nearest pure colour."""
    width, height = image.size
    centres = [(width // 4, height // 4), (3 * width // 4, height // 4)]
    centres += [(width // 4, 3 * height // 4), (3 * width // 4, 3 * height // 4)]
    return [tuple(255 * (channel > 127) for channel in image.convert("RGB").getpixel(xy)) for xy in centres]


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("size", [(2400, 1800), (1800, 2400), (1000, 1000), (500, 300)])
def test_a_photo_is_turned_upright_fitted_and_stripped_as_full_size_decoding_did(size, orientation):
    data = quadrant_photo(size, orientation)
    with Image.open(io.BytesIO(data)) as original:
        expected = ImageOps.exif_transpose(original).convert("RGB")
    expected.thumbnail(photos.BADGE_SIZE)
    with Image.open(photos.reencode(SimpleUploadedFile("p.jpg", data))) as image:
        assert (image.format, image.mode, image.size, dict(image.getexif()), "exif" in image.info) == (
            "JPEG",
            "RGB",
            expected.size,
            {},
            False,
        )
        assert quadrant_colours(image) == quadrant_colours(expected)


@pytest.mark.parametrize(
    "size",
    [(4000, 3000), (3000, 4000), (4032, 3024), (601, 801), (1234, 567), (200, 5000), (599, 799), (600, 800)],
)
def test_the_badge_size_is_the_size_thumbnail_gives(size):
    image = Image.new("1", size)
    image.thumbnail(photos.BADGE_SIZE)
    assert photos.badge_size(*size) == image.size
