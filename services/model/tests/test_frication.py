"""The final sibilant's hiss: frication frames measured on the signal, and the verdict that uses them."""

import unittest

import numpy as np

from model_service.config import Config
from model_service.speech.frication import frication_frames
from tests.test_name_rules import verdict

RATE = 16000
CFG = Config()


def clip(insert, at_s=0.5, seconds=1.5, noise=300.0, seed=7):
    """`seconds` of steady background noise with `insert` added at `at_s`; 16-bit PCM."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, noise, int(seconds * RATE))
    start = int(at_s * RATE)
    x[start: start + len(insert)] += insert
    return np.clip(x, -32768, 32767).astype(np.int16).tobytes()


def hiss(ms, amp=6000.0, seed=3):
    """White noise: most of its energy lies above 3.5 kHz, as a sibilant's does."""
    return np.random.default_rng(seed).normal(0.0, amp, int(ms * RATE / 1000))


def hum(ms, hz=220.0, amp=12000.0):
    """A loud low tone, as a vowel's voicing: energy without frication."""
    t = np.arange(int(ms * RATE / 1000)) / RATE
    return amp * np.sin(2 * np.pi * hz * t)


class FricationFramesTest(unittest.TestCase):
    def test_a_sibilant_long_enough_counts_its_frames(self):
        self.assertGreaterEqual(frication_frames(clip(hiss(120)), 50, 12), 10)

    def test_a_stop_burst_is_too_short(self):
        self.assertLess(frication_frames(clip(hiss(30)), 50, 12), CFG.name_min_final_frication_frames)

    def test_a_loud_vowel_is_not_frication(self):
        self.assertEqual(frication_frames(clip(hum(150)), 50, 12), 0)

    def test_steady_background_noise_is_not_frication(self):
        self.assertEqual(frication_frames(clip(np.zeros(1), noise=3000.0), 50, 12), 0)

    def test_only_the_frames_around_the_phone_count(self):
        self.assertEqual(frication_frames(clip(hiss(120), at_s=1.2), 50, 12), 0)

    def test_an_empty_or_short_clip_gives_zero(self):
        self.assertEqual(frication_frames(b"", 0, 5), 0)
        self.assertEqual(frication_frames(b"\x00\x00" * 100, 0, 5), 0)


class FricationVerdictTest(unittest.TestCase):
    def test_a_final_sibilant_that_barely_hisses_goes_to_review(self):
        # "Benazid" said for "Benaziz": the D's burst gave 0-6 frames on the development set.
        self.assertEqual(verdict(last="Z", lastFrication=4), "manual_review")
        self.assertEqual(verdict(last="S", lastFrication=CFG.name_min_final_frication_frames), "pass")

    def test_it_judges_the_hiss_whatever_phone_the_alignment_ended_on(self):
        # "Bellarbit" for "Bellarbis": the kept path ended on the IY of the French reading "Bellarbi".
        self.assertEqual(verdict(last="IY", lastFrication=2), "manual_review")

    def test_facts_recorded_before_the_check_are_not_judged_by_it(self):
        self.assertEqual(verdict(last="Z"), "pass")


if __name__ == "__main__":
    unittest.main()
