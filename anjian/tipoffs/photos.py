"""Tip-off photos re-encoded on intake: the picture is kept, everything else a camera or phone wrote is not.

A phone photo carries EXIF (GPS position, camera make and serial, owner or author name, time), XMP, ICC
profiles and comments; shown to the handler and the department they can point at the reporter. The photo is
decoded and a fresh image made from its pixels alone, so no metadata block survives, and only that copy is
stored: the uploaded bytes are kept nowhere.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from anjian.ledger.evidence import MAX_PIXELS
from anjian.tipoffs.errors import TipOffInvalid

# Decoded format → stored format and file suffix; GIF becomes PNG (first frame), as it has no photo quality.
_OUTPUT = {"JPEG": ("JPEG", ".jpg"), "PNG": ("PNG", ".png"), "WEBP": ("WEBP", ".webp"), "GIF": ("PNG", ".png")}
_NOT_AN_IMAGE = "举报照片仅支持图片格式（JPEG、PNG、WebP、GIF）/ photos must be JPEG, PNG, WebP or GIF images"


@dataclass(frozen=True)
class CleanPhoto:
    """A photo's pixels in a freshly encoded file, with no metadata, and the suffix of its format."""

    content: bytes
    suffix: str


def _pixels_only(img: Image.Image, target: str) -> Image.Image:
    """A new image holding only the pixels (in a mode the target format writes): its `info` is empty."""
    has_alpha = "A" in img.mode or "transparency" in img.info
    if target == "JPEG":
        mode = "L" if img.mode in {"1", "L"} else "RGB"
    else:
        mode = img.mode if img.mode in {"L", "LA", "RGB", "RGBA"} else ("RGBA" if has_alpha else "RGB")
    if img.mode != mode:
        img = img.convert(mode)
    return Image.frombytes(img.mode, img.size, img.tobytes())


def without_metadata(content: bytes) -> CleanPhoto:
    """Decode an uploaded photo and encode its pixels again; anything that is not such an image is refused."""
    if len(content) > settings.ANJIAN_EVIDENCE_MAX_BYTES:
        raise TipOffInvalid(f"照片超过 {settings.ANJIAN_EVIDENCE_MAX_BYTES // (1024 * 1024)} MB 上限 / photo too large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(content)) as img:
                if img.format not in _OUTPUT:
                    raise TipOffInvalid(_NOT_AN_IMAGE)
                if img.width * img.height > MAX_PIXELS:
                    raise TipOffInvalid("照片像素过多，请缩小后再上传 / the photo has too many pixels")
                target, suffix = _OUTPUT[img.format]
                # Applied before the orientation tag is dropped with the rest, so the picture stays upright.
                upright = ImageOps.exif_transpose(img) or img
                clean = _pixels_only(upright, target)
    except TipOffInvalid:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as exc:
        raise TipOffInvalid(_NOT_AN_IMAGE) from exc
    out = BytesIO()
    options = {"quality": 90} if target in {"JPEG", "WEBP"} else {}
    clean.save(out, target, **options)
    return CleanPhoto(content=out.getvalue(), suffix=suffix)
