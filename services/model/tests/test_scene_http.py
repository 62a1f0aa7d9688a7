"""The HTTP detector backend (SCENE_DETECTOR_URL) with a stub detector server.

Frames are solid colours; the stub decodes the JPEG it receives and answers
with the COCO labels that colour stands for, as services/detector would.
"""

import json
import os
import socket
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cv2
import numpy as np

from model_service import config as config_mod
from model_service.config import Config
from model_service.scene import SceneModel, check_scene

# colour (B, G, R) -> [(label, score)] the stub detector "sees"
SEEN = {
    (200, 0, 0): [("person", 0.6), ("sheep", 0.5), ("knife", 0.4)],
    (0, 200, 0): [("person", 0.6)],
    (0, 0, 200): [("sheep", 0.5), ("knife", 0.4)],
    (200, 200, 0): [("person", 0.7), ("cow", 0.55), ("knife", 0.3), ("dog", 0.9)],
    (0, 200, 200): [("person", 0.7), ("sheep", 0.5), ("knife", 0.1)],   # knife under the threshold
    (200, 0, 200): [("dog", 0.9), ("fork", 0.8), ("dining table", 0.7)],  # nothing of a role
    (100, 100, 100): [],
}


class Stub(BaseHTTPRequestHandler):
    requests: list = []
    status = 200

    def log_message(self, *args):
        pass

    def _json(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            return self._json(200, {"status": "ok", "model": "stub centernet", "version": "stub-1"})
        self._json(404, {"error": "not_found"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).requests.append((self.path, self.headers.get("Content-Type"), body[:3]))
        if type(self).status != 200:
            return self._json(type(self).status, {"error": "detector_failed", "message": "boom"})
        img = cv2.imdecode(np.frombuffer(body, np.uint8), cv2.IMREAD_COLOR)
        px = img[img.shape[0] // 2, img.shape[1] // 2].astype(int)
        colour = min(SEEN, key=lambda c: int(np.abs(np.array(c) - px).sum()))
        dets = [{"label": lab, "score": sc, "box": [10, 10, 50, 50]} for lab, sc in SEEN[colour]]
        self._json(200, {"model": "stub centernet", "version": "stub-1", "detections": dets})


class HttpDetectorSceneTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        Stub.requests = []
        Stub.status = 200
        # The stub's scores test the rule, not the measured per-class minimums (test_scene_species does).
        self.cfg = Config(scene_hog=False, scene_detector_url=self.url, scene_detector_timeout_seconds=5,
                          scene_class_thresholds=())

    def tearDown(self):
        self.tmp.cleanup()

    def frames(self, colours):
        out = []
        for i, c in enumerate(colours):
            p = os.path.join(self.tmp.name, f"f_{i:05d}.bmp")
            cv2.imwrite(p, np.full((72, 128, 3), c, np.uint8))
            out.append((float(i), p))
        return out

    def check(self, colours, species=None, cfg=None):
        cfg = cfg or self.cfg
        return check_scene(self.frames(colours), cfg, SceneModel(cfg), species)

    def test_person_sheep_knife_in_one_frame_passes(self):
        r = self.check([(100, 100, 100), (200, 0, 0)], species="sheep")
        self.assertEqual(r["result"], "pass")
        self.assertEqual((r["model"], r["version"]), ("stub centernet", "stub-1"))
        ev = r["evidence"]
        self.assertEqual(ev["frame"]["t"], 1.0)
        self.assertEqual({k: v["label"] for k, v in ev["frame"]["detections"].items()},
                         {"person": "person", "animal": "sheep", "knife": "knife"})
        self.assertEqual(ev["undetectableAnimals"], ["goat", "camel"])
        # every sampled frame went to the detector as a JPEG
        self.assertEqual([(p, t, b) for p, t, b in Stub.requests],
                         [("/v1/detect", "image/jpeg", b"\xff\xd8\xff")] * 2)

    def test_cow_is_an_animal_and_other_labels_are_ignored(self):
        r = self.check([(200, 200, 0)], species="cow")
        self.assertEqual(r["result"], "pass")
        self.assertEqual(r["evidence"]["frame"]["detections"]["animal"]["label"], "cow")
        self.assertNotIn("dog", json.dumps(r["evidence"]["frame"]))

    def test_objects_in_different_frames_go_to_review(self):
        r = self.check([(0, 200, 0), (0, 0, 200)])
        self.assertEqual(r["result"], "manual_review")
        self.assertEqual(set(r["evidence"]["bestPerRole"]), {"person", "animal", "knife"})

    def test_detections_under_the_score_threshold_do_not_count(self):
        r = self.check([(0, 200, 200)])
        self.assertEqual(r["result"], "manual_review")
        self.assertEqual(set(r["evidence"]["bestPerRole"]), {"person", "animal"})

    def test_only_non_role_labels_is_fail_suspected(self):
        r = self.check([(200, 0, 200), (100, 100, 100)])
        self.assertEqual(r["result"], "fail_suspected")

    def test_goat_or_camel_is_never_a_pass(self):
        for species in ("goat", "camel"):
            r = self.check([(200, 0, 0)], species=species)  # person + "sheep" + knife together
            self.assertEqual(r["result"], "manual_review", species)
            self.assertIn(f"cannot detect a {species}", r["evidence"]["reason"])
            self.assertIn("never a pass", r["evidence"]["speciesNote"])
            r = self.check([(0, 200, 0)], species=species)  # person only
            self.assertEqual(r["result"], "manual_review", species)

    def test_black_video_is_fail_suspected_without_calling_the_detector(self):
        r = self.check([(0, 0, 0)] * 4)
        self.assertEqual(r["result"], "fail_suspected")
        self.assertEqual(Stub.requests, [])

    def test_detector_error_is_unavailable(self):
        Stub.status = 500
        with self.assertLogs("model.scene", level="ERROR"):
            r = self.check([(200, 0, 0)])
        self.assertEqual(r["result"], "unavailable")
        self.assertIn("HTTP 500", r["evidence"]["reason"])

    def test_detector_down_is_unavailable_never_pass_or_fail(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()  # nothing listens there
        cfg = Config(scene_hog=False, scene_detector_url=f"http://127.0.0.1:{port}", scene_detector_timeout_seconds=2)
        with self.assertLogs("model.scene", level="WARNING"):
            model = SceneModel(cfg)
        self.assertTrue(model.loaded)
        self.assertEqual(model.status()["backend"], "http")
        for colours in ([(200, 0, 0)], [(100, 100, 100)]):
            with self.assertLogs("model.scene", level="ERROR"):
                r = check_scene(self.frames(colours), cfg, model)
            self.assertEqual(r["result"], "unavailable")
            self.assertIn("unreachable", r["evidence"]["reason"])

    def test_onnx_path_takes_precedence_and_config_validates_the_url(self):
        cfg = Config(scene_model_path=os.path.join(self.tmp.name, "missing.onnx"), scene_detector_url=self.url)
        m = SceneModel(cfg)
        self.assertFalse(m.loaded)
        self.assertIn("SCENE_MODEL_PATH", m.error)
        self.assertEqual(config_mod.load({"SCENE_DETECTOR_URL": "http://detector:4210/"}).scene_detector_url,
                         "http://detector:4210")
        with self.assertRaises(ValueError):
            config_mod.load({"SCENE_DETECTOR_URL": "detector:4210"})


if __name__ == "__main__":
    unittest.main()
