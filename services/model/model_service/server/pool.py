"""Worker processes that run the analyses, and the admission limit in front of them."""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures.process import BrokenProcessPool

from .. import config as config_mod
from ..analyze import analyze
from ..errors import ServiceError
from ..scene import SceneModel
from ..speech import NameChecker
from .logs import configure_logging

log = logging.getLogger("model.server")

# ---------------------------------------------------------------- worker side
_W: dict = {}


def _worker_init() -> None:
    configure_logging()
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
