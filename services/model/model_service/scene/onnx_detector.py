"""Loading an operator-supplied ONNX detector (SCENE_MODEL_PATH) and its class names."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import List, Optional

from ..config import Config
from .labels import COCO80, read_classes
from .opencv import CV2_ERROR, cv2


@dataclass
class OnnxLoad:
    name: str
    net: object = None
    labels: List[str] = field(default_factory=list)
    version: str = "none"
    error: Optional[str] = None   # why the model is not usable (net is None then)


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_onnx(cfg: Config) -> OnnxLoad:
    path = cfg.scene_model_path
    out = OnnxLoad(name=os.path.basename(path))
    if cv2 is None:
        out.error = f"OpenCV not importable ({CV2_ERROR})"
        return out
    if not os.path.isfile(path):
        out.error = "SCENE_MODEL_PATH does not point to a file"
        return out
    try:
        out.version = "sha256:" + sha256(path)[:16]
        net = cv2.dnn.readNetFromONNX(path)
    except Exception as exc:  # cv2.error and friends
        out.error = f"the scene model could not be loaded: {type(exc).__name__}: {str(exc)[:200]}"
        return out
    try:
        out.labels = read_classes(cfg.scene_model_classes) if cfg.scene_model_classes else list(COCO80)
    except OSError as exc:
        out.error = f"SCENE_MODEL_CLASSES cannot be read: {exc}"
        return out
    if not out.labels:
        out.error = "the class-name list is empty"
        return out
    out.net = net
    return out
