"""The final nasal's murmur: its spectral tilt measured on the signal, and the verdict that uses it."""

import unittest

import numpy as np

from model_service.config import Config
from model_service.speech.nasal import murmur_tilt
from tests.test_name_rules import verdict

RATE = 16000
CFG = Config()


def murmur(resonance_hz, ms=150, pad_ms=300):
    """A 150 ms hum at 250 Hz with a resonance at `resonance_hz`, between two stretches of silence."""
    t = np.arange(int(ms * RATE / 1000)) / RATE
    hum = 8000 * np.sin(2 * np.pi * 250 * t) + 2500 * np.sin(2 * np.pi * resonance_hz * t)
    pad = np.zeros(int(pad_ms * RATE / 1000))
    return np.concatenate([pad, hum, pad]).astype(np.int16).tobytes()


class MurmurTiltTest(unittest.TestCase):
    def test_a_resonance_near_2_khz_tilts_up_and_near_1_khz_down(self):
        self.assertGreater(murmur_tilt(murmur(2000), 32, 12), 10)
        self.assertLess(murmur_tilt(murmur(1000), 32, 12), -10)

    def test_frames_outside_the_clip_are_not_measured(self):
        self.assertIsNone(murmur_tilt(murmur(2000), 70, 12))
        self.assertIsNone(murmur_tilt(b"", 0, 3))
        self.assertIsNone(murmur_tilt(murmur(2000), 10, 0))


class NasalVerdictTest(unittest.TestCase):
    def test_a_final_nasal_must_sound_like_the_expected_one(self):
        # "Hassoum" said for "Hassoun": the phone model scores both alike, the murmur does not.
        self.assertEqual(verdict(last="N", nasal="N", nasalTilt=-4.6), "manual_review")
        self.assertEqual(verdict(last="N", nasal="N", nasalTilt=2.0), "pass")
        self.assertEqual(verdict(last="M", nasal="M", nasalTilt=1.9), "manual_review")
        self.assertEqual(verdict(last="M", nasal="M", nasalTilt=-5.7), "pass")

    def test_an_unmeasured_murmur_goes_to_review_and_other_names_are_not_judged(self):
        self.assertEqual(verdict(last="N", nasal="N", nasalTilt=None), "manual_review")
        self.assertEqual(verdict(last="N"), "pass")


if __name__ == "__main__":
    unittest.main()
