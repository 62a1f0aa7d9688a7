"""Per-class score thresholds: a detection fills its role only at or above its class's minimum."""

from __future__ import annotations

from typing import Dict, List, Sequence

from .. import yolo
from ..config import Config
from .labels import norm


def class_minimums(cfg: Config) -> Dict[str, float]:
    return dict(cfg.scene_class_thresholds)


def min_score(cfg: Config, label: str) -> float:
    """The class's own minimum, never below the global one (detections under it never arrive)."""
    return max(cfg.scene_score_threshold, class_minimums(cfg).get(norm(label), cfg.scene_score_threshold))


def confident(cfg: Config, dets: Sequence[yolo.Detection]) -> List[yolo.Detection]:
    return [d for d in dets if d.score >= min_score(cfg, d.label)]
