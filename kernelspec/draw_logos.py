"""Draws the kernelspec logos (logo-32x32.png, logo-64x64.png) without imaging libraries: pixels computed
here, PNG chunks written with zlib. Run from anywhere: python3 kernelspec/draw_logos.py"""
import math
import pathlib
import struct
import zlib

ORANGE_TOP = (250, 115, 67)
ORANGE_BOTTOM = (230, 60, 40)
WHITE = (255, 255, 255)


def coverage(inside, x, y, samples=4):
    """Fraction of a pixel inside a shape, by supersampling (anti-aliased edges)."""
    hits = sum(inside(x + (i + 0.5) / samples, y + (j + 0.5) / samples) for i in range(samples) for j in range(samples))
    return hits / samples**2


def rounded_square(size):
    radius = size * 0.22

    def inside(x, y):
        cx = min(max(x, radius), size - radius)
        cy = min(max(y, radius), size - radius)
        return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2

    return inside


def swoosh(size):
    """A white crescent sweeping up to the right, the shape of a bird's wing: the difference of two discs."""
    outer = (size * 0.38, size * -0.05, size * 0.78)
    inner = (size * 0.22, size * -0.22, size * 0.80)

    def inside(x, y):
        in_outer = (x - outer[0]) ** 2 + (y - outer[1]) ** 2 <= outer[2] ** 2
        in_inner = (x - inner[0]) ** 2 + (y - inner[1]) ** 2 <= inner[2] ** 2
        return in_outer and not in_inner and y > size * 0.18

    return inside


def dot(size):
    centre, radius = (size * 0.70, size * 0.33), size * 0.085
    return lambda x, y: math.hypot(x - centre[0], y - centre[1]) <= radius


def pixels(size):
    square, wing, eye = rounded_square(size), swoosh(size), dot(size)
    rows = []
    for y in range(size):
        t = y / max(1, size - 1)
        background = tuple(round(a + (b - a) * t) for a, b in zip(ORANGE_TOP, ORANGE_BOTTOM))
        row = bytearray([0])  # filter type: none
        for x in range(size):
            alpha = coverage(square, x, y)
            white = max(coverage(wing, x, y), coverage(eye, x, y))
            colour = tuple(round(b + (w - b) * white) for b, w in zip(background, WHITE))
            row += bytes(colour) + bytes([round(255 * alpha)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels(size), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = pathlib.Path(__file__).resolve().parent
    for size in (32, 64):
        (here / f"logo-{size}x{size}.png").write_bytes(png(size))
        print(f"wrote logo-{size}x{size}.png")
