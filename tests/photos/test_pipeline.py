"""The image pipeline on photos made here: what comes out carries no metadata at all (read back
with Pillow and searched byte by byte), is the right way up once, in sRGB, and anything that is
not a photo we take is refused with a reason."""

import io

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat

from app.photos import pipeline
from tests.photos import images

LIMITS = pipeline.Limits()


def _no_metadata(data):
    for marker in images.MARKERS + images.SIGNATURES:
        assert marker not in data, marker
    image = images.reads_back(data)
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density"}, image.info
    # Only the JFIF header segment: no APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC), COM.
    assert [name for name, _ in image.applist] == ["APP0"]
    return image


@pytest.mark.parametrize(
    "make", [images.phone_jpeg, images.phone_png, images.rotated_heic, images.mpo, images.webp]
)
def test_nothing_but_pixels_comes_out(make):
    source = make()
    assert any(marker in source for marker in images.MARKERS)  # the test image does carry them
    result = pipeline.process(source, LIMITS)
    _no_metadata(result.image)
    thumb = _no_metadata(result.thumbnail)
    assert max(thumb.size) <= LIMITS.thumb_side


def test_the_jpeg_source_really_has_gps_xmp_and_a_maker_note():
    source = Image.open(io.BytesIO(images.phone_jpeg()))
    exif = source.getexif()
    assert exif.get_ifd(images.GPS_IFD)[2] == (52.0, 5.0, 17.5)
    assert b"GEHEIM-MAKERNOTE" in exif.get_ifd(images.EXIF_IFD)[images.MAKER_NOTE]
    assert b"GEHEIM-XMP" in source.info["xmp"]
    assert source.info["comment"] == b"GEHEIM-COMMENT"


def test_the_png_source_really_has_exif_and_itxt_chunks():
    source = images.phone_png()
    assert b"eXIf" in source and b"iTXt" in source and b"tEXt" in source


def _corner_is_blue(image, corner):
    """The marked corner (blue on red; swapped where a test profile swaps them) differs from the
    middle of the picture."""
    w, h = image.size
    x, y = {"top-left": (5, 5), "top-right": (w - 6, 5)}[corner]
    here, middle = image.getpixel((x, y)), image.getpixel((w // 2, h // 2))
    return sum(abs(a - b) for a, b in zip(here, middle, strict=True)) > 200


@pytest.mark.parametrize("make", [images.phone_jpeg, images.rotated_heic])
def test_orientation_is_applied_once(make):
    """EXIF orientation 6: turn 90 degrees clockwise to show; the blue top-left corner of the
    stored pixels ends top right. A HEIC carrying the turn in its container and its EXIF must
    not be turned twice (that would put it bottom right, 180 degrees off)."""
    result = pipeline.process(make(orientation=6), LIMITS)
    image = images.reads_back(result.image)
    assert image.size == (480, 640)
    assert _corner_is_blue(image, "top-right")
    assert not _corner_is_blue(image, "top-left")


def test_an_upright_photo_stays_upright():
    image = images.reads_back(pipeline.process(images.phone_jpeg(), LIMITS).image)
    assert image.size == (640, 480) and _corner_is_blue(image, "top-left")


def test_an_mpo_keeps_its_first_picture():
    source = Image.open(io.BytesIO(images.mpo(frames=3)))
    assert (source.format, source.n_frames) == ("MPO", 3)
    result = pipeline.process(images.mpo(frames=3), LIMITS)
    assert result.source_format == "MPO"
    image = images.reads_back(result.image)
    assert getattr(image, "n_frames", 1) == 1
    assert _corner_is_blue(image, "top-left")  # frame 0, not the green one


def test_colours_are_converted_to_srgb_not_dropped():
    """Red in a profile whose red primary is sRGB's blue is blue in sRGB; with the profile
    dropped it would have stayed red."""
    red = Image.new("RGB", (64, 64), (255, 0, 0))
    for make in (_jpeg, _png):
        result = images.reads_back(
            pipeline.process(make(red, images.swapped_rgb_profile()), LIMITS).image
        )
        r, g, b = result.getpixel((32, 32))
        assert b > 200 and r < 60, (make.__name__, (r, g, b))
    plain = images.reads_back(pipeline.process(_jpeg(red), LIMITS).image).getpixel((32, 32))
    assert plain[0] > 200 and plain[2] < 60


def test_a_profile_that_does_not_fit_the_pixels_is_ignored_not_fatal():
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    result = pipeline.process(_jpeg(images.picture(), lab), LIMITS)
    assert images.reads_back(result.image).size == (640, 480)


def _jpeg(image, icc=None):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, icc_profile=icc)
    return out.getvalue()


def _png(image, icc=None):
    out = io.BytesIO()
    image.save(out, "PNG", icc_profile=icc)
    return out.getvalue()


def test_a_large_photo_is_kept_at_the_long_side_limit_as_good_as_a_full_decode():
    """draft() decodes a 12 MP JPEG at half size: the kept photo must look like one made from
    the fully decoded image with LANCZOS (mean difference per channel under 2 of 255)."""
    source = images.picture((4000, 3000))
    source.paste(Image.linear_gradient("L").resize((2000, 1500)).convert("RGB"), (1000, 750))
    out = io.BytesIO()
    source.save(out, "JPEG", quality=92)
    result = pipeline.process(out.getvalue(), LIMITS)
    assert (result.width, result.height) == (1600, 1200)
    kept = images.reads_back(result.image).convert("RGB")
    full = Image.open(io.BytesIO(out.getvalue()))
    full.load()
    reference = full.resize((1600, 1200), Image.Resampling.LANCZOS)
    difference = ImageStat.Stat(ImageChops.difference(kept, reference)).mean
    assert max(difference) < 2.0, difference


REFUSED = [
    ("text-named-jpg", lambda: b"Dit is gewoon tekst, geen foto.\n" * 20, "photo_not_an_image"),
    ("gif", images.gif, "photo_not_an_image"),
    ("pdf", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "photo_not_an_image"),
    ("truncated-jpeg", lambda: images.phone_jpeg()[:3000], "photo_damaged"),
    ("truncated-png", lambda: images.phone_png()[:1500], "photo_damaged"),
    ("jpeg-header-only", lambda: images.phone_jpeg()[:400], "photo_damaged"),
    ("bomb", lambda: images.decompression_bomb(60_000_000), "photo_too_many_pixels"),
]


@pytest.mark.parametrize(("make", "code"), [pytest.param(*c[1:], id=c[0]) for c in REFUSED])
def test_what_is_no_photo_we_take_is_refused_with_a_reason(make, code):
    with pytest.raises(pipeline.PhotoRefused) as refused:
        pipeline.process(make(), LIMITS)
    assert refused.value.code == code


def test_the_pixel_limit_is_a_setting_and_the_warning_zone_is_refused_too():
    """Between the limit and twice it Pillow only warns: refused all the same."""
    small = pipeline.Limits(max_pixels=100_000)
    with pytest.raises(pipeline.PhotoRefused) as refused:
        pipeline.process(images.phone_jpeg(size=(400, 300)), small)  # 120,000 pixels
    assert refused.value.code == "photo_too_many_pixels"
    assert refused.value.params == {"max": 0}
    pipeline.process(images.phone_jpeg(size=(300, 300)), small)
