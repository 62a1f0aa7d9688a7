"""HTTP JSON API (http.server.ThreadingHTTPServer) in front of a bounded process pool.

GET  /health       models loaded, their versions, tools, pool load (no token: load balancers ask it)
POST /v1/analyze   scene check + name check of one proof video

Every endpoint but /health needs `Authorization: Bearer <MODEL_SERVICE_TOKEN>`, checked before
anything else (an unknown path without it is 401, not 404). The service binds 127.0.0.1 by default
and refuses to start without a token or without MODEL_ALLOWED_DIRS.

Each analysis runs in a worker process (spawned, one per core by default): the
pocketsphinx binding holds the GIL, and a crash in native code takes down one
worker, not the service. At most `workers + queue_limit` analyses are admitted;
the next request gets 503 with Retry-After so the orchestrator backs off.
"""

from __future__ import annotations

import concurrent.futures as cf
import hmac
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import uuid
from concurrent.futures.process import BrokenProcessPool
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from . import __version__, config as config_mod, media
from .analyze import analyze, validate
from .errors import ClientError, ServiceError
from .phonetics import Espeak
from .scene import SceneModel, cv2 as _cv2
from .speech import NameChecker, speech_status

log = logging.getLogger("model.server")

# ---------------------------------------------------------------- worker side
_W: dict = {}


def _worker_init() -> None:
    logging.basicConfig(level=os.environ.get("MODEL_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s")
    try:  # the parent handles Ctrl-C / SIGTERM and shuts the pool down
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):
        pass
    cfg = config_mod.load()
    _W["cfg"] = cfg
    _W["scene"] = SceneModel(cfg)
    _W["names"] = NameChecker(cfg)
    try:
        _W["names"].lexicon.cmudict.lookup("warmup")  # load the dictionary before the first request
    except OSError:
        pass


def _worker_analyze(req: dict) -> dict:
    if not _W:
        _worker_init()
    return analyze(req, _W["cfg"], _W["scene"], _W["names"])


def _worker_ping() -> int:
    if not _W:
        _worker_init()
    return os.getpid()


# ---------------------------------------------------------------- parent side
class Pool:
    def __init__(self, cfg: config_mod.Config):
        self.cfg = cfg
        self.limit = cfg.workers + cfg.queue_limit
        self.inflight = 0
        self.completed = 0
        self.rejected = 0
        self._lock = threading.Lock()
        self._ctx = multiprocessing.get_context("spawn")
        self.executor = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=self.cfg.workers, mp_context=self._ctx,
                                      initializer=_worker_init)

    def warm(self) -> None:
        futs = [self.executor.submit(_worker_ping) for _ in range(self.cfg.workers)]
        for f in futs:
            try:
                f.result(timeout=120)
            except Exception as exc:  # pragma: no cover
                log.warning("worker warm-up failed: %s", exc)

    def try_admit(self) -> bool:
        with self._lock:
            if self.inflight >= self.limit:
                self.rejected += 1
                return False
            self.inflight += 1
            return True

    def _done(self, _fut=None) -> None:
        with self._lock:
            self.inflight -= 1
            self.completed += 1

    def run(self, req: dict, timeout: float) -> dict:
        try:
            fut = self.executor.submit(_worker_analyze, req)
        except (BrokenProcessPool, RuntimeError):
            self._restart()
            self._done()
            raise ServiceError("the analysis worker pool was restarting; retry", "worker_crashed", 503)
        fut.add_done_callback(self._done)  # the slot stays taken until the work really ends
        try:
            return fut.result(timeout=timeout)
        except cf.TimeoutError as exc:
            raise ServiceError(f"analysis took longer than {timeout:.0f} s", "analysis_timeout", 504) from exc
        except BrokenProcessPool as exc:
            self._restart()
            raise ServiceError("an analysis worker died (native crash or out of memory); retry",
                               "worker_crashed", 500) from exc

    def _restart(self) -> None:
        with self._lock:
            old = self.executor
            try:
                probe = old.submit(_worker_ping)
                probe.cancel()
                alive = True
            except (BrokenProcessPool, RuntimeError):
                alive = False
            if not alive:
                log.error("worker pool broken: starting a new one")
                self.executor = self._new()
                old.shutdown(wait=False, cancel_futures=True)

    def stats(self) -> dict:
        with self._lock:
            return {"workers": self.cfg.workers, "inflight": self.inflight, "limit": self.limit,
                    "queueLimit": self.cfg.queue_limit, "completed": self.completed, "rejected": self.rejected}

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


