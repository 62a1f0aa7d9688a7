#!/usr/bin/python3
"""The scene check on real photographs and composite frames (tools/scene_set/manifest.json).

    /usr/bin/python3 services/model/tools/bench_scene.py [--src DIR] [--detector-url URL] [--timing-only]

Reads the photos out of their Debian packages into a cache (SCENE_SET_CACHE, default
~/.cache/qurbani-scene-set), builds the composite frames, and measures with the model_service found
in --src (default: this tree): the detector per class (recall, false positives; raw scores are
asked for from 0.05 up), the same-frame rule per kind of composite frame (pass, false pass) with
that tree's configured thresholds, and the time of one scene check over a 30-frame clip. Starts
services/detector on a free port unless --detector-url is given. Prints one JSON line last.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)

import cv2  # noqa: E402

from scene_set import composite, metrics, photos  # noqa: E402


def start_detector() -> tuple:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, DETECTOR_PORT=str(port), DETECTOR_MIN_SCORE="0.05", DETECTOR_MAX_DETECTED="50")
    proc = subprocess.Popen([shutil.which("node") or "node", os.path.join(REPO, "services/detector/dist/src/index.js")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for _ in range(120):
        try:
            opener.open(url + "/health", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise SystemExit("services/detector did not start (run `npm run build` first)")


def write_frame(img, path: str) -> str:
    h, w = img.shape[:2]
    if w > composite.W:  # the service samples frames at most 640 px wide
        img = cv2.resize(img, (composite.W, int(h * composite.W / w)), interpolation=cv2.INTER_AREA)
    cv2.imwrite(path, img, [int(cv2.IMWRITE_JPEG_QUALITY), 95])
    return path


ANSWERS: dict = {}


def memoize(net) -> None:
    """Same image, same answer: the rule runs reuse the detector's answers (timing runs do not)."""
    seen = ANSWERS
    detect = net.detect

    def cached(jpeg: bytes) -> dict:
        key = hashlib.sha1(jpeg).hexdigest()
        if key not in seen:
            seen[key] = detect(jpeg)
        return seen[key]
    net.detect = cached


def oracle_knife(model, yolo):
    """The knife role from the frame's labels (score 0.99) instead of the detector: measures the person,
    animal and species parts of the rule on real detections, apart from the knife detection."""
    truth = {"knife": False}
    detect = model.detect
    knife = model.labels.index("knife")

    def detect_with_truth(image):
        dets = [d for d in detect(image) if d.class_id != knife]
        if truth["knife"]:
            dets.append(yolo.Detection(knife, "knife", 0.99, (0.0, 0.0, 10.0, 10.0)))
        return dets
    model.detect = detect_with_truth
    return truth


def rule_cases(frames, paths, cfg, model, check_scene, truth=None) -> list:
    cases = []
    for f in frames:
        if truth is not None:
            truth["knife"] = "knife" in f.labels
        declared = f.animal or "sheep"
        runs = [(declared, _kind(f, declared))]
        if "knife" in f.labels and "person" in f.labels and f.animal in ("cow", "goat", "camel"):
            runs.append(("sheep", f"species mismatch: {f.animal} shown, sheep declared"))
        for species, kind in runs:
            r = check_scene([(0.0, paths[f.id])], cfg, model, species)
            cases.append({"id": f.id, "declared": species, "kind": kind, "result": r["result"],
                          "shouldPass": metrics.should_pass(f.labels, f.animal, species),
                          "reason": r["evidence"].get("reason")})
    return cases


