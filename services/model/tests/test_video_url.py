"""Videos in object storage: the service downloads a presigned URL, only below the allowed prefixes."""

import http.server
import os
import shutil
import tempfile
import threading
import unittest

from tests import fixtures
from tests.test_http import SLT, TOOLS, Server, free_port


class _Bucket(http.server.SimpleHTTPRequestHandler):
    """A stand-in object store: files of one directory under /bucket/; a 'signature' of 'bad' is refused."""

    def do_GET(self):
        if "X-Amz-Signature=bad" in self.path:
            self.send_error(403, "SignatureDoesNotMatch")
            return
        self.path = self.path.split("?")[0].replace("/bucket/", "/", 1)
        super().do_GET()

    def log_message(self, *args):
        pass


@unittest.skipUnless(TOOLS, "ffmpeg/espeak-ng missing")
class VideoUrlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="model-url-")
        fixtures.synth_wav(fixtures.carrier(["Karim Benali"]), SLT, os.path.join(cls.tmp, "benali.wav"))
        cls.clip = fixtures.make_clip(os.path.join(cls.tmp, "benali.mp4"), seconds=6,
                                      audio_wav=os.path.join(cls.tmp, "benali.wav"))
        port = free_port()
        handler = lambda *a, **kw: _Bucket(*a, directory=cls.tmp, **kw)  # noqa: E731
        cls.store = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=cls.store.serve_forever, daemon=True).start()
        cls.bucket = f"http://127.0.0.1:{port}/bucket"
        # No shared directory at all: only the bucket.
        cls.server = Server(MODEL_ALLOWED_DIRS="", MODEL_ALLOWED_URL_PREFIXES=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.store.shutdown()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def post(self, **video):
        return self.server.post({"expectedNames": ["Karim Benali"], **video})

    def test_a_presigned_url_is_analysed_like_a_file(self):
        status, r, _ = self.post(videoUrl=f"{self.bucket}/benali.mp4?X-Amz-Signature=good")
        self.assertEqual(status, 200, r)
        self.assertAlmostEqual(r["durationSeconds"], 6, delta=0.5)
        self.assertEqual([p["name"] for p in r["names"]["perName"]], ["Karim Benali"])
        self.assertIn("download", r["timings"])
        # No file is left behind by the download.
        self.assertFalse([d for d in os.listdir(tempfile.gettempdir()) if d.startswith("qurbani-frames-")
                          and os.path.exists(os.path.join(tempfile.gettempdir(), d, "video"))])

    def test_urls_it_may_not_fetch_and_links_the_store_refuses(self):
        cases = [
            ({"videoUrl": f"{self.bucket}-other/benali.mp4"}, 403, "url_not_allowed"),
            ({"videoUrl": f"{self.bucket}/../benali.mp4"}, 403, "url_not_allowed"),
            ({"videoUrl": "http://169.254.169.254/latest/meta-data"}, 403, "url_not_allowed"),
            ({"videoUrl": "file:///etc/passwd"}, 400, "invalid_request"),
            ({"videoUrl": f"{self.bucket}/benali.mp4?X-Amz-Signature=bad"}, 403, "url_refused"),
            ({"videoUrl": f"{self.bucket}/missing.mp4"}, 404, "video_not_found"),
            ({"videoPath": self.clip}, 403, "path_not_allowed"),
            ({"videoPath": self.clip, "videoUrl": f"{self.bucket}/benali.mp4"}, 400, "invalid_request"),
            ({}, 400, "invalid_request"),
        ]
        for video, want_status, want_code in cases:
            status, r, _ = self.post(**video)
            self.assertEqual((status, r.get("error")), (want_status, want_code), video)


if __name__ == "__main__":
    unittest.main()
