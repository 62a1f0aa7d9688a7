"""One analysis (in a worker process): probe, frames + audio, name check, scene check."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time

from . import media
from .config import Config
from .errors import ClientError
from .scene import SceneModel, check_scene
from .speech import NameChecker, speech_status

log = logging.getLogger("model.analyze")


def analyze(req: dict, cfg: Config, scene_model: SceneModel, names: NameChecker) -> dict:
    t0 = time.monotonic()
    timings = {}
    tmp = tempfile.mkdtemp(prefix="qurbani-frames-")
    frames_proc = None
    try:
        if req.get("videoUrl"):
            # Object storage: the original is downloaded next to the frames and removed with them.
            path = media.download(req["videoUrl"], tmp, cfg)
            timings["download"] = time.monotonic() - t0
        else:
            path = media.check_path(req["videoPath"], cfg)
        pr = media.probe(path, cfg)
        timings["probe"] = time.monotonic() - t0
        frames_dir = os.path.join(tmp, "frames")
        os.mkdir(frames_dir)
        frames_proc = media.start_frames(path, frames_dir, cfg)
        t1 = time.monotonic()
        pcm, audio_info = media.extract_audio(path, cfg)
        timings["audio"] = time.monotonic() - t1
        if len(pcm) < 16000 * 2 * 0.2:
            raise ClientError("the audio track is empty", "no_audio_track", 422)
        level = media.audio_level(pcm)

        t2 = time.monotonic()
        name_check = names.check(pcm, req["expectedNames"], req["confusableNames"])
        name_check["evidence"].update(level)
        if level.get("peakDbfs") is None or level["peakDbfs"] < -50:
            name_check["evidence"]["audioNote"] = "the audio track is (nearly) silent"
        timings["names"] = time.monotonic() - t2

        t3 = time.monotonic()
        frames, frame_info = media.finish_frames(frames_proc, frames_dir, pr.duration, cfg,
                                                 timeout=max(30.0, cfg.analysis_timeout_seconds))
        frames_proc = None
        timings["frames"] = time.monotonic() - t3
        t4 = time.monotonic()
        scene = check_scene(frames, cfg, scene_model, req.get("species"))
        scene["evidence"].update({k: v for k, v in frame_info.items() if k != "framesSampled"})
        timings["scene"] = time.monotonic() - t4
    finally:
        if frames_proc is not None and frames_proc.poll() is None:
            frames_proc.kill()
            frames_proc.communicate()
        shutil.rmtree(tmp, ignore_errors=True)

    timings["total"] = time.monotonic() - t0
    names_out = {"result": name_check["result"], "perName": name_check["perName"],
                 "evidence": name_check["evidence"], "model": name_check["model"],
                 "version": name_check["version"]}
    return {
        "requestId": req.get("requestId"),
        "scene": scene,
        "names": names_out,
        "models": {"scene": scene_model.status(), "speech": speech_status(cfg)},
        "durationSeconds": round(pr.duration, 3),
        "video": pr.public(),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
