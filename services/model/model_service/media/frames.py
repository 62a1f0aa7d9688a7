"""Frame sampling: ffmpeg writes frames at MODEL_FRAMES_PER_SECOND while the audio is decoded."""

from __future__ import annotations

import os
import subprocess
from typing import List, Tuple

from ..config import Config
from ..errors import ClientError, ServiceError
from .tools import DAMAGE


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
    damaged = bool(DAMAGE.search(err_s))
    info = {"framesSampled": len(frames), "framesExpected": expected, "decoderErrors": damaged}
    if proc.returncode != 0 and not frames:
        raise ClientError("no frame could be decoded from the video", "not_a_video", 422,
                          {"ffmpeg": err_s.strip()[-300:]})
    if damaged and len(frames) < 0.9 * expected - 1:
        raise ClientError("the video is truncated or damaged: it ends after "
                          f"{len(frames) / cfg.frames_per_second:.0f} s of {duration:.0f} s",
                          "truncated_video", 422, {"ffmpeg": err_s.strip()[-300:], **info})
    return frames, info