def _kind(f, declared: str) -> str:
    if f.animal is None:
        return "other animal or none, sheep declared"
    if "person" not in f.labels:
        return "no person"
    if f.blade != "knife":
        return "no knife: " + ("nothing" if f.blade == "none" else "fork, spoon(s), scissors or sickle")
    if declared in ("goat", "camel"):
        return "complete, goat or camel declared"
    return "complete, sheep or cow declared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.path.dirname(HERE))
    ap.add_argument("--detector-url")
    ap.add_argument("--timing-only", action="store_true")
    ap.add_argument("--timing-runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, os.path.abspath(args.src))
    from model_service.config import Config
    from model_service.scene import SceneModel, check_scene
    from model_service.scene.http_detector import HttpDetector

    cache = os.environ.get("SCENE_SET_CACHE") or os.path.expanduser("~/.cache/qurbani-scene-set")
    set_photos = photos.load(cache)
    frames = composite.build(set_photos)
    proc, url = (None, args.detector_url) if args.detector_url else start_detector()
    tmp = tempfile.mkdtemp(prefix="bench-scene-")
    try:
        paths = {f.id: write_frame(f.image, os.path.join(tmp, f"c{i:04d}.jpg")) for i, f in enumerate(frames)}
        # a loaded machine can take seconds per frame: a timeout would end a clip early ("unavailable")
        cfg = Config(scene_detector_url=url, scene_detector_timeout_seconds=120.0)
        out = {"src": args.src, "photos": len(set_photos), "composites": len(frames)}
        clip = [(float(i), paths[f.id]) for i, f in enumerate(frames[:30])]
        model = SceneModel(cfg)
        check_scene(clip[:1], cfg, model, "sheep")  # warm-up
        times = []
        for _ in range(args.timing_runs):
            t = time.monotonic()
            r = check_scene(clip, cfg, model, "sheep")
            times.append(time.monotonic() - t)
            if r["result"] == "unavailable":
                raise SystemExit(f"timing run invalid: {r['evidence'].get('reason')}")
        out["secondsPerClip"] = round(statistics.median(times), 3)
        # The same clip with the detector's answers replayed: the model service's own work per clip
        # (frames, HOG, JPEG encoding, the rule), without the detector's time and its noise.
        memoize(model.net)
        check_scene(clip, cfg, model, "sheep")
        cached = []
        for _ in range(3):
            t = time.monotonic()
            check_scene(clip, cfg, model, "sheep")
            cached.append(time.monotonic() - t)
        out["secondsPerClipDetectorReplayed"] = round(statistics.median(cached), 3)
        out["clipFrames"] = len(clip)
        if not args.timing_only:
            out.update(measure(set_photos, frames, paths, tmp, url, cfg, SceneModel, check_scene, HttpDetector))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if proc:
            proc.terminate()
            proc.wait()
    print(json.dumps(out, ensure_ascii=False))


def measure(set_photos, frames, paths, tmp, url, cfg, SceneModel, check_scene, HttpDetector) -> dict:
    raw = HttpDetector(url, 30.0)
    info = raw.health()
    memoize(raw)

    def scores(path: str) -> dict:
        ok, buf = cv2.imencode(".jpg", cv2.imread(path), [int(cv2.IMWRITE_JPEG_QUALITY), 90])
        return metrics.best_scores(raw.detect(buf.tobytes())["detections"])

    photo_items = []
    for p in set_photos.values():
        path = write_frame(p.on(), os.path.join(tmp, f"p-{p.id}.jpg"))
        photo_items.append({"id": p.id, "labels": p.labels, "scores": scores(path)})
    comp_items = [{"id": f.id, "labels": f.labels, "scores": scores(paths[f.id])} for f in frames]
    per_class_thr = dict(getattr(cfg, "scene_class_thresholds", ()) or ())
    thr = {c: per_class_thr.get(c, cfg.scene_score_threshold) for c in metrics.DETECTABLE}
    model = SceneModel(cfg)
    memoize(model.net)
    cases = rule_cases(frames, paths, cfg, model, check_scene)
    from model_service import yolo
    oracle = SceneModel(cfg)
    memoize(oracle.net)
    oracle_cases = rule_cases(frames, paths, cfg, oracle, check_scene, oracle_knife(oracle, yolo))
    return {
        "detector": info.get("model"), "detectorVersion": info.get("version"), "thresholds": thr,
        "perClassPhotos": metrics.per_class(photo_items, thr),
        "perClassComposites": metrics.per_class(comp_items, thr),
        "goatSeenAs": metrics.seen_as(photo_items, "goat"), "camelSeenAs": metrics.seen_as(photo_items, "camel"),
        "rule": metrics.rule_summary(cases),
        "falsePasses": [c for c in cases if c["result"] == "pass" and not c["shouldPass"]],
        "ruleKnifeFromLabels": metrics.rule_summary(oracle_cases),
        "falsePassesKnifeFromLabels": [c for c in oracle_cases if c["result"] == "pass" and not c["shouldPass"]],
        "rawScores": {"photos": photo_items, "composites": comp_items},
    }


if __name__ == "__main__":
    main()
