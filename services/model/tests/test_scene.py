"""Same-frame rule, with a stub detector (frames are solid colours that say what is in them)."""

import os
import tempfile
import unittest

import cv2
import numpy as np

from model_service import yolo
from model_service.config import Config
from model_service.scene import COCO80, SceneModel, check_scene

# colour (B, G, R) of a frame -> what the stub "sees" in it
SEEN = {
    (200, 0, 0): ["person", "sheep", "knife"],
    (0, 200, 0): ["person"],
    (0, 0, 200): ["sheep", "knife"],
    (100, 100, 100): [],
    (0, 0, 0): ["person", "sheep", "knife"],  # never reached: black frames are skipped
}


class StubModel(SceneModel):
    def __init__(self, cfg, labels=COCO80):
        self._labels = list(labels)
        super().__init__(cfg)

    def _load(self):
        self.labels = self._labels
        self.net = object()
        self.name, self.version = "stub", "test"
        for i, lab in enumerate(self.labels):
            if lab == "person":
                self.role_ids["person"].append(i)
            if lab in ("sheep", "cow", "goat", "camel"):
                self.role_ids["animal"].append(i)
                self.animal_of[i] = lab
            if lab == "knife":
                self.role_ids["knife"].append(i)
        have = set(self.animal_of.values())
        self.missing_animals = [a for a in ("sheep", "goat", "cow", "camel") if a not in have]

    def detect(self, image):
        colour = tuple(int(v) for v in image[0, 0])
        out = []
        for lab in SEEN.get(colour, []):
            if lab in self.labels:
                out.append(yolo.Detection(self.labels.index(lab), lab, 0.8, (10.0, 10.0, 50.0, 50.0)))
        return out


class SceneRuleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.cfg = Config(scene_hog=False)

    def tearDown(self):
        self.tmp.cleanup()

    def frames(self, colours):
        out = []
        for i, c in enumerate(colours):
            p = os.path.join(self.tmp.name, f"f_{i:05d}.bmp")
            cv2.imwrite(p, np.full((72, 128, 3), c, np.uint8))
            out.append((float(i), p))
        return out

    def test_all_three_in_one_frame_passes_with_frame_time(self):
        r = check_scene(self.frames([(100, 100, 100), (200, 0, 0)]), self.cfg, StubModel(self.cfg))
        self.assertEqual(r["result"], "pass")
        self.assertEqual(r["evidence"]["frame"]["t"], 1.0)
        self.assertEqual(set(r["evidence"]["frame"]["detections"]), {"person", "animal", "knife"})
        self.assertEqual(r["evidence"]["undetectableAnimals"], ["goat", "camel"])

    def test_objects_in_different_frames_go_to_review(self):
        r = check_scene(self.frames([(0, 200, 0), (0, 0, 200)]), self.cfg, StubModel(self.cfg))
        self.assertEqual(r["result"], "manual_review")
        self.assertEqual(set(r["evidence"]["bestPerRole"]), {"person", "animal", "knife"})

    def test_nothing_found_is_fail_suspected(self):
        r = check_scene(self.frames([(100, 100, 100)] * 3), self.cfg, StubModel(self.cfg))
        self.assertEqual(r["result"], "fail_suspected")

    def test_black_video_is_fail_suspected(self):
        r = check_scene(self.frames([(0, 0, 0)] * 5), self.cfg, StubModel(self.cfg))
        self.assertEqual(r["result"], "fail_suspected")
        self.assertEqual(r["evidence"]["blackFrames"], 5)

    def test_no_model_is_unavailable_never_pass_or_fail(self):
        cfg = Config(scene_hog=False, scene_model_path=None)
        for colours in ([(200, 0, 0)], [(0, 0, 0)], [(100, 100, 100)]):
            r = check_scene(self.frames(colours), cfg, SceneModel(cfg))
            self.assertEqual(r["result"], "unavailable")
            self.assertEqual(r["model"], "none configured")

    def test_model_without_knife_class_is_unavailable(self):
        labels = [("blade_x" if n == "knife" else n) for n in COCO80]
        r = check_scene(self.frames([(200, 0, 0)]), self.cfg, StubModel(self.cfg, labels))
        self.assertEqual(r["result"], "unavailable")
        self.assertIn("knife", r["evidence"]["reason"])

    def test_goat_that_the_model_cannot_see_goes_to_review(self):
        r = check_scene(self.frames([(0, 200, 0), (0, 0, 200)]), self.cfg, StubModel(self.cfg), species="goat")
        self.assertEqual(r["result"], "manual_review")
        self.assertIn("cannot detect a goat", r["evidence"]["reason"])

    def test_model_that_fails_at_run_time_is_unavailable(self):
        class Broken(StubModel):
            def detect(self, image):
                raise ValueError("detector output shape (1, 7) does not match 80 classes")
        with self.assertLogs("model.scene", level="ERROR"):
            r = check_scene(self.frames([(200, 0, 0)]), self.cfg, Broken(self.cfg))
        self.assertEqual(r["result"], "unavailable")
        self.assertIn("failed to run", r["evidence"]["reason"])

    def test_unreadable_model_file_is_reported(self):
        bad = os.path.join(self.tmp.name, "bad.onnx")
        with open(bad, "wb") as fh:
            fh.write(b"not an onnx file")
        m = SceneModel(Config(scene_model_path=bad))
        self.assertFalse(m.loaded)
        self.assertIn("could not be loaded", m.error)


if __name__ == "__main__":
    unittest.main()
