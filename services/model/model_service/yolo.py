"""Pre- and post-processing for YOLO-style ONNX detectors run with cv2.dnn.

Supported output layouts (batch of 1):
- YOLOv8/YOLO11 export: (1, 4 + C, N): rows cx, cy, w, h, then C class scores
  (already sigmoid-ed), no objectness. Also accepted transposed, (1, N, 4 + C).
- YOLOv5 export: (1, N, 5 + C): cx, cy, w, h, objectness, C class scores;
  score = objectness * class score.
Boxes are in input-image pixels (the letterboxed square); they are mapped back
to the original frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

try:  # cv2 is needed for NMS and letterboxing; decode tests need it too.
    import cv2  # type: ignore
except Exception:  # pragma: no cover
    cv2 = None  # type: ignore


@dataclass
class Letterbox:
    scale: float
    pad_x: float
    pad_y: float
    width: int   # original frame
    height: int


@dataclass
class Detection:
    class_id: int
    label: str
    score: float
    box: Tuple[float, float, float, float]  # x, y, w, h in original frame pixels

    def public(self) -> dict:
        return {"label": self.label, "score": round(float(self.score), 3),
                "box": [round(float(v), 1) for v in self.box]}


def letterbox(image: np.ndarray, size: int) -> Tuple[np.ndarray, Letterbox]:
    """Resize keeping aspect ratio onto a size x size grey canvas; returns NCHW float blob (RGB, 0..1)."""
    h, w = image.shape[:2]
    scale = min(size / w, size / h)
    nw, nh = int(round(w * scale)), int(round(h * scale))
    resized = cv2.resize(image, (nw, nh), interpolation=cv2.INTER_LINEAR)
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    px, py = (size - nw) // 2, (size - nh) // 2
    canvas[py:py + nh, px:px + nw] = resized
    blob = cv2.dnn.blobFromImage(canvas, 1 / 255.0, (size, size), swapRB=True, crop=False)
    return blob, Letterbox(scale, px, py, w, h)


def _as_rows(output: np.ndarray, num_classes: int) -> Tuple[np.ndarray, str]:
    out = np.asarray(output, dtype=np.float32)
    while out.ndim > 2 and out.shape[0] == 1:
        out = out[0]
    if out.ndim != 2:
        raise ValueError(f"unexpected detector output shape {np.shape(output)}")
    a, b = out.shape
    if a == 4 + num_classes and b != 4 + num_classes:
        return out.T, "v8"
    if b == 4 + num_classes:
        return out, "v8"
    if b == 5 + num_classes:
        return out, "v5"
    if a == 5 + num_classes:
        return out.T, "v5"
    raise ValueError(f"detector output shape {np.shape(output)} does not match {num_classes} classes")


def decode(output: np.ndarray, labels: Sequence[str], lb: Letterbox, score_threshold: float = 0.25,
           nms_threshold: float = 0.45, keep: Optional[Sequence[int]] = None) -> List[Detection]:
    """Decode one image's raw output into detections (class-wise NMS with cv2.dnn.NMSBoxes).

    keep: class ids of interest (others are dropped before NMS); None keeps all.
    """
    rows, layout = _as_rows(output, len(labels))
    boxes_c = rows[:, :4]
    if layout == "v8":
        cls_scores = rows[:, 4:]
    else:
        cls_scores = rows[:, 5:] * rows[:, 4:5]
    if keep is not None:
        mask = np.zeros(cls_scores.shape[1], dtype=bool)
        mask[list(keep)] = True
        cls_scores = np.where(mask[None, :], cls_scores, 0.0)
    class_ids = np.argmax(cls_scores, axis=1)
    scores = cls_scores[np.arange(len(rows)), class_ids]
    sel = scores >= score_threshold
    if not np.any(sel):
        return []
    boxes_c, class_ids, scores = boxes_c[sel], class_ids[sel], scores[sel]
    # cx, cy, w, h (letterboxed input) -> x, y, w, h (original frame)
    x = (boxes_c[:, 0] - boxes_c[:, 2] / 2 - lb.pad_x) / lb.scale
    y = (boxes_c[:, 1] - boxes_c[:, 3] / 2 - lb.pad_y) / lb.scale
    w = boxes_c[:, 2] / lb.scale
    h = boxes_c[:, 3] / lb.scale
    x = np.clip(x, 0, lb.width)
    y = np.clip(y, 0, lb.height)
    w = np.minimum(w, lb.width - x)
    h = np.minimum(h, lb.height - y)
    out: List[Detection] = []
    for cid in np.unique(class_ids):
        idx = np.where(class_ids == cid)[0]
        bxs = [[float(x[i]), float(y[i]), float(w[i]), float(h[i])] for i in idx]
        scs = [float(scores[i]) for i in idx]
        kept = cv2.dnn.NMSBoxes(bxs, scs, score_threshold, nms_threshold)
        for k in np.array(kept).reshape(-1):
            out.append(Detection(int(cid), labels[int(cid)], scs[int(k)], tuple(bxs[int(k)])))
    out.sort(key=lambda d: -d.score)
    return out
