"""Class names of a detector and the roles of the same-frame rule they fill."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Sequence

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


def norm(label: str) -> str:
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


@dataclass
class Roles:
    ids: Dict[str, List[int]] = field(default_factory=lambda: {"person": [], "animal": [], "knife": []})
    animal_of: Dict[int, str] = field(default_factory=dict)  # class id -> sheep | goat | cow | camel
    missing_animals: List[str] = field(default_factory=list)  # animals no class can detect
    index: Dict[str, int] = field(default_factory=dict)       # normalised class name -> first class id


def assign_roles(labels: Sequence[str]) -> Roles:
    roles = Roles()
    for i, lab in enumerate(labels):
        n = norm(lab)
        roles.index.setdefault(n, i)
        if n in PERSON:
            roles.ids["person"].append(i)
        if n in ANIMALS or n in ANIMAL_SYNONYMS:
            roles.ids["animal"].append(i)
            roles.animal_of[i] = ANIMAL_SYNONYMS.get(n, n)
        if n in KNIFE:
            roles.ids["knife"].append(i)
    have = set(roles.animal_of.values())
    roles.missing_animals = [a for a in ANIMALS if a not in have]
    return roles
