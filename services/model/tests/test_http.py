"""The real HTTP server, started as a subprocess on a free port, on clips made here."""

import concurrent.futures as cf
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from tests import fixtures

SERVICE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
TOOLS = all(shutil.which(t) for t in ("ffmpeg", "ffprobe", "espeak-ng"))


# The shared secret of every test server (the orchestrator's MODEL_SERVICE_TOKEN).
TOKEN = "test-model-token-0123456789abcdef0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, **env):
        self.port = free_port()
        e = dict(os.environ)
        for k in list(e):
            if k.startswith(("MODEL_", "SCENE_", "NAME_")):
                del e[k]
        # Videos of the tests are made under the temporary directory: the only one the service may read.
        e.update({"MODEL_PORT": str(self.port), "MODEL_HOST": "127.0.0.1", "MODEL_LOG_LEVEL": "WARNING",
                  "MODEL_SERVICE_TOKEN": TOKEN, "MODEL_ALLOWED_DIRS": tempfile.gettempdir()})
        e.update({k: str(v) for k, v in env.items()})
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([PYTHON, "-m", "model_service"], cwd=SERVICE_DIR, env=e,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("model service exited: " + self.output())
            try:
                status, _ = self.get("/health", headers={})
                if status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("model service did not start: " + self.output())

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-3000:]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, headers=AUTH):
        req = urllib.request.Request(self.url(path), headers=dict(headers))
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())

    def post(self, body, raw=None, timeout=120, headers=AUTH, path="/v1/analyze"):
        data = raw if raw is not None else json.dumps(body).encode()
        req = urllib.request.Request(self.url(path), data=data, method="POST",
                                     headers={"Content-Type": "application/json", **headers})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read()), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}"), dict(e.headers)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


SLT = ("flite", "slt", ()) if shutil.which("flite") else fixtures.ESPEAK_VOICES[0]


