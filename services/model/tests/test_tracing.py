"""The hand-made W3C trace context and OTLP/HTTP JSON export (no OpenTelemetry package is installable)."""

import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

from model_service.server.tracing import Tracer, parse_traceparent

PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


class TraceparentTest(unittest.TestCase):
    def test_reads_a_version_00_header(self):
        self.assertEqual(parse_traceparent(PARENT), ("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", True))
        self.assertFalse(parse_traceparent(PARENT[:-2] + "00")[2])

    def test_refuses_malformed_or_zero_ids(self):
        for bad in (None, "", "garbage", "01-" + PARENT[3:], "00-" + "0" * 32 + "-00f067aa0ba902b7-01",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0" * 16 + "-01"):
            self.assertIsNone(parse_traceparent(bad), bad)


class ExportTest(unittest.TestCase):
    def test_spans_reach_an_otlp_receiver_under_the_callers_trace(self):
        received = []

        class Receiver(BaseHTTPRequestHandler):
            def do_POST(self):
                received.append((self.path, self.headers["Content-Type"],
                                 json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            tracer = Tracer("model", f"http://127.0.0.1:{server.server_port}/v1/traces", delay_s=60)
            with tracer.span("POST /v1/analyze", PARENT) as span:
                span.set("http.response.status_code", 200)
            with tracer.span("unsampled", PARENT[:-2] + "00") as skipped:
                self.assertIsNone(skipped)
            tracer.shutdown()
        finally:
            server.shutdown()
        self.assertEqual(len(received), 1)
        path, content_type, body = received[0]
        self.assertEqual((path, content_type), ("/v1/traces", "application/json"))
        resource = body["resourceSpans"][0]
        self.assertIn({"key": "service.name", "value": {"stringValue": "model"}}, resource["resource"]["attributes"])
        [exported] = resource["scopeSpans"][0]["spans"]
        self.assertEqual([exported["traceId"], exported["parentSpanId"]], PARENT.split("-")[1:3])
        self.assertEqual(len(exported["spanId"]), 16)
        self.assertGreaterEqual(int(exported["endTimeUnixNano"]), int(exported["startTimeUnixNano"]))

    def test_off_without_an_endpoint(self):
        tracer = Tracer("model", None)
        with tracer.span("x", PARENT) as span:
            self.assertIsNone(span)
        self.assertIsNone(tracer._thread)


if __name__ == "__main__":
    unittest.main()
