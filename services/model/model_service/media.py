"""ffprobe / ffmpeg: probe the upload, 1 fps frames, 16 kHz mono audio."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from .config import Config
from .errors import ClientError, ServiceError

# ffmpeg messages that mean the file ends early or is damaged.
_DAMAGE = re.compile(
    r"(partial file|invalid data found|error while decoding|moov atom not found|truncat|"
    r"end of file|corrupt|invalid nal|missing picture|could not find ref|error reading header|"
    r"stream ends prematurely|packet too small|invalid frame|decode_slice_header error)",
    re.IGNORECASE,
)


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


def check_path(path, cfg: Config) -> str:
    if not isinstance(path, str) or not path:
        raise ClientError("videoPath must be a non-empty string", "invalid_request", 400)
    if not os.path.isabs(path):
        raise ClientError("videoPath must be an absolute path", "invalid_request", 400)
    real = os.path.realpath(path)
    # No allowed directories means none: never "read any path".
    if not any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in cfg.allowed_dirs):
        raise ClientError("videoPath is outside the directories this service may read",
                          "path_not_allowed", 403)
    if not os.path.exists(real):
        raise ClientError("no file at videoPath", "video_not_found", 404)
    if not os.path.isfile(real):
        raise ClientError("videoPath is not a regular file", "not_a_video", 422)
    if os.path.getsize(real) == 0:
        raise ClientError("the file is empty", "not_a_video", 422)
    if not os.access(real, os.R_OK):
        raise ClientError("the file is not readable by the model service", "video_not_readable", 403)
    return real


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


def start_frames(path: str, out_dir: str, cfg: Config) -> subprocess.Popen:
    """Start ffmpeg writing frames at cfg.frames_per_second, at most cfg.frame_width wide, as
    high-quality JPEG (small on disk even for a 15-minute video). Returns the running process;
    see finish_frames()."""
    vf = f"fps={cfg.frames_per_second},scale='min({cfg.frame_width},iw)':-2"
    cmd = [cfg.ffmpeg, "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-an", "-vf", vf,
           "-f", "image2", "-c:v", "mjpeg", "-q:v", "2", os.path.join(out_dir, "f_%05d.jpg")]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish_frames(proc: subprocess.Popen, out_dir: str, duration: float, cfg: Config,
                  timeout: float) -> Tuple[List[Tuple[float, str]], dict]:
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ServiceError("frame extraction timed out", "frames_timeout", 500)
    err_s = err.decode("utf-8", "replace")
    files = sorted(f for f in os.listdir(out_dir) if f.startswith("f_") and f.endswith(".jpg"))
    frames = [(i / cfg.frames_per_second, os.path.join(out_dir, f)) for i, f in enumerate(files)]
    expected = max(1, int(duration * cfg.frames_per_second))
    damaged = bool(_DAMAGE.search(err_s))
    info = {"framesSampled": len(frames), "framesExpected": expected, "decoderErrors": damaged}
    if proc.returncode != 0 and not frames:
        raise ClientError("no frame could be decoded from the video", "not_a_video", 422,
                          {"ffmpeg": err_s.strip()[-300:]})
    if damaged and len(frames) < 0.9 * expected - 1:
        raise ClientError("the video is truncated or damaged: it ends after "
                          f"{len(frames) / cfg.frames_per_second:.0f} s of {duration:.0f} s",
                          "truncated_video", 422, {"ffmpeg": err_s.strip()[-300:], **info})
    return frames, info


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
    return pcm, {"audioSeconds": round(len(pcm) / 32000, 2), "decoderErrors": bool(_DAMAGE.search(err))}


def audio_level(pcm: bytes) -> dict:
    """Peak and RMS in dBFS (a silent track cannot carry the names)."""
    import array
    import math
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


def tool_version(binary: str) -> str:
    try:
        out = subprocess.run([binary, "-version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "missing"
    first = out.stdout.decode("utf-8", "replace").splitlines()[:1]
    m = re.search(r"version (\S+)", first[0]) if first else None
    return m.group(1) if m else (first[0] if first else "unknown")
