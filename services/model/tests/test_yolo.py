import os
import tempfile
import unittest

import numpy as np

from model_service import yolo
from model_service.scene import COCO80
from tests import fixtures

PERSON, SHEEP, COW, KNIFE = 0, 18, 19, 43


def planted_v8(n=8400, c=80):
    out = np.zeros((1, 4 + c, n), np.float32)

    def put(a, box, cid, score):
        out[0, :4, a] = box
        out[0, 4 + cid, a] = score

    put(100, (320, 320, 100, 200), PERSON, 0.90)
    put(101, (322, 318, 104, 198), PERSON, 0.80)   # duplicate: NMS must drop it
    put(102, (500, 330, 60, 80), PERSON, 0.60)      # second person, elsewhere: kept
    put(200, (200, 400, 120, 80), SHEEP, 0.70)
    put(201, (200, 400, 120, 80), COW, 0.30)        # same place, other class: class-wise NMS keeps it
    put(300, (400, 350, 20, 60), KNIFE, 0.55)
    put(400, (100, 100, 50, 50), KNIFE, 0.10)      # below threshold
    return out


class YoloDecodeTest(unittest.TestCase):
    def lb(self):
        # 1280x720 frame letterboxed into 640: scale 0.5, 140 px bars top and bottom.
        return yolo.Letterbox(scale=0.5, pad_x=0, pad_y=140, width=1280, height=720)

    def test_v8_planted_boxes(self):
        dets = yolo.decode(planted_v8(), COCO80, self.lb(), 0.25, 0.45)
        got = sorted((d.label, round(d.score, 2)) for d in dets)
        self.assertEqual(got, [("cow", 0.3), ("knife", 0.55), ("person", 0.6), ("person", 0.9),
                               ("sheep", 0.7)])
        person = max((d for d in dets if d.label == "person"), key=lambda d: d.score)
        # cx 320, cy 320, w 100, h 200 in letterboxed pixels -> frame pixels
        x, y, w, h = person.box
        self.assertAlmostEqual(x, (320 - 50) / 0.5)
        self.assertAlmostEqual(y, (320 - 100 - 140) / 0.5)
        self.assertAlmostEqual(w, 200)
        self.assertAlmostEqual(h, 400)

    def test_transposed_and_keep(self):
        out = np.transpose(planted_v8(), (0, 2, 1))  # (1, N, 84)
        dets = yolo.decode(out, COCO80, self.lb(), 0.25, 0.45, keep=[PERSON, KNIFE])
        self.assertEqual(sorted(d.label for d in dets), ["knife", "person", "person"])

    def test_v5_layout_uses_objectness(self):
        n, c = 100, 80
        out = np.zeros((1, n, 5 + c), np.float32)
        out[0, 3, :5] = (320, 320, 64, 64, 0.5)
        out[0, 3, 5 + SHEEP] = 0.9      # 0.45 after objectness
        out[0, 4, :5] = (100, 300, 64, 64, 0.2)
        out[0, 4, 5 + KNIFE] = 0.9      # 0.18: dropped
        dets = yolo.decode(out, COCO80, self.lb(), 0.25, 0.45)
        self.assertEqual([(d.label, round(d.score, 2)) for d in dets], [("sheep", 0.45)])

    def test_shape_mismatch_is_an_error(self):
        with self.assertRaises(ValueError):
            yolo.decode(np.zeros((1, 50, 10), np.float32), COCO80, self.lb())

    def test_nothing_above_threshold(self):
        self.assertEqual(yolo.decode(np.zeros((1, 84, 8400), np.float32), COCO80, self.lb()), [])

    def test_letterbox_roundtrip(self):
        img = np.zeros((720, 1280, 3), np.uint8)
        blob, lb = yolo.letterbox(img, 640)
        self.assertEqual(blob.shape, (1, 3, 640, 640))
        self.assertAlmostEqual(lb.scale, 0.5)
        self.assertEqual((lb.pad_x, lb.pad_y), (0, 140))


@unittest.skipIf(fixtures.make_fake_yolo is None, "no onnx")
class OnnxThroughOpenCVTest(unittest.TestCase):
    """The real loading path: cv2.dnn.readNetFromONNX + forward + decode."""

    def test_fake_onnx_model(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = fixtures.make_fake_yolo(os.path.join(tmp, "m.onnx"), {
                PERSON: (fixtures.center_anchor(), (320, 320, 100, 200), 1.8),
                KNIFE: (fixtures.center_anchor(dx=2), (360, 330, 20, 60), 1.6),
            })
            if path is None:
                self.skipTest("python3-onnx not installed")
            from model_service.config import Config
            from model_service.scene import SceneModel
            m = SceneModel(Config(scene_model_path=path))
            self.assertTrue(m.loaded, m.error)
            bright = np.full((720, 1280, 3), 200, np.uint8)
            dets = m.detect(bright)
            self.assertEqual(sorted(d.label for d in dets), ["knife", "person"])
            self.assertEqual(m.detect(np.zeros((720, 1280, 3), np.uint8)), [])
            self.assertEqual(m.missing_roles(), [])
            self.assertEqual(m.missing_animals, ["goat", "camel"])


if __name__ == "__main__":
    unittest.main()
