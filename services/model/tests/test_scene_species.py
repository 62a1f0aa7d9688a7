"""Declared species against what is seen, and the measured per-class score minimums."""

import dataclasses
import os
import tempfile
import unittest

import cv2
import numpy as np

from model_service import config as config_mod
from model_service import yolo
from model_service.config import Config
from model_service.scene import COCO80, SceneModel, check_scene

GOAT_CAMEL_MODEL = ["person", "sheep", "goat", "cow", "camel", "knife"]


class ScriptedModel(SceneModel):
    """Frame i shows script[i]: a list of (label, score)."""

    def __init__(self, cfg, script, labels=COCO80):
        self._labels, self.script, self.calls = list(labels), script, 0
        super().__init__(cfg)

    def _load(self):
        self.labels, self.net, self.name, self.version = self._labels, object(), "scripted", "test"
        self._assign_roles()

    def detect(self, image):
        seen = self.script[self.calls]
        self.calls += 1
        return [yolo.Detection(self.labels.index(lab), lab, sc, (1.0, 1.0, 9.0, 9.0)) for lab, sc in seen]


class SceneCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.cfg = Config(scene_hog=False)

    def tearDown(self):
        self.tmp.cleanup()

    def run_script(self, script, species, cfg=None, labels=COCO80):
        cfg = cfg or self.cfg
        frames = []
        for i in range(len(script)):
            p = os.path.join(self.tmp.name, f"f_{i}.bmp")
            cv2.imwrite(p, np.full((72, 128, 3), 120, np.uint8))
            frames.append((float(i), p))
        return check_scene(frames, cfg, ScriptedModel(cfg, script, labels), species)


class SpeciesTest(SceneCase):
    def test_sheep_order_with_a_cow_in_the_frame_goes_to_review(self):
        r = self.run_script([[("person", 0.7), ("cow", 0.7), ("knife", 0.6)]], "sheep")
        self.assertEqual(r["result"], "manual_review")
        self.assertIn("cow", r["evidence"]["speciesCheck"])

    def test_sheep_order_with_a_cow_in_another_frame_goes_to_review(self):
        script = [[("person", 0.7), ("sheep", 0.8), ("knife", 0.6)], [("cow", 0.7)]]
        r = self.run_script(script, "sheep")
        self.assertEqual(r["result"], "manual_review")
        self.assertEqual(set(r["evidence"]["speciesSeen"]), {"sheep", "cow"})

    def test_sheep_order_with_sheep_person_and_knife_passes(self):
        r = self.run_script([[("person", 0.7), ("sheep", 0.8), ("knife", 0.6)]], "sheep")
        self.assertEqual(r["result"], "pass")
        self.assertNotIn("speciesCheck", r["evidence"])

    def test_goat_and_camel_never_pass_even_with_a_model_that_has_their_class(self):
        for sp in ("goat", "camel"):
            r = self.run_script([[("person", 0.9), (sp, 0.9), ("knife", 0.9)]], sp, labels=GOAT_CAMEL_MODEL)
            self.assertEqual(r["result"], "manual_review", sp)
            self.assertIn("never passed automatically", r["evidence"]["reason"])

    def test_cow_order_where_the_together_frame_shows_a_sheep_under_a_cow_elsewhere_goes_to_review(self):
        script = [[("person", 0.7), ("sheep", 0.8), ("knife", 0.6)], [("person", 0.7), ("cow", 0.9)]]
        r = self.run_script(script, "cow")
        self.assertEqual(r["result"], "manual_review")


class ClassThresholdTest(SceneCase):
    def test_camel_scored_as_sheep_under_the_sheep_minimum_does_not_pass(self):
        # real photos: two camels were "sheep" 0.61; the sheep minimum is above every such score
        r = self.run_script([[("person", 0.7), ("sheep", 0.61), ("knife", 0.6)]], "sheep")
        self.assertEqual(r["result"], "manual_review")
        self.assertEqual(r["evidence"]["belowClassMinimum"]["animal"]["label"], "sheep")

    def test_spoons_scored_as_knife_do_not_fill_the_knife_role(self):
        r = self.run_script([[("person", 0.7), ("sheep", 0.8), ("knife", 0.35)]], "sheep")
        self.assertEqual(r["result"], "manual_review")
        self.assertNotIn("knife", r["evidence"]["bestPerRole"])

    def test_only_weak_detections_go_to_review_not_to_fail(self):
        r = self.run_script([[("knife", 0.3)], [("sheep", 0.4)]], "sheep")
        self.assertEqual(r["result"], "manual_review")

    def test_a_lower_configured_minimum_lets_the_same_frame_pass(self):
        cfg = config_mod.load({"SCENE_CLASS_THRESHOLDS": "knife=0.3"})
        cfg = dataclasses.replace(cfg, scene_hog=False)
        r = self.run_script([[("person", 0.7), ("sheep", 0.8), ("knife", 0.35)]], "sheep", cfg=cfg)
        self.assertEqual(r["result"], "pass")
        self.assertEqual(r["evidence"]["classMinScores"]["knife"], 0.3)
        self.assertEqual(r["evidence"]["classMinScores"]["sheep"], dict(Config.scene_class_thresholds)["sheep"])

    def test_class_minimums_are_parsed_and_checked(self):
        self.assertEqual(dict(config_mod.load({}).scene_class_thresholds), dict(config_mod.SCENE_CLASS_THRESHOLDS))
        got = dict(config_mod.load({"SCENE_CLASS_THRESHOLDS": " Knife=0.5 , cow=0.7"}).scene_class_thresholds)
        self.assertEqual((got["knife"], got["cow"], got["sheep"]), (0.5, 0.7, 0.65))
        for bad in ("knife", "knife=x", "knife=1.5", "=0.3"):
            with self.assertRaises(ValueError, msg=bad):
                config_mod.load({"SCENE_CLASS_THRESHOLDS": bad})


if __name__ == "__main__":
    unittest.main()
