"""Photos (issue #9): the server's pipeline on a 12-megapixel phone JPEG, against Pillow's plain
decode and encode of the same file, in the same run.

The photo: 4000 x 3000 pixels of camera-like content (noise over gradients, so it compresses as
a photo does, not as a flat test card), quality 92, with the EXIF a phone writes (GPS, maker
note, orientation 6), XMP and a comment. Both sides read the same bytes from memory.

- pipeline: app.photos.pipeline.process (decode with the formats restricted, orient, sRGB,
  strip, re-encode at 2048 px, thumbnail) with the app's limits;
- baseline: Image.open + load + save as JPEG (quality 85) of the full image, nothing else.

Time: the median of ROUNDS alternating runs each. Peak memory: each side once in a fresh
Python process (its VmHWM after the run minus before it), the median of MEMORY_ROUNDS such
processes. Reported as ratios to the
baseline; target at most 1.5 for both.
"""

import io
import json
import statistics
import subprocess
import sys
import time

from bench.harness import OUT, ROOT, BenchError, Figure

NAME = "photos"
TITLE = "photo pipeline on a 12-megapixel JPEG"
SIZE = (4000, 3000)
ROUNDS = 7
MEMORY_ROUNDS = 3
TARGET = 1.5

# One side in a fresh process: its extra peak resident memory, in kB. VmHWM, not ru_maxrss:
# Linux carries the parent's ru_maxrss across fork and exec, so a child of a large process
# would report the parent's peak; VmHWM belongs to the process's own memory.
CHILD = """
import io, sys
def hwm():
    with open('/proc/self/status') as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith('VmHWM:'))
side, path = sys.argv[1], sys.argv[2]
from PIL import Image
from app.photos import pipeline
data = open(path, 'rb').read()
before = hwm()
if side == 'pipeline':
    pipeline.process(data)
else:
    image = Image.open(io.BytesIO(data)); image.load()
    out = io.BytesIO(); image.save(out, 'JPEG', quality=85)
print(hwm() - before)
"""


def phone_jpeg(size=SIZE):
    """A camera-like 12 MP JPEG with a phone's metadata."""
    from PIL import Image

    width, height = size
    noise = Image.effect_noise(size, 48)
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    radial = Image.radial_gradient("L").resize(size)
    blend = Image.merge("RGB", (noise, horizontal, radial))
    texture = Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 60).convert("RGB")
    image = Image.blend(blend, texture, 0.35)
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmaker"
    exif[0x0112] = 6
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 5.0, 17.5), "E", (5.0, 7.0, 12.25)
    exif.get_ifd(0x8769)[0x927C] = b"makernote" * 200
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif, comment=b"camera", xmp=b"<x:xmpmeta/>")
    return out.getvalue()


def plain(data):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def run(ctx):
    from app.photos import pipeline

    ctx.check_time(120, "the photo pipeline")
    data = phone_jpeg()
    path = OUT / "photo-12mp.jpg"
    path.write_bytes(data)
    ctx.log(f"  {SIZE[0]} x {SIZE[1]} JPEG, {len(data) / 1e6:.1f} MB, EXIF with GPS, XMP, comment")
    result = pipeline.process(data)  # warm-up (and the check that it is a photo we take)
    plain(data)
    times = {"pipeline": [], "baseline": []}
    for _ in range(ROUNDS):
        for side, fn in (("pipeline", pipeline.process), ("baseline", plain)):
            started = time.perf_counter()
            fn(data)
            times[side].append(time.perf_counter() - started)
    pipe_s, base_s = (statistics.median(times[s]) for s in ("pipeline", "baseline"))
    memory = {side: _peak_kb(side, path) for side in ("pipeline", "baseline")}
    pipe_kb, base_kb = memory["pipeline"], memory["baseline"]
    time_ratio, memory_ratio = pipe_s / base_s, pipe_kb / base_kb
    ctx.log(
        f"  kept {result.width} x {result.height} ({len(result.image) / 1e3:.0f} kB) and a "
        f"thumbnail ({len(result.thumbnail) / 1e3:.0f} kB); times (ms) pipeline "
        + ", ".join(f"{t * 1000:.0f}" for t in times["pipeline"])
        + "; baseline "
        + ", ".join(f"{t * 1000:.0f}" for t in times["baseline"])
    )
    target = f"<= {TARGET}"
    return [
        Figure(
            "photo pipeline, time per 12 MP photo",
            pipe_s * 1000,
            "ms",
            note=f"median of {ROUNDS}; baseline (plain decode + encode) {base_s * 1000:.0f} ms",
        ),
        Figure(
            "photo pipeline time / plain decode + encode",
            time_ratio,
            "x",
            target,
            time_ratio <= TARGET,
        ),
        Figure(
            "photo pipeline, peak extra memory",
            pipe_kb / 1024,
            "MB",
            note=f"median of {MEMORY_ROUNDS} fresh processes; baseline {base_kb / 1024:.0f} MB",
        ),
        Figure(
            "photo pipeline peak memory / plain decode + encode",
            memory_ratio,
            "x",
            target,
            memory_ratio <= TARGET,
        ),
    ]


def _peak_kb(side, path):
    runs = []
    for _ in range(MEMORY_ROUNDS):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, side, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise BenchError(f"memory run ({side}) failed: {done.stderr[-500:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)
