"""A tiny or very wide upload must not crash the analysis worker in OpenCV's HOG detector."""

import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each size in its own process: before the fix these killed the interpreter with SIGSEGV.
PROBE = """
import numpy as np
from model_service.scene.frames import hog_people
h, w = {h}, {w}
image = (np.random.RandomState(0).rand(h, w, 3) * 255).astype('uint8')
print(hog_people(image))
"""


class HogSmallFramesTest(unittest.TestCase):
    def test_small_and_wide_frames_are_scanned_without_crashing(self):
        for h, w in [(96, 160), (72, 128), (120, 640), (16, 16), (1, 900)]:
            with self.subTest(size=f"{w}x{h}"):
                run = subprocess.run([sys.executable, "-c", PROBE.format(h=h, w=w)],
                                     cwd=ROOT, capture_output=True, text=True, timeout=60)
                self.assertEqual(run.returncode, 0, run.stderr[-500:])
                self.assertEqual(run.stdout.strip(), "[]")


if __name__ == "__main__":
    unittest.main()
