"""Routing: /health is open; every other path answers 401 without the token, then 404 or its handler."""

from __future__ import annotations

import json
import logging
import time
from http.server import BaseHTTPRequestHandler
from typing import Optional

from .. import __version__
from .analyze_route import handle_analyze
from .app import App
from .auth import CHALLENGE, HEALTH_PATHS, UNAUTHORIZED, token_matches
from .metrics import ModelMetrics

log = logging.getLogger("model.server")

NOT_FOUND = {"error": "not_found", "message": "no such endpoint"}


def make_handler(app: App):
    cfg = app.cfg
    metrics = ModelMetrics(app.pool)

    class Handler(BaseHTTPRequestHandler):
        server_version = "qurbani-model/" + __version__
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # access log without bodies (names are personal data)
            log.debug("%s %s", self.address_string(), fmt % args)

        def send_json(self, status: int, body: dict, headers: Optional[dict] = None) -> None:
            data = json.dumps(body).encode()
            self.answered = status
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
            self.send_json(401, UNAUTHORIZED, CHALLENGE)
            return False

        def do_GET(self):
            path = self.path.split("?")[0]
            if path in HEALTH_PATHS:
                self.send_json(200, app.health())
            elif path == "/metrics":  # counts only, like /health: open to the cluster's scraper
                body, content_type = metrics.exposition()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self._authorized():
                self.send_json(404, NOT_FOUND)

        def do_POST(self):
            if not self._authorized():
                return
            if self.path.split("?")[0] != "/v1/analyze":
                self.send_json(404, NOT_FOUND)
                return
            started = time.monotonic()
            # Continues the orchestrator's trace (a no-op unless an OTLP endpoint is configured).
            with app.tracer.span("POST /v1/analyze", self.headers.get("traceparent")) as span:
                handle_analyze(self, app)
                if span:
                    span.set("http.response.status_code", getattr(self, "answered", 500))
            metrics.observe(getattr(self, "answered", 500), time.monotonic() - started)

    return Handler
