"""Versions of the Debian packages that carry the models and tools (for /health and verdicts)."""

from __future__ import annotations

import functools
import subprocess


@functools.lru_cache(maxsize=64)
def debian_package_version(pkg: str) -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.decode().strip() or "not installed"