class App:
    def __init__(self, cfg: config_mod.Config):
        self.cfg = cfg
        self.pool = Pool(cfg)
        self.scene_status = SceneModel(cfg).status()  # validates SCENE_MODEL_PATH at start
        self.started = time.time()
        self.tools = {
            "ffmpeg": media.tool_version(cfg.ffmpeg),
            "ffprobe": media.tool_version(cfg.ffprobe),
            "espeak-ng": Espeak(cfg.espeak).version(),
            "opencv": getattr(_cv2, "__version__", "missing"),
        }

    def health(self) -> dict:
        speech = speech_status(self.cfg)
        scene = self.scene_status
        hog = {"model": "OpenCV HOG people detector (default SVM)", "version": self.tools["opencv"],
               "loaded": bool(_cv2 is not None and self.cfg.scene_hog), "use": "evidence only"}
        return {
            "status": "ok" if speech.get("loaded") and self.tools["ffmpeg"] != "missing" else "degraded",
            "service": "qurbani-model", "version": __version__,
            "uptimeSeconds": round(time.time() - self.started, 1),
            "models": {"speech": speech, "scene": scene, "personHog": hog},
            "tools": self.tools,
            "pool": self.pool.stats(),
            "limits": {"maxNames": self.cfg.max_names, "maxVideoSeconds": self.cfg.max_video_seconds,
                       "maxConfusableNames": self.cfg.max_confusable_names},
            "thresholds": {"namePass": self.cfg.name_pass_score, "nameFail": self.cfg.name_fail_score,
                           "nameGrammarMargin": self.cfg.name_grammar_margin,
                           "nameMinLlr": self.cfg.name_min_llr, "nameWordGap": self.cfg.name_word_gap,
                           "confusableDistance": self.cfg.confusable_distance,
                           "sceneScore": self.cfg.scene_score_threshold},
        }


HEALTH_PATHS = ("/health", "/healthz")


def token_matches(header: Optional[str], token: Optional[str]) -> bool:
    """`Authorization: Bearer <token>`, compared in constant time; never true without a token."""
    if not token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].strip().encode("utf-8"), token.encode("utf-8"))


