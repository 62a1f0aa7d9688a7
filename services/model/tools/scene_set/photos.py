"""The manifest's photos, read from their Debian packages into a cache directory (never committed)."""

from __future__ import annotations

import glob
import json
import os
import subprocess
from dataclasses import dataclass, field
from typing import Dict, List

import cv2
import numpy as np

from .rcc import read_rcc

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "manifest.json")
CLASSES = ("person", "sheep", "goat", "cow", "camel", "knife")


@dataclass
class Photo:
    id: str
    labels: List[str]
    what: str
    rgba: np.ndarray                  # BGRA; alpha 255 where the photo has no transparency
    meta: Dict[str, str] = field(default_factory=dict)

    def on(self, background=(255, 255, 255)) -> np.ndarray:
        """The photo as BGR, transparent parts (cut-out stamps) over a plain background."""
        a = self.rgba[:, :, 3:4].astype(np.float32) / 255.0
        bg = np.empty_like(self.rgba[:, :, :3])
        bg[:] = background
        return (self.rgba[:, :, :3] * a + bg * (1 - a)).astype(np.uint8)


def _extract(package: str, version: str, cache: str) -> str:
    """The package's files under cache/<package>/, downloaded with apt-get the first time."""
    root = os.path.join(cache, package)
    if os.path.isdir(os.path.join(root, "usr")):
        return root
    os.makedirs(root, exist_ok=True)
    debs = glob.glob(os.path.join(cache, f"{package}_{version}_*.deb"))
    if not debs:
        subprocess.run(["apt-get", "download", f"{package}={version}"], cwd=cache, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        debs = glob.glob(os.path.join(cache, f"{package}_{version}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", debs[0], root], check=True)
    return root


def _decode(blob: bytes) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_UNCHANGED)
    if img is None:
        raise ValueError("undecodable image")
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[2] == 3:
        img = np.dstack([img, np.full(img.shape[:2], 255, np.uint8)])
    return img


def load(cache: str) -> Dict[str, Photo]:
    with open(MANIFEST, encoding="utf-8") as fh:
        doc = json.load(fh)
    os.makedirs(cache, exist_ok=True)
    roots = {p: _extract(p, v, cache) for p, v in doc["packages"].items()}
    bundles: Dict[str, Dict[str, bytes]] = {}
    out: Dict[str, Photo] = {}
    for p in doc["photos"]:
        path = os.path.join(roots[p["package"]], p["file"])
        if "member" in p:
            if path not in bundles:
                bundles[path] = read_rcc(path)
            blob = bundles[path][p["member"]]
        else:
            with open(path, "rb") as fh:
                blob = fh.read()
        unknown = set(p["labels"]) - set(CLASSES)
        if unknown:
            raise ValueError(f"{p['id']}: unknown labels {unknown}")
        out[p["id"]] = Photo(p["id"], list(p["labels"]), p["what"], _decode(blob),
                             {k: p[k] for k in ("package", "licence", "author", "source")})
    return out
