"""ffmpeg itself: its version, and the messages that mean a file is damaged."""

from __future__ import annotations

import re
import subprocess

# ffmpeg messages that mean the file ends early or is damaged.
DAMAGE = re.compile(
    r"(partial file|invalid data found|error while decoding|moov atom not found|truncat|"
    r"end of file|corrupt|invalid nal|missing picture|could not find ref|error reading header|"
    r"stream ends prematurely|packet too small|invalid frame|decode_slice_header error)",
    re.IGNORECASE,
)


def tool_version(binary: str) -> str:
    try:
        out = subprocess.run([binary, "-version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "missing"
    first = out.stdout.decode("utf-8", "replace").splitlines()[:1]
    m = re.search(r"version (\S+)", first[0]) if first else None
    return m.group(1) if m else (first[0] if first else "unknown")
