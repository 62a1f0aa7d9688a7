"""Scene check: a person, an animal and a knife detected in the same sampled frame.

Two detector backends, one same-frame rule (check_scene):
- an operator-supplied ONNX model (e.g. a YOLOv8 COCO export) at
  SCENE_MODEL_PATH, run with cv2.dnn, with its class names from
  SCENE_MODEL_CLASSES (one per line; COCO's 80 names when unset and the model
  has 80 classes);
- otherwise the HTTP detector at SCENE_DETECTOR_URL (services/detector: the
  CenterNet COCO model shipped in the npm package @vladmandic/human): each
  sampled frame is POSTed as a JPEG, the answer's COCO labels are mapped to the
  roles. COCO has sheep and cow but no goat or camel.
Debian ships no trained detector, so with neither the check is "unavailable":
never pass, never fail. A detector that cannot be reached is "unavailable" too. OpenCV's HOG people detector adds a
person-only signal to the evidence; it never decides the verdict.
"""

from __future__ import annotations

import hashlib
import logging
import os
import json
import threading
import urllib.error
import urllib.request
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import yolo
from .config import Config

log = logging.getLogger("model.scene")

try:  # pragma: no cover - depends on the machine
    import cv2  # type: ignore
    _CV2_ERROR: Optional[str] = None
except Exception as exc:  # pragma: no cover
    cv2 = None  # type: ignore
    _CV2_ERROR = f"{type(exc).__name__}: {exc}"

COCO80 = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
    "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
    "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
    "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard",
    "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase",
    "scissors", "teddy bear", "hair drier", "toothbrush",
]

# Roles of the same-frame rule and the class names that fill them.
PERSON = ("person",)
ANIMALS = ("sheep", "goat", "cow", "camel")
ANIMAL_SYNONYMS = {"cattle": "cow", "ox": "cow", "bull": "cow", "calf": "cow", "lamb": "sheep",
                   "ram": "sheep", "ewe": "sheep", "dromedary": "camel", "kid": "goat"}
KNIFE = ("knife", "blade", "cleaver")


def _norm(label: str) -> str:
    return label.strip().lower().replace("_", " ")


def read_classes(path: str) -> List[str]:
    with open(path, encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh]
    # Accept "0: person" / "0 person" (YOLO yaml-ish) as well as plain names.
    out = []
    for ln in lines:
        if not ln or ln.startswith("#"):
            continue
        if ":" in ln and ln.split(":", 1)[0].strip().isdigit():
            ln = ln.split(":", 1)[1].strip().strip("'\"")
        out.append(ln)
    return out


class DetectorUnavailable(RuntimeError):
    """The HTTP detector could not be reached or gave no usable answer."""


