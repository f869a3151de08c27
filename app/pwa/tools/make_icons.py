"""Draw the app icons (run once; the PNGs are committed): python -m app.pwa.tools.make_icons

A logbook page with a check mark on the theme colour. The maskable icon keeps the drawing inside
the central 80% "safe zone" so launchers may crop it to any shape.
"""

from pathlib import Path

from PIL import Image, ImageDraw

THEME = (11, 94, 66)  # #0b5e42, also the manifest's theme_color
PAPER = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def draw_icon(size, maskable=False):
    scale = 4  # draw large, then downsample for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=THEME)
        inset = big * 0.26
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=THEME)
        inset = big * 0.2
    left, top, right, bottom = inset, inset * 0.9, big - inset, big - inset * 0.9
    draw.rounded_rectangle((left, top, right, bottom), radius=big * 0.05, fill=PAPER)
    width = right - left
    line = max(2, int(big * 0.035))
    for i in range(3):  # ruled lines of the logbook page
        y = top + (bottom - top) * (0.22 + i * 0.14)
        draw.line(
            (left + width * 0.15, y, right - width * 0.15, y), fill=(160, 190, 178), width=line
        )
    check = [
        (left + width * 0.22, top + (bottom - top) * 0.70),
        (left + width * 0.42, top + (bottom - top) * 0.86),
        (left + width * 0.80, top + (bottom - top) * 0.56),
    ]
    draw.line(check, fill=THEME, width=int(big * 0.07), joint="curve")
    return image.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    draw_icon(192).save(OUT / "icon-192.png", optimize=True)
    draw_icon(512).save(OUT / "icon-512.png", optimize=True)
    draw_icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    draw_icon(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
