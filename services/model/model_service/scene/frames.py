"""Reading the sampled frames: black frames, HOG people (evidence only), the best detection per role."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .. import yolo
from ..config import Config
from .model import SceneModel
from .opencv import cv2
from .thresholds import confident

log = logging.getLogger("model.scene")


def luma(image: np.ndarray) -> float:
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return float(image.mean())


_HOG = None
# OpenCV 4.6's HOG people detector segfaults on frames under ~128 px tall (its window is 64x128):
# smaller frames are padded with black, which adds no person and keeps the worker alive.
HOG_MIN_SIDE = 160


def hog_people(image: np.ndarray) -> List[float]:
    """Scores of people found by OpenCV's HOG + linear SVM detector (pedestrian-shaped people only)."""
    global _HOG
    if _HOG is None:
        _HOG = cv2.HOGDescriptor()
        _HOG.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
    h, w = image.shape[:2]
    if w > 480:  # HOG cost grows with area; people here are large in the frame
        image = cv2.resize(image, (480, max(1, int(h * 480 / w))))
        h, w = image.shape[:2]
    if h < HOG_MIN_SIDE or w < HOG_MIN_SIDE:
        pad_h, pad_w = max(0, HOG_MIN_SIDE - h), max(0, HOG_MIN_SIDE - w)
        image = cv2.copyMakeBorder(image, 0, pad_h, 0, pad_w, cv2.BORDER_CONSTANT, value=0)
    rects, weights = _HOG.detectMultiScale(image, winStride=(8, 8), padding=(8, 8), scale=1.08)
    return [float(x) for x in np.array(weights).reshape(-1)]


@dataclass
class FrameScan:
    black: int = 0
    hog_frames: List[dict] = field(default_factory=list)
    per_frame: List[dict] = field(default_factory=list)      # frames with a detection of some role
    best_role: Dict[str, dict] = field(default_factory=dict)  # role -> its best detection in any frame
    together: List[dict] = field(default_factory=list)       # frames with all three roles
    species_seen: Dict[str, dict] = field(default_factory=dict)  # sheep|goat|cow|camel -> best detection
    below_min: Dict[str, dict] = field(default_factory=dict)     # role -> best detection under its class minimum
    failure: Optional[str] = None                             # the model failed to run: no verdict


def _best_per_role(model: SceneModel, dets: Sequence[yolo.Detection]) -> Dict[str, yolo.Detection]:
    roles: Dict[str, yolo.Detection] = {}
    for d in dets:
        r = model.role_of(d)
        if r and (r not in roles or d.score > roles[r].score):
            roles[r] = d
    return roles


def _note_species(out: FrameScan, model: SceneModel, dets: Sequence[yolo.Detection], t: float) -> None:
    for d in dets:
        sp = model.animal_of.get(d.class_id)
        if sp and (sp not in out.species_seen or d.score > out.species_seen[sp]["score"]):
            out.species_seen[sp] = {"t": round(t, 2), **d.public()}


def scan(frames: Sequence[Tuple[float, str]], cfg: Config, model: SceneModel) -> FrameScan:
    out = FrameScan()
    hog_every = max(1, int(np.ceil(len(frames) / cfg.scene_hog_max_frames))) if cfg.scene_hog_max_frames else 0
    for i, (t, path) in enumerate(frames):
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        if img is None:
            continue
        if luma(img) < cfg.black_luma_threshold:
            out.black += 1
            continue
        if cfg.scene_hog and hog_every and i % hog_every == 0:
            ws = hog_people(img)
            if ws:
                out.hog_frames.append({"t": round(t, 2), "score": round(max(ws), 2), "count": len(ws)})
        if not model.loaded:
            continue
        try:
            dets = model.detect(img)
        except Exception as exc:  # a model that loads but cannot run: unknown, not a verdict
            log.error("scene model failed on a frame: %s", type(exc).__name__)
            out.failure = f"the scene model failed to run: {type(exc).__name__}: {str(exc)[:300]}"
            return out
        kept = confident(cfg, dets)
        for r, d in _best_per_role(model, [d for d in dets if d not in kept]).items():
            if r not in out.below_min or d.score > out.below_min[r]["score"]:
                out.below_min[r] = {"t": round(t, 2), **d.public()}
        dets = kept
        _note_species(out, model, dets, t)
        roles = _best_per_role(model, dets)
        if not roles:
            continue
        entry = {"t": round(t, 2), "detections": {r: d.public() for r, d in roles.items()}}
        out.per_frame.append(entry)
        for r, d in roles.items():
            if r not in out.best_role or d.score > out.best_role[r]["score"]:
                out.best_role[r] = {"t": round(t, 2), **d.public()}
        if len(roles) == 3:
            out.together.append(dict(entry, minScore=round(min(d.score for d in roles.values()), 3)))
    return out