def make_handler(app: App):
    cfg = app.cfg

    class Handler(BaseHTTPRequestHandler):
        server_version = "qurbani-model/" + __version__
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # access log without bodies (names are personal data)
            log.debug("%s %s", self.address_string(), fmt % args)

        def _send(self, status: int, body: dict, headers: Optional[dict] = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _authorized(self) -> bool:
            """Answers 401 (and drops the connection, whose body is left unread) unless the token matches."""
            if token_matches(self.headers.get("Authorization"), cfg.token):
                return True
            self.close_connection = True
            self._send(401, {"error": "unauthorized", "message": "this service needs its service token"},
                       {"WWW-Authenticate": 'Bearer realm="qurbani-model"'})
            return False

        def do_GET(self):
            if self.path.split("?")[0] in HEALTH_PATHS:
                self._send(200, app.health())
            elif self._authorized():
                self._send(404, {"error": "not_found", "message": "no such endpoint"})

        def do_POST(self):
            if not self._authorized():
                return
            if self.path.split("?")[0] != "/v1/analyze":
                self._send(404, {"error": "not_found", "message": "no such endpoint"})
                return
            rid = (self.headers.get("X-Request-Id") or "")[:128] or uuid.uuid4().hex[:16]
            t0 = time.monotonic()
            hdr = {"X-Request-Id": rid}
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length <= 0 or length > cfg.max_body_bytes:
                self.close_connection = True
                self._send(400 if length <= 0 else 413,
                           {"error": "invalid_request", "message": "a JSON body of at most "
                            f"{cfg.max_body_bytes} bytes is required"}, hdr)
                return
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw.decode("utf-8"))
                req = validate(body, cfg)
                req["requestId"] = req.get("requestId") or rid
                media.check_path(req["videoPath"], cfg)  # cheap file checks before queueing
            except (ValueError, UnicodeDecodeError):
                self._send(400, {"error": "invalid_request", "message": "the body is not valid JSON"}, hdr)
                return
            except ClientError as exc:
                log.info("rid=%s rejected status=%d error=%s", rid, exc.status, exc.code)
                self._send(exc.status, exc.body(), hdr)
                return
            if not app.pool.try_admit():
                log.warning("rid=%s busy: %s", rid, app.pool.stats())
                self._send(503, {"error": "busy", "message": "all analysis slots are taken; retry later",
                                 "retryAfterSeconds": cfg.retry_after_seconds},
                           dict(hdr, **{"Retry-After": str(cfg.retry_after_seconds)}))
                return
            try:
                result = app.pool.run(req, timeout=cfg.analysis_timeout_seconds)
            except ClientError as exc:
                log.info("rid=%s names=%d status=%d error=%s ms=%d", rid, len(req["expectedNames"]),
                         exc.status, exc.code, (time.monotonic() - t0) * 1000)
                self._send(exc.status, exc.body(), hdr)
                return
            except ServiceError as exc:
                log.error("rid=%s status=%d error=%s", rid, exc.status, exc.code)
                extra = {"Retry-After": str(cfg.retry_after_seconds)} if exc.status in (503, 504) else {}
                self._send(exc.status, exc.body(), dict(hdr, **extra))
                return
            except Exception as exc:  # never a fake verdict
                log.exception("rid=%s internal error", rid)
                self._send(500, {"error": "internal_error",
                                 "message": f"analysis failed: {type(exc).__name__}"}, hdr)
                return
            per = [p["result"] for p in result["names"]["perName"]]
            log.info("rid=%s names=%d confusable=%d scene=%s names_result=%s per_name=%s video_s=%.1f ms=%d",
                     rid, len(req["expectedNames"]), len(req["confusableNames"]), result["scene"]["result"],
                     result["names"]["result"], {r: per.count(r) for r in sorted(set(per))},
                     result["durationSeconds"], (time.monotonic() - t0) * 1000)
            self._send(200, result, hdr)

    return Handler


def main(argv=None) -> int:
    logging.basicConfig(level=os.environ.get("MODEL_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s")
    try:
        cfg = config_mod.load()
    except ValueError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    problems = config_mod.startup_problems(cfg)
    if problems:
        for problem in problems:
            print(f"configuration error: {problem}", file=sys.stderr)
        print("the model service does not start with this configuration", file=sys.stderr)
        return 2
    app = App(cfg)
    httpd = ThreadingHTTPServer((cfg.host, cfg.port), make_handler(app))
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    if os.environ.get("MODEL_WARM", "1") != "0":
        app.pool.warm()
    h = app.health()
    log.info("listening on http://%s:%d workers=%d queue=%d speech=%s scene=%s", host, port, cfg.workers,
             cfg.queue_limit, h["models"]["speech"].get("loaded"), h["models"]["scene"].get("loaded"))
    print(f"model service listening on http://{host}:{port}", flush=True)

    def stop(signum, _frame):
        log.info("signal %d: shutting down", signum)
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        httpd.serve_forever(poll_interval=0.5)
    finally:
        httpd.server_close()
        app.pool.shutdown()
    return 0
