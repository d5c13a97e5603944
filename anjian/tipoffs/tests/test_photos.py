"""Tip-off photos lose their metadata on intake: no GPS, camera or author reaches the handler or the department."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image, PngImagePlugin

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.tipoffs import services
from anjian.tipoffs.errors import TipOffInvalid
from anjian.tipoffs.models import TipOff

from .conftest import challenge_of

AUTHOR = "Ouyang Miju"
CAMERA = "AcmeCam"


def _phone_photo(orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: GPS position, camera make and model, author, a comment."""
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = AUTHOR
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Model] = "Model X"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (34.0, 47.0, 30.0), 3: "E", 4: (114.0, 18.0, 0.0)}
    out = BytesIO()
    img.save(out, "JPEG", exif=exif, comment=f"taken by {AUTHOR}".encode())
    return out.getvalue()


def _png_with_author() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR)
    info.add_itxt("Description", "欧阳秘举拍摄")
    out = BytesIO()
    Image.new("RGBA", (20, 10), (0, 120, 0, 255)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _assert_clean(data: bytes) -> Image.Image:
    assert b"Exif" not in data and AUTHOR.encode() not in data and CAMERA.encode() not in data
    assert "欧阳".encode() not in data
    img = Image.open(BytesIO(data))
    assert not img.getexif() and "comment" not in img.info and "exif" not in img.info
    assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return img


def test_the_test_photo_really_carries_gps_and_author() -> None:
    data = _phone_photo()
    exif = Image.open(BytesIO(data)).getexif()
    assert exif[ExifTags.Base.Artist] == AUTHOR and exif.get_ifd(ExifTags.IFD.GPSInfo)[1] == "N"


def test_a_photo_filed_through_the_portal_reaches_the_handler_without_metadata(
        client: Client, world: World, handler: User, settings: Any) -> None:
    page = client.get(reverse("tipoffs:submit"))
    filed = client.post(reverse("tipoffs:submit"), {
        "region": world.county.pk, "category": "gas", "place": "集市东口", "description": "违规充装",
        "photos": [SimpleUploadedFile(f"{AUTHOR}.jpg", _phone_photo(), content_type="image/jpeg"),
                   SimpleUploadedFile("b.png", _png_with_author(), content_type="image/png")],
        **challenge_of(page)})
    assert filed.status_code == 302
    tipoff = TipOff.objects.get()
    jpeg, png = tipoff.photos.all()
    # the stored files: pixels only, and nothing of the uploads kept anywhere under the media folder
    on_disk = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert len(on_disk) == 2
    for path in on_disk:
        _assert_clean(path.read_bytes())
    # what the handler's browser receives
    viewer = Client()
    viewer.force_login(handler)
    response = viewer.get(reverse("tipoffs:photo", args=[tipoff.pk, jpeg.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    shown = _assert_clean(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert shown.size == (64, 48)
    red, green, blue = shown.convert("RGB").getpixel((32, 24))  # type: ignore[misc]
    assert red > 150 and green < 80 and blue < 80  # still the same picture
    with png.file.open("rb") as fh:
        assert _assert_clean(fh.read()).size == (20, 10)


def test_the_picture_stays_upright_when_its_orientation_tag_goes(world: World) -> None:
    # a phone held upright stores the picture sideways and says "rotate 90°" (orientation 6) in EXIF
    filed = services.submit_tipoff(region=world.county, category="gas", place="p", description="d",
                                   photos=[("a.jpg", _phone_photo(orientation=6))])
    with filed.tipoff.photos.get().file.open("rb") as fh:
        assert _assert_clean(fh.read()).size == (48, 64)


@pytest.mark.parametrize("content", [b"%PDF-1.7\n" + b"x" * 100, b"GIF89a-not-really", b"BM" + b"\0" * 60])
def test_what_is_not_a_photo_is_refused_and_nothing_stored(world: World, content: bytes) -> None:
    with pytest.raises(TipOffInvalid, match="图片"):
        services.submit_tipoff(region=world.county, category="gas", place="p", description="d",
                               photos=[("a.jpg", content)])
    assert not TipOff.objects.exists()
