"""ffprobe: is the upload a video with a duration and an audio track, within the length limit?"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from typing import List, Optional

from ..config import Config
from ..errors import ClientError, ServiceError


@dataclass
class Probe:
    duration: float
    width: int
    height: int
    video_codec: str
    audio_codec: Optional[str]
    audio_streams: int
    format_name: str
    size_bytes: int
    warnings: List[str] = field(default_factory=list)

    def public(self) -> dict:
        return {
            "durationSeconds": round(self.duration, 3), "width": self.width, "height": self.height,
            "videoCodec": self.video_codec, "audioCodec": self.audio_codec, "format": self.format_name,
            "sizeBytes": self.size_bytes,
        }


def _looks_like_mp4(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return len(head) >= 8 and head[4:8] == b"ftyp"


def probe(path: str, cfg: Config) -> Probe:
    try:
        proc = subprocess.run(
            [cfg.ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
        )
    except FileNotFoundError as exc:
        raise ServiceError(f"ffprobe not found ({cfg.ffprobe})", "tool_missing", 500) from exc
    except subprocess.TimeoutExpired as exc:
        raise ClientError("probing the file took too long", "not_a_video", 422) from exc
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        if _looks_like_mp4(path) and ("moov atom not found" in err or "Invalid data" in err):
            raise ClientError("the MP4 file is truncated or damaged (no index found; the upload is incomplete)",
                              "truncated_video", 422, {"probe": err[-300:]})
        raise ClientError("the file is not a video that can be read", "not_a_video", 422, {"probe": err[-300:]})
    try:
        info = json.loads(proc.stdout.decode("utf-8", "replace") or "{}")
    except ValueError as exc:
        raise ClientError("the file is not a video that can be read", "not_a_video", 422) from exc
    streams = info.get("streams") or []
    fmt = info.get("format") or {}
    video = [s for s in streams if s.get("codec_type") == "video"
             and not (s.get("disposition") or {}).get("attached_pic")]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    fmt_name = fmt.get("format_name", "")
    if not video or fmt_name in ("image2", "png_pipe", "jpeg_pipe", "gif", "tty"):
        raise ClientError("the file has no video track", "not_a_video", 422, {"format": fmt_name})
    v = video[0]
    duration = _duration(fmt, v)
    if duration is None or duration <= 0:
        raise ClientError("the video has no duration (not a video, or truncated)", "not_a_video", 422)
    if duration > cfg.max_video_seconds:
        raise ClientError(f"the video is longer than {cfg.max_video_seconds:.0f} s", "video_too_long", 422,
                          {"durationSeconds": round(duration, 1)})
    if not audio:
        raise ClientError("the video has no audio track; the names must be heard", "no_audio_track", 422)
    return Probe(
        duration=duration, width=int(v.get("width") or 0), height=int(v.get("height") or 0),
        video_codec=str(v.get("codec_name")), audio_codec=str(audio[0].get("codec_name")),
        audio_streams=len(audio), format_name=fmt_name, size_bytes=int(fmt.get("size") or os.path.getsize(path)),
        warnings=[err[-300:]] if err else [],
    )


def _duration(fmt: dict, v: dict) -> Optional[float]:
    for src in (fmt.get("duration"), v.get("duration")):
        try:
            if src is not None and float(src) > 0:
                return float(src)
        except (TypeError, ValueError):
            pass
    return None
