"""Test images made here with Pillow (and pillow-heif for HEIC), not committed binaries: each
carries the metadata a phone's photo carries, with markers the tests search the output for."""

import io

from PIL import Image, PngImagePlugin
from pillow_heif import register_heif_opener

register_heif_opener()

GPS_IFD = 0x8825
MAKER_NOTE = 0x927C
EXIF_IFD = 0x8769
ORIENTATION = 0x0112

# Strings that must never come out again.
MARKERS = [
    b"GEHEIM-COMMENT",
    b"GEHEIM-XMP",
    b"GEHEIM-MAKERNOTE",
    b"GEHEIM-MAKE",
    b"GEHEIM-TEXT",
    b"GEHEIM-ITXT",
    b"GEHEIM-IPTC",
]
# Segments and chunks that carry metadata, by their signatures in the bytes.
SIGNATURES = [
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap/1.0/",
    b"<x:xmpmeta",
    b"Photoshop 3.0",
    b"ICC_PROFILE",
    b"\xff\xfe",  # a JPEG COM segment
    b"\xff\xed",  # APP13 (IPTC)
    b"eXIf",
    b"iTXt",
    b"tEXt",
    b"zTXt",
]
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf'
    b'-syntax-ns#"><rdf:Description exif:GPSLatitude="52,5.3N" dc:title="GEHEIM-XMP"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def picture(size=(640, 480)):
    """A picture with a marked corner: blue top-left on red, so orientation can be read back."""
    image = Image.new("RGB", size, (220, 30, 30))
    image.paste((30, 30, 220), (0, 0, size[0] // 4, size[1] // 4))
    return image


def phone_exif(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = "GEHEIM-MAKE"  # Make
    exif[0x0110] = "Telefoon 15"  # Model
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 17.5)  # latitude
    gps[3] = "E"
    gps[4] = (5.0, 7.0, 12.25)  # longitude
    inner = exif.get_ifd(EXIF_IFD)
    inner[MAKER_NOTE] = b"GEHEIM-MAKERNOTE" + bytes(64)
    inner[0x9003] = "2026:11:18 10:15:00"  # DateTimeOriginal
    return exif


def _iptc_app13():
    """A Photoshop APP13 segment with an IPTC caption (Pillow cannot write one)."""
    caption = b"GEHEIM-IPTC"
    record = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def phone_jpeg(size=(640, 480), orientation=1, image=None):
    """A JPEG as a phone makes it: EXIF with GPS and a maker note, XMP, a COM comment, an
    IPTC segment and a (non-sRGB) colour profile."""
    image = image or picture(size)
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        quality=92,
        exif=phone_exif(orientation),
        comment=b"GEHEIM-COMMENT",
        xmp=XMP,
        icc_profile=adobe_rgb_like(),
    )
    data = out.getvalue()
    # In after SOI and before the rest, as cameras place it.
    return data[:2] + _iptc_app13() + data[2:]


def _s15(value):
    return int(round(value * 65536)).to_bytes(4, "big", signed=True)


def _xyz(x, y, z):
    return b"XYZ " + bytes(4) + _s15(x) + _s15(y) + _s15(z)


def swapped_rgb_profile():
    """An RGB display profile (ICC v2, matrix and gamma 2.2) whose red and blue primaries are
    sRGB's blue and red: pure red in it is blue in sRGB. Converting shows as plainly as can be;
    dropping the profile instead would leave it red. (ICC.1:2001-04: header, tag table,
    desc/wtpt/XYZ/curv tags.)"""
    description = b"Verwisseld RGB\x00"
    tags = {
        b"desc": b"desc"
        + bytes(4)
        + len(description).to_bytes(4, "big")
        + description
        + bytes(4 + 4 + 2 + 1 + 67),
        b"wtpt": _xyz(0.9642, 1.0, 0.8249),
        b"rXYZ": _xyz(0.1431, 0.0606, 0.7141),  # sRGB's blue (D50)
        b"gXYZ": _xyz(0.3851, 0.7169, 0.0971),
        b"bXYZ": _xyz(0.4361, 0.2225, 0.0139),  # sRGB's red (D50)
        b"rTRC": b"curv" + bytes(4) + (1).to_bytes(4, "big") + b"\x02\x33" + bytes(2),
        b"cprt": b"text" + bytes(4) + b"test\x00" + bytes(3),
    }
    tags[b"gTRC"] = tags[b"bTRC"] = tags[b"rTRC"]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table, data = len(tags).to_bytes(4, "big"), b""
    for signature, body in tags.items():
        table += signature + (offset + len(data)).to_bytes(4, "big") + len(body).to_bytes(4, "big")
        data += body + bytes(-len(body) % 4)
    size = 128 + table_size + len(data)
    header = (
        size.to_bytes(4, "big")
        + bytes(4)
        + b"\x02\x10\x00\x00"
        + b"mntr"
        + b"RGB "
        + b"XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(4 + 4 + 4 + 4 + 8 + 4)
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
    )
    header += bytes(128 - len(header))
    return header + table + data


def adobe_rgb_like():
    """A colour profile that is not sRGB."""
    return swapped_rgb_profile()


def phone_png():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GEHEIM-TEXT")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode(), lang="nl", tkey="x")
    info.add_itxt("Description", "GEHEIM-ITXT", lang="nl", tkey="beschrijving")
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=phone_exif(6))
    return out.getvalue()


def rotated_heic(orientation=6):
    """A HEIC with the rotation in both places, as an iPhone writes it: pillow-heif puts the
    EXIF orientation into the container (irot) and keeps it in the EXIF too."""
    out = io.BytesIO()
    picture().save(out, "HEIF", exif=phone_exif(orientation).tobytes(), xmp=XMP, quality=90)
    return out.getvalue()


def mpo(frames=2):
    """A JPEG with several pictures (MPO), the first one the photo."""
    first = picture()
    others = [Image.new("RGB", (640, 480), (0, 200, 0)) for _ in range(frames - 1)]
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=others, exif=phone_exif())
    return out.getvalue()


def webp():
    out = io.BytesIO()
    picture().save(out, "WEBP", exif=phone_exif(), xmp=XMP, quality=90)
    return out.getvalue()


def decompression_bomb(pixels):
    """A PNG that is tiny on disk and huge once decoded."""
    side = int(pixels**0.5) + 1
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


def gif():
    out = io.BytesIO()
    picture().save(out, "GIF")
    return out.getvalue()


def reads_back(data):
    """Open a stored file the way a viewer would, and say what metadata Pillow finds."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
