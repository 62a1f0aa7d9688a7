"""POST /v1/analyze: read and check the request, admit it or answer busy, run it in the pool, answer.
Never a fake verdict: every failure is an error answer."""

from __future__ import annotations

import json
import logging
import time
import uuid

from .. import media
from ..request import validate
from ..errors import ClientError, ServiceError

log = logging.getLogger("model.server")


def _read_request(handler, cfg, rid: str, hdr: dict):
    """The validated request, or None once an error has been answered."""
    try:
        length = int(handler.headers.get("Content-Length") or 0)
    except ValueError:
        length = -1
    if length <= 0 or length > cfg.max_body_bytes:
        handler.close_connection = True
        handler.send_json(400 if length <= 0 else 413,
                          {"error": "invalid_request", "message": "a JSON body of at most "
                           f"{cfg.max_body_bytes} bytes is required"}, hdr)
        return None
    raw = handler.rfile.read(length)
    try:
        body = json.loads(raw.decode("utf-8"))
        req = validate(body, cfg)
        req["requestId"] = req.get("requestId") or rid
        # Cheap checks before queueing: the file, or that the URL is one this service may fetch.
        if req["videoUrl"] is not None:
            media.check_url(req["videoUrl"], cfg)
        else:
            media.check_path(req["videoPath"], cfg)
    except (ValueError, UnicodeDecodeError):
        handler.send_json(400, {"error": "invalid_request", "message": "the body is not valid JSON"}, hdr)
        return None
    except ClientError as exc:
        log.info("rid=%s rejected status=%d error=%s", rid, exc.status, exc.code)
        handler.send_json(exc.status, exc.body(), hdr)
        return None
    return req


def handle_analyze(handler, app) -> None:
    cfg = app.cfg
    rid = (handler.headers.get("X-Request-Id") or "")[:128] or uuid.uuid4().hex[:16]
    t0 = time.monotonic()
    hdr = {"X-Request-Id": rid}
    req = _read_request(handler, cfg, rid, hdr)
    if req is None:
        return
    if not app.pool.try_admit():
        log.warning("rid=%s busy: %s", rid, app.pool.stats())
        handler.send_json(503, {"error": "busy", "message": "all analysis slots are taken; retry later",
                                "retryAfterSeconds": cfg.retry_after_seconds},
                          dict(hdr, **{"Retry-After": str(cfg.retry_after_seconds)}))
        return
    try:
        result = app.pool.run(req, timeout=cfg.analysis_timeout_seconds)
    except ClientError as exc:
        log.info("rid=%s names=%d status=%d error=%s ms=%d", rid, len(req["expectedNames"]),
                 exc.status, exc.code, (time.monotonic() - t0) * 1000)
        handler.send_json(exc.status, exc.body(), hdr)
        return
    except ServiceError as exc:
        log.error("rid=%s status=%d error=%s", rid, exc.status, exc.code)
        extra = {"Retry-After": str(cfg.retry_after_seconds)} if exc.status in (503, 504) else {}
        handler.send_json(exc.status, exc.body(), dict(hdr, **extra))
        return
    except Exception as exc:  # never a fake verdict
        log.exception("rid=%s internal error", rid)
        handler.send_json(500, {"error": "internal_error", "message": f"analysis failed: {type(exc).__name__}"}, hdr)
        return
    per = [p["result"] for p in result["names"]["perName"]]
    log.info("rid=%s names=%d confusable=%d scene=%s names_result=%s per_name=%s video_s=%.1f ms=%d",
             rid, len(req["expectedNames"]), len(req["confusableNames"]), result["scene"]["result"],
             result["names"]["result"], {r: per.count(r) for r in sorted(set(per))},
             result["durationSeconds"], (time.monotonic() - t0) * 1000)
    handler.send_json(200, result, hdr)
