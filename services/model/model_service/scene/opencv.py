"""OpenCV, when it imports: without it the scene check is "unavailable", never an error."""

from typing import Optional

try:  # pragma: no cover - depends on the machine
    import cv2  # type: ignore
    CV2_ERROR: Optional[str] = None
except Exception as exc:  # pragma: no cover
    cv2 = None  # type: ignore
    CV2_ERROR = f"{type(exc).__name__}: {exc}"
