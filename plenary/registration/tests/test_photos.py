"""Re-encoding keeps the pixels only; an image cut short is refused whatever Pillow's global flag says."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

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
