"""May this service download the URL a caller names (a presigned object-store link), and download it.

Only below MODEL_ALLOWED_URL_PREFIXES, never following a redirect: a caller cannot make the service
fetch anything else. The object store checks the link's signature and expiry; its refusal is a 403.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request

from ..config import Config
from ..errors import ClientError, ServiceError

CHUNK = 1 << 20


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def check_url(url, cfg: Config) -> str:
    if not isinstance(url, str) or not url:
        raise ClientError("videoUrl must be a non-empty string", "invalid_request", 400)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        raise ClientError("videoUrl must be an http(s) URL without credentials", "invalid_request", 400)
    segments = urllib.parse.unquote(parts.path).split("/")
    if any(s in (".", "..") for s in segments) or not any(url.startswith(p) for p in cfg.allowed_url_prefixes):
        raise ClientError("videoUrl is outside the object stores this service may read", "url_not_allowed", 403)
    return url


def download(url: str, directory: str, cfg: Config) -> str:
    """Streams the object into `directory`; returns the file's path."""
    check_url(url, cfg)
    path = os.path.join(directory, "video")
    total = 0
    try:
        with _opener.open(url, timeout=cfg.download_timeout_seconds) as resp, open(path, "wb") as out:
            while True:
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > cfg.max_video_bytes:
                    raise ClientError(f"the video is larger than {cfg.max_video_bytes} bytes", "video_too_large", 413)
                out.write(chunk)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise ClientError("no object at videoUrl", "video_not_found", 404) from None
        if exc.code in (401, 403):
            raise ClientError("the object store refused videoUrl (an expired or altered link)",
                              "url_refused", 403) from None
        raise ServiceError(f"the object store answered {exc.code}", "media_unavailable", 503) from None
    except (urllib.error.URLError, OSError) as exc:
        raise ServiceError(f"the object store is unreachable: {exc}", "media_unavailable", 503) from None
    if total == 0:
        raise ClientError("the file is empty", "not_a_video", 422)
    return path
