"""An upload becomes a clean photo: decoded with the accepted formats only, oriented, in sRGB,
re-encoded as a JPEG without any metadata, and a thumbnail. The upload itself is never kept.

Why each step (shared/SECURITY.md, "Uploads"):
- `Image.open(..., formats=...)` tries only JPEG (an MPO, as many phone JPEGs are, opens
  through it), PNG, WebP and HEIF: no other decoder Pillow has (dozens, some rarely
  exercised) ever sees the bytes.
- The pixel count is checked from the header, before any decoding: Pillow only *warns* about a
  decompression bomb below twice MAX_IMAGE_PIXELS, so the warning is made an error as well.
- HEIF: libheif applies the container's rotation (irot/imir) while decoding and pillow-heif then
  resets the EXIF orientation it reports to 1 (keeping the first in info["original_orientation"]);
  iPhones write the rotation in both places, so EXIF orientation is applied to non-HEIF files
  only, and a rotated HEIC is turned once.
- A colour profile is converted to sRGB (ImageCms), not dropped: a Display P3 photo would look
  dull otherwise. The result carries no profile (viewers assume sRGB).
- Saving starts from an image whose `info` is empty and passes empty exif, comment and xmp:
  Pillow's JPEG writer copies `info["comment"]` (the COM segment) and `info["xmp"]` otherwise.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import (  # the plugins of the formats we take, registered before any open
    Image,
    ImageCms,
    ImageOps,
    JpegImagePlugin,  # noqa: F401
    MpoImagePlugin,  # noqa: F401  (what the JPEG plugin hands an MPO to)
    PngImagePlugin,  # noqa: F401
    WebPImagePlugin,  # noqa: F401
)
from pillow_heif import register_heif_opener

# HEIC/HEIF through pillow-heif; its thumbnails and depth images are not decoded (the primary
# image is all we keep).
register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

# Pillow's plugin ids. A JPEG with several pictures (a phone's depth map, a "motion" frame)
# opens through the JPEG plugin as an MPO; only its first frame is kept.
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
MEDIA_TYPE = "image/jpeg"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Limits:
    max_pixels: int = 50_000_000  # a 50 MP phone camera at full size; far below Pillow's 89 MP
    # The long side we keep: what the phone sends (photo-scale.js); a larger upload is shrunk.
    max_side: int = 1600
    thumb_side: int = 400
    quality: int = 85
    thumb_quality: int = 80


@dataclass(frozen=True)
class Processed:
    image: bytes  # JPEG, no metadata
    thumbnail: bytes  # JPEG, no metadata
    width: int
    height: int
    source_format: str


class PhotoRefused(ValueError):
    """The upload is not a photo we take; `code` is a message key (app/messages.py)."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def process(data, limits=Limits()):
    """Bytes of an upload -> Processed, or PhotoRefused saying what is wrong."""
    with warnings.catch_warnings():
        # Below 2 x MAX_IMAGE_PIXELS Pillow only warns; here that is a refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with _open(data, limits) as source:
                return _process(source, limits)
        except PhotoRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoRefused(
                "photo_too_many_pixels", max=limits.max_pixels // 1_000_000
            ) from None
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError) as error:
            # Pillow's decoders speak through these for a damaged or truncated file.
            raise PhotoRefused("photo_damaged") from error


def _open(data, limits):
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.UnidentifiedImageError:
        raise PhotoRefused("photo_not_an_image") from None
    width, height = image.size
    if width * height > limits.max_pixels:
        image.close()
        raise _too_many(limits)
    return image


def _too_many(limits):
    return PhotoRefused("photo_too_many_pixels", max=limits.max_pixels // 1_000_000)


def _process(source, limits):
    source_format = source.format
    heif = source_format == "HEIF"
    if source_format in ("JPEG", "MPO"):
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that still gives at least the size we
        # keep: the same pixels as decoding fully and shrinking, for a fraction of time and memory.
        # draft() keeps the EXIF orientation for exif_transpose below.
        source.draft("RGB", _draft_box(source.size, limits.max_side))
    source.load()  # frame 0 of an MPO or an animation; decoding errors surface here
    if not heif:
        ImageOps.exif_transpose(source, in_place=True)  # in place: no second full-size copy
    image = _to_srgb(source)
    image = _fit(image, limits.max_side)
    clean = _bare(image)
    thumb = clean.copy()
    thumb.thumbnail((limits.thumb_side, limits.thumb_side), Image.Resampling.LANCZOS, 2.0)
    return Processed(
        image=_jpeg(clean, limits.quality),
        thumbnail=_jpeg(thumb, limits.thumb_quality),
        width=clean.width,
        height=clean.height,
        source_format=source_format,
    )


def _draft_box(size, max_side):
    """The box draft() must not go below: the kept size along each side (orientation unknown
    yet, so along the long side whichever way up)."""
    width, height = size
    scale = min(1.0, max_side / max(width, height))
    return (max(1, int(width * scale)), max(1, int(height * scale)))


def _to_srgb(image):
    """RGB in sRGB: a profile is converted, alpha laid on white, every other mode converted."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        except (OSError, ImageCms.PyCMSError):
            profile = None  # an unreadable profile: take the colours as they are
        if profile is not None:
            if image.mode not in ("RGB", "CMYK", "L"):
                image = image.convert("RGB")
            try:
                return ImageCms.profileToProfile(image, profile, SRGB, outputMode="RGB")
            except ImageCms.PyCMSError:
                pass  # a profile for other pixels (a LAB one on RGB): take them as they are
    return image if image.mode == "RGB" else image.convert("RGB")


def _fit(image, max_side):
    """Down to the long side we keep, in place. After draft() the step left is small (2000 to
    1600 for a 12 MP photo), where bicubic looks as good as LANCZOS at about half its time
    (bench/photo_pipeline.py); reducing_gap first shrinks a larger one by whole factors."""
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.BICUBIC, 3.0)
    return image


def _bare(image):
    """The same pixels with nothing else: no info (comment, xmp, exif, icc, dpi), no EXIF."""
    image.info = {}
    if hasattr(image, "_exif"):
        image._exif = None
    return image


def _jpeg(image, quality):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=b"", comment=b"", xmp=b"", icc_profile=None)
    return out.getvalue()
