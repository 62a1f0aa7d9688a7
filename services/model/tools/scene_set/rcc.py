"""Reading files out of a Qt resource bundle (.rcc), as gcompris-qt-data ships its photos.

Format (qtbase src/tools/rcc/rcc.cpp): a "qres" header with the offsets of the tree, the data and
the names; tree nodes of 14 bytes (22 from format 2: a modification time follows); names in UTF-16BE;
data entries prefixed by their length, zlib-compressed when flag 1 is set (qCompress adds its own
4-byte length before the zlib stream).
"""

from __future__ import annotations

import struct
import zlib
from typing import Dict

COMPRESSED, DIRECTORY, COMPRESSED_ZSTD = 0x01, 0x02, 0x04


def read_rcc(path: str) -> Dict[str, bytes]:
    """Every file of the bundle, by its path inside it."""
    with open(path, "rb") as fh:
        buf = fh.read()
    if buf[:4] != b"qres":
        raise ValueError(f"{path}: not a Qt resource bundle")
    version, tree, data, names = struct.unpack(">IIII", buf[4:20])
    node_size = 14 if version < 2 else 22

    def name_at(off: int) -> str:
        (n,) = struct.unpack(">H", buf[names + off:names + off + 2])
        return buf[names + off + 6:names + off + 6 + 2 * n].decode("utf-16-be")

    out: Dict[str, bytes] = {}

    def walk(node: int, prefix: str) -> None:
        at = tree + node * node_size
        name_off, flags = struct.unpack(">IH", buf[at:at + 6])
        name = name_at(name_off) if node else ""
        full = f"{prefix}/{name}" if name else prefix
        if flags & DIRECTORY:
            count, first = struct.unpack(">II", buf[at + 6:at + 14])
            for child in range(first, first + count):
                walk(child, full)
            return
        (data_off,) = struct.unpack(">I", buf[at + 10:at + 14])
        (size,) = struct.unpack(">I", buf[data + data_off:data + data_off + 4])
        blob = buf[data + data_off + 4:data + data_off + 4 + size]
        if flags & COMPRESSED:
            blob = zlib.decompress(blob[4:])
        elif flags & COMPRESSED_ZSTD:
            return  # not used by the bundles read here
        out[full.lstrip("/")] = blob

    walk(0, "")
    return out
