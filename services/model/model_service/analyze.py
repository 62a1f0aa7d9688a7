"""One analysis: validate, probe, frames + audio, scene check, name check."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from typing import List, Optional

from . import media
from .config import Config
from .errors import ClientError
from .scene import SceneModel, check_scene
from .speech import NameChecker, speech_status

log = logging.getLogger("model.analyze")

MAX_NAME_CHARS = 200
SPECIES = ("sheep", "goat", "cow", "camel")


def validate(body, cfg: Config) -> dict:
    """Checks that need no file access; returns the normalised request."""
    if not isinstance(body, dict):
        raise ClientError("the body must be a JSON object", "invalid_request", 400)
    names = body.get("expectedNames")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ClientError("expectedNames must be a list of strings", "invalid_request", 400)
    names = [n.strip() for n in names]
    if not names:
        raise ClientError("expectedNames must hold at least one name", "no_names", 400)
    if len(names) > cfg.max_names:
        raise ClientError(f"at most {cfg.max_names} names can be checked for one animal (a cow or camel "
                          f"carries 7 shares); got {len(names)}", "too_many_names", 400)
    if any(not n or len(n) > MAX_NAME_CHARS for n in names):
        raise ClientError(f"every expected name must be 1..{MAX_NAME_CHARS} characters", "invalid_request", 400)
    conf = body.get("confusableNames", [])
    if conf is None:
        conf = []
    if not isinstance(conf, list) or not all(isinstance(n, str) for n in conf):
        raise ClientError("confusableNames must be a list of strings", "invalid_request", 400)
    conf = [n.strip() for n in conf if n and n.strip() and len(n.strip()) <= MAX_NAME_CHARS]
    if len(conf) > cfg.max_confusable_names:
        raise ClientError(f"at most {cfg.max_confusable_names} confusable names", "too_many_names", 400)
    species = body.get("species")
    if species is not None:
        if not isinstance(species, str) or species.strip().lower() not in SPECIES:
            raise ClientError("species must be one of " + ", ".join(SPECIES), "invalid_request", 400)
        species = species.strip().lower()
    rid = body.get("requestId")
    if rid is not None and (not isinstance(rid, str) or len(rid) > 128):
        raise ClientError("requestId must be a string of at most 128 characters", "invalid_request", 400)
    path = body.get("videoPath")
    if not isinstance(path, str) or not path:
        raise ClientError("videoPath must be a non-empty string", "invalid_request", 400)
    return {"videoPath": path, "expectedNames": names, "confusableNames": conf, "species": species,
            "requestId": rid}


def analyze(req: dict, cfg: Config, scene_model: SceneModel, names: NameChecker) -> dict:
    t0 = time.monotonic()
    timings = {}
    path = media.check_path(req["videoPath"], cfg)
    pr = media.probe(path, cfg)
    timings["probe"] = time.monotonic() - t0

    tmp = tempfile.mkdtemp(prefix="qurbani-frames-")
    frames_proc = None
    try:
        frames_proc = media.start_frames(path, tmp, cfg)
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
        frames, frame_info = media.finish_frames(frames_proc, tmp, pr.duration, cfg,
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
