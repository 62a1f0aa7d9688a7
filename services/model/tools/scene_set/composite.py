"""Composite frames: a person, an animal and a blade (or a look-alike) pasted on a real background.

Cut-outs come from the photos themselves: the Tux Paint stamps are already cut out (alpha); the table
knife, fork and spoon are separated from the black background of one photo; the other blades keep
their own background (a rectangle, as a real object in a frame would bring its surroundings).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import cv2
import numpy as np

from .photos import Photo

W, H = 640, 360   # a 16:9 frame as the service samples it (MODEL_FRAME_WIDTH 640)
TARGET_ANIMALS = ("tux-sheep", "tux-ram", "tux-goat", "tux-cow", "tux-zebu", "tux-camel", "tux-dromedary")
OTHER_ANIMALS = ("tux-pig", "tux-horse", "tux-yak")
PEOPLE = ("tux-fireman-a", "tux-fireman-b")
BACKGROUNDS = ("windmill", "windmill4")
LOOKALIKES = ("fork", "spoon", "spoons", "scissors1", "sickle")


@dataclass
class Frame:
    id: str
    image: np.ndarray
    labels: List[str]        # classes truly in the frame
    animal: Optional[str]    # sheep | goat | cow | camel | None (another animal or none)
    blade: str               # knife | fork | spoon | spoons | scissors1 | sickle | none


def _crop_alpha(rgba: np.ndarray) -> np.ndarray:
    ys, xs = np.nonzero(rgba[:, :, 3] > 127)
    return rgba[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def cutlery(knife_photo: Photo) -> Dict[str, np.ndarray]:
    """Knife, fork and spoon of the 'knife' photo (bright metal on black), each with its own alpha."""
    bgr = knife_photo.on()
    mask = (cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) > 50).astype(np.uint8)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(mask)
    parts = sorted((i for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] > 200),
                   key=lambda i: stats[i, cv2.CC_STAT_TOP])
    # top to bottom: knife, fork, then the spoon (its bowl and handle come out as two parts)
    groups = {"knife": parts[:1], "fork": parts[1:2], "spoon": parts[2:]}
    out = {}
    for name, ids in groups.items():
        alpha = np.isin(lab, ids).astype(np.uint8) * 255
        alpha = cv2.dilate(alpha, np.ones((3, 3), np.uint8))
        out[name] = _crop_alpha(np.dstack([bgr, alpha]))
    return out


def _paste(canvas: np.ndarray, rgba: np.ndarray, x: int, y: int, height: int, angle: float = 0.0) -> None:
    h, w = rgba.shape[:2]
    s = height / h
    img = cv2.resize(rgba, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA)
    if angle:
        h2, w2 = img.shape[:2]
        m = cv2.getRotationMatrix2D((w2 / 2, h2 / 2), angle, 1.0)
        cos, sin = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(h2 * sin + w2 * cos), int(h2 * cos + w2 * sin)
        m[0, 2] += nw / 2 - w2 / 2
        m[1, 2] += nh / 2 - h2 / 2
        img = cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    h2, w2 = img.shape[:2]
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(canvas.shape[1], x + w2), min(canvas.shape[0], y + h2)
    if x1 <= x0 or y1 <= y0:
        return
    part = img[y0 - y:y1 - y, x0 - x:x1 - x].astype(np.float32)
    a = part[:, :, 3:4] / 255.0
    canvas[y0:y1, x0:x1] = (part[:, :, :3] * a + canvas[y0:y1, x0:x1] * (1 - a)).astype(np.uint8)


def _background(photo: Photo) -> np.ndarray:
    img = photo.on()
    h, w = img.shape[:2]
    s = max(W / w, H / h)
    img = cv2.resize(img, (int(np.ceil(w * s)), int(np.ceil(h * s))), interpolation=cv2.INTER_AREA)
    y = (img.shape[0] - H) // 2
    x = (img.shape[1] - W) // 2
    return img[y:y + H, x:x + W].copy()


def _blades(photos: Dict[str, Photo]) -> Dict[str, Tuple[np.ndarray, float]]:
    """Blade or look-alike -> (cut-out, rotation in degrees): held at an angle, as in a hand."""
    cut = cutlery(photos["knife"])
    out = {"knife": (cut["knife"], 25.0), "fork": (cut["fork"], 25.0), "spoon": (cut["spoon"], 25.0)}
    for pid in ("spoons", "scissors1", "sickle"):
        out[pid] = (photos[pid].rgba, 0.0)
    return out


def build(photos: Dict[str, Photo]) -> List[Frame]:
    blades = _blades(photos)
    frames: List[Frame] = []

    def frame(fid, bg, animal_id, person_id, blade, blade_size):
        img = _background(photos[bg])
        labels = list(photos[bg].labels)
        animal = None
        if animal_id:
            a = photos[animal_id]
            _paste(img, _crop_alpha(a.rgba), 30, 120, 210)
            labels += a.labels
            animal = a.labels[0] if a.labels else None
        if person_id:
            _paste(img, _crop_alpha(photos[person_id].rgba), 400, 30, 320)
            labels.append("person")
        if blade != "none":
            cut, angle = blades[blade]
            long_side = blade_size
            # a cut-out's size is set by its height: scale so its longest side is blade_size
            h, w = cut.shape[:2]
            height = int(long_side * h / max(h, w))
            if angle:
                height = max(height, 8)
            _paste(img, cut, 300, 170, height, angle)
            if blade == "knife":
                labels.append("knife")
        frames.append(Frame(fid, img, sorted(set(labels)), animal, blade))

    for bg in BACKGROUNDS:
        for animal_id in TARGET_ANIMALS:
            for person_id in PEOPLE:
                for size in (220, 150):
                    frame(f"{bg}+{animal_id}+{person_id}+knife{size}", bg, animal_id, person_id, "knife", size)
            for blade in LOOKALIKES + ("none",):
                frame(f"{bg}+{animal_id}+tux-fireman-a+{blade}", bg, animal_id, "tux-fireman-a", blade, 220)
            frame(f"{bg}+{animal_id}+noperson+knife220", bg, animal_id, None, "knife", 220)
        for animal_id in OTHER_ANIMALS:
            frame(f"{bg}+{animal_id}+tux-fireman-a+knife220", bg, animal_id, "tux-fireman-a", "knife", 220)
        frame(f"{bg}+noanimal+tux-fireman-a+knife220", bg, None, "tux-fireman-a", "knife", 220)
    return frames
