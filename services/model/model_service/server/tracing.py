"""W3C trace context in, OTLP/HTTP JSON spans out, with the standard library only.

Debian has no python3-opentelemetry packages and PyPI is not available here, so this is the small
part of the SDK the service needs: continue the caller's `traceparent`
(https://www.w3.org/TR/trace-context/), time one server span per request, and send batches as
OTLP/HTTP JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) from a
background thread. Off (no thread, no cost) unless OTEL_EXPORTER_OTLP_ENDPOINT or
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, like the Node services.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import urllib.request
from contextlib import contextmanager
from typing import Iterator, Optional

log = logging.getLogger("model.tracing")

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
SERVER = 2  # OTLP SpanKind
STATUS_ERROR = 2
MAX_QUEUE = 2048


def parse_traceparent(value: Optional[str]) -> Optional[tuple[str, str, bool]]:
    """(trace id, parent span id, sampled) from a version-00 header; None when absent or malformed."""
    match = _TRACEPARENT.match((value or "").strip().lower())
    if not match:
        return None
    trace_id, span_id, flags = match.groups()
    if trace_id == "0" * 32 or span_id == "0" * 16:
        return None
    return trace_id, span_id, bool(int(flags, 16) & 1)


def traces_endpoint(env=os.environ) -> Optional[str]:
    if env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        return env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]
    base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    return base.rstrip("/") + "/v1/traces" if base else None


def _attr(key: str, value) -> dict:
    if isinstance(value, bool):
        return {"key": key, "value": {"boolValue": value}}
    if isinstance(value, int):
        return {"key": key, "value": {"intValue": str(value)}}
    return {"key": key, "value": {"stringValue": str(value)}}


class Span:
    def __init__(self, name: str, trace_id: str, parent_id: Optional[str]):
        self.name = name
        self.trace_id = trace_id
        self.span_id = os.urandom(8).hex()
        self.parent_id = parent_id
        self.start = time.time_ns()
        self.attributes: dict = {}
        self.error: Optional[str] = None

    def set(self, key: str, value) -> None:
        self.attributes[key] = value

    def to_otlp(self, end: int) -> dict:
        span = {"traceId": self.trace_id, "spanId": self.span_id, "name": self.name, "kind": SERVER,
                "startTimeUnixNano": str(self.start), "endTimeUnixNano": str(end),
                "attributes": [_attr(k, v) for k, v in self.attributes.items()]}
        if self.parent_id:
            span["parentSpanId"] = self.parent_id
        if self.error:
            span["status"] = {"code": STATUS_ERROR, "message": self.error}
        return span


class Tracer:
    """Server spans for one service; `span` yields None (and records nothing) when tracing is off."""

    def __init__(self, service: str, endpoint: Optional[str], delay_s: float = 2.0):
        self.service = service
        self.endpoint = endpoint
        self.delay_s = delay_s
        self._done: list = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread = None
        if endpoint:
            self._thread = threading.Thread(target=self._run, name="otlp-export", daemon=True)
            self._thread.start()

    @classmethod
    def from_env(cls, env=os.environ) -> "Tracer":
        delay_ms = float(env.get("OTEL_BSP_SCHEDULE_DELAY", "2000"))
        return cls(env.get("OTEL_SERVICE_NAME", "model"), traces_endpoint(env), delay_ms / 1000)

    @contextmanager
    def span(self, name: str, traceparent: Optional[str]) -> Iterator[Optional[Span]]:
        if not self.endpoint:
            yield None
            return
        parent = parse_traceparent(traceparent)
        if parent and not parent[2]:  # the caller chose not to sample this trace
            yield None
            return
        span = Span(name, parent[0] if parent else os.urandom(16).hex(), parent[1] if parent else None)
        try:
            yield span
        except BaseException as exc:
            span.error = type(exc).__name__
            raise
        finally:
            with self._lock:
                if len(self._done) < MAX_QUEUE:  # an unreachable collector must not grow memory
                    self._done.append(span.to_otlp(time.time_ns()))

    def _run(self) -> None:
        while not self._stopped:
            self._wake.wait(self.delay_s)
            self._export()

    def _export(self) -> None:
        with self._lock:
            batch, self._done = self._done, []
        if not batch:
            return
        body = {"resourceSpans": [{
            "resource": {"attributes": [_attr("service.name", self.service)]},
            "scopeSpans": [{"scope": {"name": "qurbani-model"}, "spans": batch}],
        }]}
        request = urllib.request.Request(self.endpoint, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                answer.read()
        except Exception as exc:  # tracing never breaks the service: the batch is dropped
            log.warning("trace export failed: %s", exc)

    def shutdown(self) -> None:
        """Sends what is left (at exit)."""
        if not self._thread:
            return
        self._stopped = True
        self._wake.set()
        self._thread.join(timeout=5)
        self._export()
