"""Audio decoding: the first audio track as 16 kHz mono signed 16-bit PCM, and its level."""

from __future__ import annotations

import array
import math
import subprocess
from typing import Tuple

from ..config import Config
from ..errors import ClientError, ServiceError
from .tools import DAMAGE


def extract_audio(path: str, cfg: Config, timeout: float = 120) -> Tuple[bytes, dict]:
    """16 kHz mono signed 16-bit PCM of the first audio track."""
    cmd = [cfg.ffmpeg, "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-vn", "-ac", "1", "-ar", "16000",
           "-f", "s16le", "-"]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ServiceError("audio extraction timed out", "audio_timeout", 500) from exc
    err = proc.stderr.decode("utf-8", "replace")
    pcm = proc.stdout
    if proc.returncode != 0 and not pcm:
        raise ClientError("the audio track cannot be decoded", "no_audio_track", 422, {"ffmpeg": err.strip()[-300:]})
    if len(pcm) % 2:
        pcm = pcm[:-1]
    return pcm, {"audioSeconds": round(len(pcm) / 32000, 2), "decoderErrors": bool(DAMAGE.search(err))}


def audio_level(pcm: bytes) -> dict:
    """Peak and RMS in dBFS (a silent track cannot carry the names)."""
    a = array.array("h")
    a.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not a:
        return {"peakDbfs": None, "rmsDbfs": None}
    step = max(1, len(a) // 400_000)  # sample for speed
    xs = a[::step]
    peak = max(abs(x) for x in xs)
    rms = math.sqrt(sum(x * x for x in xs) / len(xs))

    def db(v):
        return None if v <= 0 else round(20 * math.log10(v / 32768.0), 1)
    return {"peakDbfs": db(peak), "rmsDbfs": db(rms)}
