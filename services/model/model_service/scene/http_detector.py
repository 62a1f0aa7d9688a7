"""Client of services/detector: POST /v1/detect with a JPEG, GET /health; its answer as detections."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Dict, List, Sequence

from .. import yolo
from .labels import norm


class DetectorUnavailable(RuntimeError):
    """The HTTP detector could not be reached or gave no usable answer."""


class HttpDetector:
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


def to_detections(answer: dict, index: Dict[str, int], labels: Sequence[str],
                  threshold: float) -> List[yolo.Detection]:
    """The detector's labelled boxes as detections of our class list; unknown labels and
    scores under the threshold are left out."""
    out: List[yolo.Detection] = []
    for d in answer["detections"]:
        try:
            label = norm(str(d["label"]))
            score = float(d["score"])
            box = tuple(float(v) for v in d["box"][:4])
        except (KeyError, TypeError, ValueError, IndexError):
            raise DetectorUnavailable(f"scene detector sent a malformed detection: {str(d)[:100]}") from None
        i = index.get(label)
        if i is None or len(box) != 4 or score < threshold:
            continue
        out.append(yolo.Detection(i, labels[i], score, box))
    return out
