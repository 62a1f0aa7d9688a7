"""`python -m model_service`: check the configuration, listen, stop gracefully on SIGTERM/SIGINT."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from http.server import ThreadingHTTPServer

from .. import config as config_mod
from .app import App
from .logs import configure_logging
from .routes import make_handler

log = logging.getLogger("model.server")


def main(argv=None) -> int:
    configure_logging()
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
        app.tracer.shutdown()
    return 0