class HttpDetector:
    """Client of services/detector: POST /v1/detect with a JPEG, GET /health."""

    def __init__(self, url: str, timeout: float):
        self.url = url.rstrip("/")
        self.timeout = timeout
        # An internal service: never through an HTTP proxy from the environment.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _call(self, req: urllib.request.Request, timeout: float) -> dict:
        try:
            with self._opener.open(req, timeout=timeout) as resp:
                body = resp.read(4_000_000)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace")
            raise DetectorUnavailable(f"scene detector answered HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DetectorUnavailable(f"scene detector at {self.url} unreachable: {reason}") from None
        try:
            out = json.loads(body)
        except ValueError:
            raise DetectorUnavailable("scene detector answered something that is not JSON") from None
        if not isinstance(out, dict):
            raise DetectorUnavailable("scene detector answer is not a JSON object")
        return out

    def health(self) -> dict:
        return self._call(urllib.request.Request(self.url + "/health"), min(2.0, self.timeout))

    def detect(self, jpeg: bytes) -> dict:
        req = urllib.request.Request(self.url + "/v1/detect", data=jpeg, method="POST",
                                     headers={"Content-Type": "image/jpeg"})
        out = self._call(req, self.timeout)
        if not isinstance(out.get("detections"), list):
            raise DetectorUnavailable("scene detector answer has no detections list")
        return out


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
        path = cfg.scene_model_path
        self.name = os.path.basename(path)
        if cv2 is None:
            self.error = f"OpenCV not importable ({_CV2_ERROR})"
            return
        if not os.path.isfile(path):
            self.error = "SCENE_MODEL_PATH does not point to a file"
            return
        try:
            self.version = "sha256:" + _sha256(path)[:16]
            self.net = cv2.dnn.readNetFromONNX(path)
        except Exception as exc:  # cv2.error and friends
            self.net = None
            self.error = f"the scene model could not be loaded: {type(exc).__name__}: {str(exc)[:200]}"
            return
        try:
            if cfg.scene_model_classes:
                self.labels = read_classes(cfg.scene_model_classes)
            else:
                self.labels = list(COCO80)
        except OSError as exc:
            self.net = None
            self.error = f"SCENE_MODEL_CLASSES cannot be read: {exc}"
            return
        if not self.labels:
            self.net = None
            self.error = "the class-name list is empty"
            return
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

    @property
    def backend(self) -> Optional[str]:
        if isinstance(self.net, HttpDetector):
            return "http"
        return "onnx" if self.net is not None else None

    def _assign_roles(self) -> None:
        self._index = {}
        for i, lab in enumerate(self.labels):
            n = _norm(lab)
            self._index.setdefault(n, i)
            if n in PERSON:
                self.role_ids["person"].append(i)
            if n in ANIMALS or n in ANIMAL_SYNONYMS:
                self.role_ids["animal"].append(i)
                self.animal_of[i] = ANIMAL_SYNONYMS.get(n, n)
            if n in KNIFE:
                self.role_ids["knife"].append(i)
        have = set(self.animal_of.values())
        self.missing_animals = [a for a in ANIMALS if a not in have]

    @property
    def loaded(self) -> bool:
        return self.net is not None

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

    def missing_roles(self) -> List[str]:
        return [r for r, ids in self.role_ids.items() if not ids]

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
        out: List[yolo.Detection] = []
        for d in ans["detections"]:
            try:
                label = _norm(str(d["label"]))
                score = float(d["score"])
                box = tuple(float(v) for v in d["box"][:4])
            except (KeyError, TypeError, ValueError, IndexError):
                raise DetectorUnavailable(f"scene detector sent a malformed detection: {str(d)[:100]}") from None
            i = self._index.get(label)
            if i is None or len(box) != 4 or score < self.cfg.scene_score_threshold:
                continue
            out.append(yolo.Detection(i, self.labels[i], score, box))
        return out

    def role_of(self, det: yolo.Detection) -> Optional[str]:
        for role, ids in self.role_ids.items():
            if det.class_id in ids:
                return role
        return None


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def luma(image: np.ndarray) -> float:
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return float(image.mean())


_HOG = None


def hog_people(image: np.ndarray) -> List[float]:
    """Scores of people found by OpenCV's HOG + linear SVM detector (pedestrian-shaped people only)."""
    global _HOG
    if _HOG is None:
        _HOG = cv2.HOGDescriptor()
        _HOG.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
    h, w = image.shape[:2]
    if w > 480:  # HOG cost grows with area; people here are large in the frame
        image = cv2.resize(image, (480, int(h * 480 / w)))
    rects, weights = _HOG.detectMultiScale(image, winStride=(8, 8), padding=(8, 8), scale=1.08)
    return [float(x) for x in np.array(weights).reshape(-1)]


def check_scene(frames: Sequence[Tuple[float, str]], cfg: Config, model: SceneModel,
                species: Optional[str] = None) -> dict:
    """Run the same-frame rule over the sampled frames; returns a Check."""
    def done(result: str) -> dict:
        return {"model": model.name if model.loaded or cfg.scene_model_path else "none configured",
                "version": model.version, "result": result, "evidence": evidence}

    evidence: dict = {"framesSampled": len(frames), "fps": cfg.frames_per_second}
    if cv2 is None:
        evidence["reason"] = f"OpenCV missing ({_CV2_ERROR})"
        return done("unavailable")

    black = 0
    hog_frames = []
    per_frame: List[dict] = []
    best_role: Dict[str, dict] = {}
    together: List[dict] = []
    hog_every = max(1, int(np.ceil(len(frames) / cfg.scene_hog_max_frames))) if cfg.scene_hog_max_frames else 0
    for i, (t, path) in enumerate(frames):
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        if img is None:
            continue
        if luma(img) < cfg.black_luma_threshold:
            black += 1
            continue
        if cfg.scene_hog and hog_every and i % hog_every == 0:
            ws = hog_people(img)
            if ws:
                hog_frames.append({"t": round(t, 2), "score": round(max(ws), 2), "count": len(ws)})
        if not model.loaded:
            continue
        try:
            dets = model.detect(img)
        except Exception as exc:  # a model that loads but cannot run: unknown, not a verdict
            log.error("scene model failed on a frame: %s", type(exc).__name__)
            evidence["reason"] = f"the scene model failed to run: {type(exc).__name__}: {str(exc)[:300]}"
            return done("unavailable")
        roles: Dict[str, yolo.Detection] = {}
        for d in dets:
            r = model.role_of(d)
            if r and (r not in roles or d.score > roles[r].score):
                roles[r] = d
        if not roles:
            continue
        entry = {"t": round(t, 2), "detections": {r: d.public() for r, d in roles.items()}}
        per_frame.append(entry)
        for r, d in roles.items():
            if r not in best_role or d.score > best_role[r]["score"]:
                best_role[r] = {"t": round(t, 2), **d.public()}
        if len(roles) == 3:
            together.append(dict(entry, minScore=round(min(d.score for d in roles.values()), 3)))

    evidence["blackFrames"] = black
    if cfg.scene_hog:
        evidence["hogPersonFrames"] = hog_frames[:20]
        evidence["hogNote"] = "OpenCV HOG people detector: a person-only signal, not used for the verdict"

    if not model.loaded:
        evidence["reason"] = model.error or "no scene model"
        return done("unavailable")

    missing = model.missing_roles()
    evidence["modelClasses"] = {"person": [model.labels[i] for i in model.role_ids["person"]],
                                "animal": [model.labels[i] for i in model.role_ids["animal"]],
                                "knife": [model.labels[i] for i in model.role_ids["knife"]]}
    if model.missing_animals:
        evidence["undetectableAnimals"] = model.missing_animals
        evidence["classNote"] = ("this model has no class for " + ", ".join(model.missing_animals)
                                 + ": such animals cannot be detected and their videos go to a reviewer")
    if missing:
        evidence["reason"] = ("the model has no class for " + ", ".join(missing)
                              + ": the same-frame rule cannot be checked with it")
        evidence["framesWithDetections"] = per_frame[:20]
        return done("unavailable")

    species_norm = _norm(species) if species else None
    species_undetectable = bool(species_norm and species_norm in model.missing_animals)
    if species_norm:
        evidence["species"] = species_norm
    if species_undetectable:
        evidence["speciesNote"] = (f"the model has no class for {species_norm}: the animal role cannot be checked, "
                                   "so this video is never a pass")

    valid = len(frames) - black
    if len(frames) == 0 or valid <= 0 or black >= 0.9 * len(frames):
        evidence["reason"] = "the video is black (or nearly all its frames are)"
        return done("fail_suspected")

    if together and species_undetectable:
        # The animal seen is not the expected one's class (COCO has no goat or camel):
        # the animal role cannot be checked, so this is never a pass.
        bestf = max(together, key=lambda e: e["minScore"])
        evidence.update(frame=bestf, framesTogether=len(together),
                        reason=(f"person, knife and an animal ({bestf['detections']['animal']['label']}) seen in one "
                                f"frame, but the model cannot detect a {species_norm}: a reviewer must look"))
        return done("manual_review")

    if together:
        bestf = max(together, key=lambda e: e["minScore"])
        evidence.update(frame=bestf, framesTogether=len(together),
                        reason="person, animal and knife detected in the same frame")
        return done("pass")

    evidence["bestPerRole"] = best_role
    evidence["framesWithDetections"] = per_frame[:20]
    if not best_role:
        evidence["reason"] = "no person, animal or knife detected in any sampled frame"
        return done("fail_suspected")
    if species_undetectable:
        evidence["reason"] = (f"the model cannot detect a {species_norm}; found "
                              + ", ".join(sorted(best_role)) + ": a reviewer must look")
        return done("manual_review")
    evidence["reason"] = ("found " + ", ".join(sorted(best_role))
                          + " but never person, animal and knife in one frame")
    return done("manual_review")