@unittest.skipUnless(TOOLS, "ffmpeg/espeak-ng missing")
class HttpApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="model-http-")
        d = cls.tmp
        cls.server = Server()
        photo = fixtures.skimage_photo(os.path.join(d, "astronaut.png"))
        # Names said by one voice; the clip is a real photo (or a test pattern) for 12 s.
        fixtures.synth_wav(fixtures.carrier(["Amina Khan", "Omar Haddad"]), SLT, os.path.join(d, "two.wav"))
        cls.two = fixtures.make_clip(os.path.join(d, "two.mp4"), seconds=12, audio_wav=os.path.join(d, "two.wav"),
                                     image=photo)
        fixtures.synth_wav(fixtures.carrier(["Karim Benali"]), SLT, os.path.join(d, "benali.wav"))
        cls.benali = fixtures.make_clip(os.path.join(d, "benali.mp4"), seconds=8,
                                        audio_wav=os.path.join(d, "benali.wav"))
        cls.silent_video = os.path.join(d, "noaudio.mp4")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=3",
                        "-c:v", "libx264", "-preset", "ultrafast", cls.silent_video], check=True)
        # Truncated uploads: mp4 with the index at the end, and a "fast start" one; both cut.
        cls.trunc_tail = os.path.join(d, "trunc_tail.mp4")
        fixtures.make_clip(os.path.join(d, "full_tail.mp4"), seconds=8, audio_wav=os.path.join(d, "benali.wav"),
                           faststart=False)
        with open(os.path.join(d, "full_tail.mp4"), "rb") as src, open(cls.trunc_tail, "wb") as dst:
            data = src.read()
            dst.write(data[: len(data) // 2])
        cls.trunc_fast = os.path.join(d, "trunc_fast.mp4")
        with open(cls.benali, "rb") as src, open(cls.trunc_fast, "wb") as dst:
            data = src.read()
            dst.write(data[: len(data) // 3])
        cls.text = os.path.join(d, "notes.mp4")
        with open(cls.text, "w") as fh:
            fh.write("this is not a video\n" * 100)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def analyze(self, path, names, confusable=None, **kw):
        body = {"videoPath": path, "expectedNames": names}
        if confusable is not None:
            body["confusableNames"] = confusable
        body.update(kw)
        return self.server.post(body)

    def test_health_lists_models_and_versions(self):
        status, h = self.server.get("/health")
        self.assertEqual(status, 200)
        self.assertTrue(h["models"]["speech"]["loaded"])
        self.assertIn("pocketsphinx-en-us", h["models"]["speech"]["version"])
        self.assertEqual(h["models"]["scene"]["model"], "none configured")
        self.assertFalse(h["models"]["scene"]["loaded"])
        self.assertGreaterEqual(h["pool"]["workers"], 1)

    def test_a_right_name_passes_and_scene_is_unavailable_without_a_model(self):
        # (slt's "Yusuf Ibrahim" goes to review since issue 13: a made-up near name fits it as well.
        # "Amina Khan" too, since the nasal check: said as "Khan and", its N runs into the vowel of
        # "and" with no murmur to tell an N from an M, so a person checks it.)
        status, r, headers = self.analyze(self.two, ["Amina Khan", "Omar Haddad"],
                                          ["Yusuf Ibrahim", "Fatima Zahra", "Hamza Qureshi"])
        self.assertEqual(status, 200, r)
        self.assertEqual([p["result"] for p in r["names"]["perName"]], ["manual_review", "pass"],
                         json.dumps(r["names"], indent=1))
        self.assertIn("nasal", r["names"]["perName"][0]["evidence"]["reason"])
        self.assertEqual(r["names"]["result"], "manual_review")
        for p in r["names"]["perName"]:
            self.assertIn("keyword", p["evidence"])
            self.assertIn("grammar", p["evidence"])
        self.assertEqual(r["scene"]["result"], "unavailable")
        self.assertEqual(r["scene"]["evidence"]["framesSampled"], 12)
        self.assertAlmostEqual(r["durationSeconds"], 12, delta=0.2)
        for check in (r["scene"], r["names"]):
            self.assertIn("model", check)
            self.assertIn("version", check)
        self.assertIn("X-Request-Id", headers)

    def test_a_different_name_never_passes(self):
        # not among the day's names
        status, r, _ = self.analyze(self.two, ["Fatima Zahra"], [])
        self.assertEqual(status, 200)
        self.assertIn(r["names"]["result"], ("fail_suspected", "manual_review"))
        # the spoken names are among the day's names
        status, r, _ = self.analyze(self.two, ["Fatima Zahra", "Amina Khan"], ["Omar Haddad"])
        self.assertEqual(status, 200)
        per = {p["name"]: p["result"] for p in r["names"]["perName"]}
        self.assertIn(per["Fatima Zahra"], ("fail_suspected", "manual_review"))
        self.assertNotEqual(r["names"]["result"], "pass")

    def test_confusable_name_of_the_day_blocks_pass(self):
        status, r, _ = self.analyze(self.benali, ["Karim Benali"], ["Karim Bennani", "Omar Haddad"])
        self.assertEqual(status, 200)
        p = r["names"]["perName"][0]
        self.assertEqual(p["result"], "manual_review", p)
        self.assertEqual(p["evidence"]["confusableWith"][0]["name"], "Karim Bennani")
        # and the other way round: the one-phoneme-apart name that was not said
        status, r, _ = self.analyze(self.benali, ["Karim Bennani"], ["Karim Benali"])
        self.assertNotEqual(r["names"]["perName"][0]["result"], "pass")

    def test_errors_are_clear_4xx(self):
        cases = [
            ({"videoPath": self.trunc_tail, "expectedNames": ["A B"]}, 422, "truncated_video"),
            ({"videoPath": self.trunc_fast, "expectedNames": ["A B"]}, 422, "truncated_video"),
            ({"videoPath": self.text, "expectedNames": ["A B"]}, 422, "not_a_video"),
            ({"videoPath": self.silent_video, "expectedNames": ["A B"]}, 422, "no_audio_track"),
            ({"videoPath": os.path.join(self.tmp, "missing.mp4"), "expectedNames": ["A B"]}, 404,
             "video_not_found"),
            ({"videoPath": "relative.mp4", "expectedNames": ["A B"]}, 400, "invalid_request"),
            ({"videoPath": self.two, "expectedNames": [f"Name {i}" for i in range(8)]}, 400, "too_many_names"),
            ({"videoPath": self.two, "expectedNames": []}, 400, "no_names"),
            ({"videoPath": self.two}, 400, "invalid_request"),
        ]
        for body, status, code in cases:
            got, r, _ = self.server.post(body)
            self.assertEqual((got, r.get("error")), (status, code), (body, r))
            self.assertTrue(r.get("message"))
        got, r, _ = self.server.post(None, raw=b"{not json")
        self.assertEqual((got, r["error"]), (400, "invalid_request"))

    def test_unknown_endpoint(self):
        try:
            self.server.get("/nope")
            self.fail("expected 404")
        except urllib.error.HTTPError as e:
            self.assertEqual(e.code, 404)


@unittest.skipUnless(TOOLS, "ffmpeg/espeak-ng missing")
class HttpWithSceneModelTest(unittest.TestCase):
    """A tiny ONNX detector made here (python3-onnx) stands in for an operator's YOLO export."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="model-scene-")
        d = cls.tmp
        a = fixtures.center_anchor
        # gains are high enough for any lit cell to pass the 0.25 score threshold; black scores 0
        planted = {0: (a(), (320, 320, 100, 200), 4.0), 18: (a(dx=2), (380, 330, 90, 60), 4.0),
                   43: (a(dx=-2), (340, 340, 20, 60), 4.0)}
        cls.model = fixtures.make_fake_yolo(os.path.join(d, "fake-yolo.onnx"), planted)
        if cls.model is None:
            raise unittest.SkipTest("python3-onnx not installed")
        cls.no_knife = fixtures.make_fake_yolo(os.path.join(d, "no-knife.onnx"),
                                               {k: v for k, v in planted.items() if k != 43})
        fixtures.synth_wav(fixtures.carrier(["Amina Khan"]), SLT, os.path.join(d, "a.wav"))
        photo = fixtures.skimage_photo(os.path.join(d, "astronaut.png"))
        cls.bright = fixtures.make_clip(os.path.join(d, "bright.mp4"), seconds=5, audio_wav=os.path.join(d, "a.wav"),
                                        image=photo)
        cls.black = fixtures.make_clip(os.path.join(d, "black.mp4"), seconds=5, audio_wav=os.path.join(d, "a.wav"),
                                       black=True)
        # One worker, no queue: the second concurrent request must get 503 + Retry-After.
        cls.server = Server(SCENE_MODEL_PATH=cls.model, MODEL_WORKERS=1, MODEL_QUEUE_LIMIT=0,
                            MODEL_RETRY_AFTER_SECONDS=7)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None):
            cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_health_reports_the_model(self):
        _, h = self.server.get("/health")
        scene = h["models"]["scene"]
        self.assertTrue(scene["loaded"], scene)
        self.assertTrue(scene["version"].startswith("sha256:"))
        self.assertEqual(scene["undetectableAnimals"], ["goat", "camel"])

    def test_same_frame_pass_and_black_video_fail(self):
        status, r, _ = self.server.post({"videoPath": self.bright, "expectedNames": ["Amina Khan"]})
        self.assertEqual(status, 200, r)
        self.assertEqual(r["scene"]["result"], "pass", r["scene"])
        frame = r["scene"]["evidence"]["frame"]
        self.assertEqual(set(frame["detections"]), {"person", "animal", "knife"})
        self.assertIn("t", frame)
        self.assertIn("goat", r["scene"]["evidence"]["classNote"])
        status, r, _ = self.server.post({"videoPath": self.black, "expectedNames": ["Amina Khan"]})
        self.assertEqual(status, 200, r)
        self.assertEqual(r["scene"]["result"], "fail_suspected")

    def test_busy_gets_503_with_retry_after(self):
        body = {"videoPath": self.bright, "expectedNames": ["Amina Khan"]}
        with cf.ThreadPoolExecutor(3) as ex:
            first = ex.submit(self.server.post, body)
            time.sleep(0.3)
            second = ex.submit(self.server.post, body)
            codes = sorted([first.result()[0], second.result()[0]])
            busy = [f.result() for f in (first, second) if f.result()[0] == 503]
        self.assertEqual(codes, [200, 503])
        self.assertEqual(busy[0][1]["error"], "busy")
        self.assertEqual(busy[0][2].get("Retry-After"), "7")


@unittest.skipUnless(TOOLS, "ffmpeg/espeak-ng missing")
class SceneModelWithoutKnifeTest(unittest.TestCase):
    def test_objects_but_never_together_is_manual_review(self):
        tmp = tempfile.mkdtemp(prefix="model-scene2-")
        try:
            a = fixtures.center_anchor
            seen = {0: (a(), (320, 320, 100, 200), 1.5), 18: (a(dx=2), (380, 330, 90, 60), 1.4)}
            model = fixtures.make_fake_yolo(os.path.join(tmp, "pk.onnx"), seen)
            if model is None:
                self.skipTest("python3-onnx not installed")
            from model_service.config import Config
            from model_service.scene import SceneModel, check_scene
            import cv2
            import numpy as np
            frame = os.path.join(tmp, "f_00000.bmp")
            cv2.imwrite(frame, np.full((360, 640, 3), 180, np.uint8))
            cfg = Config(scene_model_path=model, scene_hog=False)
            r = check_scene([(0.0, frame)], cfg, SceneModel(cfg))
            self.assertEqual(r["result"], "manual_review", r)
            self.assertEqual(set(r["evidence"]["bestPerRole"]), {"person", "animal"})
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
