"""Refresh the README's dashboard screenshots from the browser tests' output.

The layout tests (tests/dashboards/test_layout.py) save screenshots of the demo at 1366 px and
390 px into tests/.artifacts/screenshots/. After a visible change to the dashboards:

    HANDBOOK_TEST_SITE=/tmp/site python -m pytest tests/dashboards/test_layout.py   # or a full run
    python -m tools.site.screenshots

copies the ones the README shows to .github/screenshots/ (next to the README's other
screenshots), recompressed (zlib level 9, no ancillary chunks) so the repository stays small.
Review them before committing.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE = REPO_ROOT / "tests" / ".artifacts" / "screenshots"
TARGET = REPO_ROOT / ".github" / "screenshots"
SHOWN = ("tracker-overview-1366.png", "tracker-overview-390.png", "tracker-company-1366.png", "tracker-company-390.png", "tracker-board-390.png")
SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEEP = (b"IHDR", b"PLTE", b"tRNS", b"IEND")  # what decoding needs; text, time and colour profiles go


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    chunks, pos = [], len(SIGNATURE)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunks.append((kind, data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def recompress(data: bytes) -> bytes:
    """The same image with its pixel data deflated at level 9 and ancillary chunks dropped.

    >>> raw = zlib.compress(b"\\x00" + b"\\xff\\xff\\xff" * 4, 1)
    >>> png = SIGNATURE + _chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 1, 8, 2, 0, 0, 0)) + _chunk(b"tEXt", b"a\\x00b") + _chunk(b"IDAT", raw) + _chunk(b"IEND", b"")
    >>> out = recompress(png)
    >>> [kind for kind, _ in _chunks(out)], zlib.decompress(_chunks(out)[1][1]) == zlib.decompress(raw)
    ([b'IHDR', b'IDAT', b'IEND'], True)
    """
    chunks = _chunks(data)
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    out = [SIGNATURE]
    for kind, body in chunks:
        if kind == b"IDAT":
            if pixels is not None:
                out.append(_chunk(b"IDAT", zlib.compress(pixels, 9)))
                pixels = None
        elif kind in KEEP:
            out.append(_chunk(kind, body))
    return b"".join(out)


def refresh(source: Path = SOURCE, target: Path = TARGET) -> list[Path]:
    missing = [name for name in SHOWN if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(f"先运行浏览器测试 run the browser tests first; missing in {source}: {', '.join(missing)}")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SHOWN:
        (target / name).write_bytes(recompress((source / name).read_bytes()))
        written.append(target / name)
    return written


if __name__ == "__main__":
    try:
        for path in refresh():
            print(f"{path.relative_to(REPO_ROOT)} {path.stat().st_size // 1024} KiB")
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        sys.exit(1)
