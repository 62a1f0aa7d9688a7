"""May this service read the file a caller names? Only inside MODEL_ALLOWED_DIRS, symlinks followed."""

from __future__ import annotations

import os

from ..config import Config
from ..errors import ClientError


def check_path(path, cfg: Config) -> str:
    if not isinstance(path, str) or not path:
        raise ClientError("videoPath must be a non-empty string", "invalid_request", 400)
    if not os.path.isabs(path):
        raise ClientError("videoPath must be an absolute path", "invalid_request", 400)
    real = os.path.realpath(path)
    # No allowed directories means none: never "read any path".
    if not any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in cfg.allowed_dirs):
        raise ClientError("videoPath is outside the directories this service may read",
                          "path_not_allowed", 403)
    if not os.path.exists(real):
        raise ClientError("no file at videoPath", "video_not_found", 404)
    if not os.path.isfile(real):
        raise ClientError("videoPath is not a regular file", "not_a_video", 422)
    if os.path.getsize(real) == 0:
        raise ClientError("the file is empty", "not_a_video", 422)
    if not os.access(real, os.R_OK):
        raise ClientError("the file is not readable by the model service", "video_not_readable", 403)
    return real
