"""The scene detector of this process: whichever backend is configured, and its classes mapped to roles."""

from __future__ import annotations

import logging
import threading
from typing import Dict, List, Optional

import numpy as np

from .. import yolo
from ..config import Config
from .http_detector import DetectorUnavailable, HttpDetector, to_detections
from .labels import COCO80, assign_roles
from .onnx_detector import load_onnx
from .opencv import cv2

log = logging.getLogger("model.scene")


class SceneModel:
    """Loaded once per process; cv2.dnn nets are not shared across threads."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.net = None
        self.labels: List[str] = []
        self.error: Optional[str] = None
        self.version = "none"
        self.name = "none configured"
        self._lock = threading.Lock()
        self.role_ids: Dict[str, List[int]] = {"person": [], "animal": [], "knife": []}
        self.animal_of: Dict[int, str] = {}
        self.missing_animals: List[str] = []
        self._load()

    # -- loading ---------------------------------------------------------------
    def _load(self) -> None:
        cfg = self.cfg
        if not cfg.scene_model_path:
            if cfg.scene_detector_url:
                self._load_http()
                return
            self.error = ("no scene model configured (set SCENE_MODEL_PATH to an ONNX detector "
                          "or SCENE_DETECTOR_URL to services/detector)")
            return
        onnx = load_onnx(cfg)
        self.name, self.version, self.labels, self.error = onnx.name, onnx.version, onnx.labels, onnx.error
        if onnx.net is not None:
            self.net = onnx.net
            self._assign_roles()

    def _load_http(self) -> None:
        """services/detector answers with COCO label names; loaded = configured (reached per frame)."""
        cfg = self.cfg
        self.net = HttpDetector(cfg.scene_detector_url, cfg.scene_detector_timeout_seconds)
        self.name = "HTTP detector"
        self.version = "unknown (detector not reached yet)"
        self.labels = list(COCO80)
        try:
            info = self.net.health()
            self.name = str(info.get("model") or self.name)
            self.version = str(info.get("version") or self.version)
        except DetectorUnavailable as exc:  # may come up later: each frame is a new attempt
            log.warning("scene detector not reachable at start: %s", exc)
        self._assign_roles()

    def _assign_roles(self) -> None:
        roles = assign_roles(self.labels)
        self._index = roles.index
        for role, ids in roles.ids.items():
            self.role_ids[role].extend(ids)
        self.animal_of.update(roles.animal_of)
        self.missing_animals = roles.missing_animals

    # -- state -------------------------------------------------------------------
    @property
    def backend(self) -> Optional[str]:
        if isinstance(self.net, HttpDetector):
            return "http"
        return "onnx" if self.net is not None else None

    @property
    def loaded(self) -> bool:
        return self.net is not None

    def missing_roles(self) -> List[str]:
        return [r for r, ids in self.role_ids.items() if not ids]

    def status(self) -> dict:
        out = {"model": self.name, "version": self.version, "loaded": self.loaded}
        if isinstance(self.net, HttpDetector):
            out.update(backend="http", url=self.net.url)
        if self.error:
            out["reason"] = self.error
        if self.loaded:
            if isinstance(self.net, HttpDetector):
                out.update(classes=len(self.labels), classNames="COCO-80 (labels sent by the detector)",
                           missingRoles=self.missing_roles(), undetectableAnimals=self.missing_animals)
            else:
                out.update(classes=len(self.labels), inputSize=self.cfg.scene_input_size,
                           classNames="SCENE_MODEL_CLASSES" if self.cfg.scene_model_classes else "COCO-80 (default)",
                           missingRoles=self.missing_roles(), undetectableAnimals=self.missing_animals)
        return out

    # -- inference -------------------------------------------------------------
    def detect(self, image: np.ndarray) -> List[yolo.Detection]:
        if isinstance(self.net, HttpDetector):
            return self._detect_http(image)
        blob, lb = yolo.letterbox(image, self.cfg.scene_input_size)
        with self._lock:
            self.net.setInput(blob)
            out = self.net.forward()
        keep = sorted({i for ids in self.role_ids.values() for i in ids})
        return yolo.decode(out, self.labels, lb, self.cfg.scene_score_threshold, self.cfg.scene_nms_threshold,
                           keep=keep)

    def _detect_http(self, image: np.ndarray) -> List[yolo.Detection]:
        ok, buf = cv2.imencode(".jpg", image, [int(cv2.IMWRITE_JPEG_QUALITY), 90])
        if not ok:
            raise RuntimeError("the frame could not be JPEG-encoded")
        ans = self.net.detect(buf.tobytes())
        if ans.get("model"):
            self.name = str(ans["model"])
        if ans.get("version"):
            self.version = str(ans["version"])
        return to_detections(ans, self._index, self.labels, self.cfg.scene_score_threshold)

    def role_of(self, det: yolo.Detection) -> Optional[str]:
        for role, ids in self.role_ids.items():
            if det.class_id in ids:
                return role
        return None
