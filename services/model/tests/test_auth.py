"""Who may call the model service, and what it may read: the token, the allowed directories, the start-up refusal."""

import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

from model_service.config import Config, load, startup_problems
from model_service.errors import ClientError
from model_service.media import check_path
from model_service.server import token_matches
from tests.test_http import PYTHON, SERVICE_DIR, TOKEN, Server

# A real, readable file outside the allowed (temporary) directory wherever the checkout lives (CI may
# clone it under /tmp): the standard library's own os.py.
OUTSIDE = os.path.realpath(os.__file__)


class TokenAndPathsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(MODEL_WARM="0")
        cls.tmp = tempfile.mkdtemp(prefix="model-auth-")
        cls.link = os.path.join(cls.tmp, "escape.mp4")
        os.symlink(OUTSIDE, cls.link)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def body(self, path=None):
        return {"videoPath": path or os.path.join(self.tmp, "missing.mp4"), "expectedNames": ["Amina Khan"]}

    def test_no_token_is_401_before_the_request_is_read(self):
        status, r, headers = self.server.post(self.body(), headers={})
        self.assertEqual((status, r["error"]), (401, "unauthorized"))
        self.assertIn("Bearer", headers.get("WWW-Authenticate", ""))
        status, r, _ = self.server.post(None, raw=b"{not json", headers={})
        self.assertEqual(status, 401, "the body is not even parsed")

    def test_a_wrong_token_is_401(self):
        for header in (f"Bearer {TOKEN[:-1]}x", f"Bearer {TOKEN}extra", "Bearer ", TOKEN, f"Basic {TOKEN}"):
            status, r, _ = self.server.post(self.body(), headers={"Authorization": header})
            self.assertEqual((status, r["error"]), (401, "unauthorized"), header)

    def test_every_endpoint_but_health_needs_the_token(self):
        self.assertEqual(self.server.get("/health", headers={})[0], 200)
        with self.assertRaises(urllib.error.HTTPError) as unknown:
            self.server.get("/v1/anything", headers={})
        self.assertEqual(unknown.exception.code, 401, "an unknown path is not revealed as 404 without the token")
        self.assertEqual(self.server.post({}, path="/v1/other", headers={})[0], 401)
        with self.assertRaises(urllib.error.HTTPError) as known:
            self.server.get("/v1/anything")
        self.assertEqual(known.exception.code, 404)

    def test_metrics_count_answers_without_a_token_and_without_names(self):
        self.server.post(self.body())  # 404 video_not_found
        self.server.post(self.body(), headers={})  # 401: refused before the handler, not counted as analysed
        req = urllib.request.Request(self.server.url("/metrics"))
        with urllib.request.urlopen(req, timeout=10) as r:
            text = r.read().decode()
        self.assertRegex(text, r'model_analyses_total\{service="model",status="404"\} [1-9]')
        self.assertIn('model_pool_limit{service="model"}', text)
        self.assertIn("model_analysis_duration_seconds_bucket", text)
        self.assertNotIn("Amina", text)

    def test_a_path_outside_the_allowed_directories_is_refused(self):
        for path in (OUTSIDE, "/etc/passwd", self.link, os.path.join(self.tmp, "..", "..", OUTSIDE.lstrip("/"))):
            status, r, _ = self.server.post(self.body(path))
            self.assertEqual((status, r["error"]), (403, "path_not_allowed"), path)
        # Inside them, the usual answers go on.
        status, r, _ = self.server.post(self.body())
        self.assertEqual((status, r["error"]), (404, "video_not_found"))

    def test_token_compare(self):
        self.assertTrue(token_matches(f"Bearer {TOKEN}", TOKEN))
        self.assertFalse(token_matches(f"Bearer {TOKEN}", None), "no configured token accepts nobody")
        self.assertFalse(token_matches(None, TOKEN))
        self.assertFalse(token_matches("Bearer", TOKEN))


class StartupRefusalTest(unittest.TestCase):
    def start(self, **env):
        e = {k: v for k, v in os.environ.items() if not k.startswith(("MODEL_", "SCENE_", "NAME_"))}
        e.update({"MODEL_PORT": "0", **env})
        return subprocess.run([PYTHON, "-m", "model_service"], cwd=SERVICE_DIR, env=e, capture_output=True,
                              text=True, timeout=60)

    def test_refuses_to_start_without_token_or_allowed_dirs_and_says_why(self):
        done = self.start()
        self.assertEqual(done.returncode, 2)
        self.assertIn("MODEL_SERVICE_TOKEN is not set", done.stderr)
        self.assertIn("neither MODEL_ALLOWED_DIRS nor MODEL_ALLOWED_URL_PREFIXES is set", done.stderr)
        self.assertNotIn("listening", done.stdout)

    def test_refuses_a_short_token_and_a_missing_allowed_dirs(self):
        done = self.start(MODEL_SERVICE_TOKEN="short")
        self.assertEqual(done.returncode, 2)
        self.assertIn("at least 32 characters", done.stderr)
        done = self.start(MODEL_SERVICE_TOKEN=TOKEN)
        self.assertEqual(done.returncode, 2)
        self.assertIn("neither MODEL_ALLOWED_DIRS nor MODEL_ALLOWED_URL_PREFIXES is set", done.stderr)
        self.assertNotIn(TOKEN, done.stderr, "the token is never printed")

    def test_no_allowed_directories_means_no_path_at_all(self):
        with self.assertRaises(ClientError) as refused:
            check_path(OUTSIDE, Config())
        self.assertEqual((refused.exception.status, refused.exception.code), (403, "path_not_allowed"))

    def test_config_never_shows_the_token(self):
        cfg = load({"MODEL_SERVICE_TOKEN": TOKEN, "MODEL_ALLOWED_DIRS": "/srv/media"})
        self.assertEqual(startup_problems(cfg), [])
        self.assertNotIn("token", cfg.public())
        self.assertNotIn(TOKEN, repr(cfg))
        only_dirs = startup_problems(Config(token=TOKEN))
        self.assertEqual(len(only_dirs), 1)
        self.assertIn("MODEL_ALLOWED_DIRS", only_dirs[0])


if __name__ == "__main__":
    unittest.main()
