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

One job per module: labels (class names and the roles they fill), onnx_detector and
http_detector (the two backends), model (loads one and detects), frames (reads the
sampled frames: black frames, HOG, detections per frame) and same_frame (the rule).
"""

from .http_detector import DetectorUnavailable, HttpDetector
from .labels import COCO80, read_classes
from .model import SceneModel
from .opencv import cv2
from .same_frame import check_scene

__all__ = ["COCO80", "DetectorUnavailable", "HttpDetector", "SceneModel", "check_scene", "cv2", "read_classes"]
