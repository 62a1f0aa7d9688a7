"""Name check on synthetic speech: every installed voice says a few names.

Measured here and printed: the right-name pass rate. Asserted: it stays above a
floor, and a wrong or one-phoneme-apart name NEVER passes.
"""

import concurrent.futures as cf
import multiprocessing
import os
import shutil
import sys
import unittest

from model_service.config import load
from model_service.speech import NameChecker, speech_status
from model_service.speech.scoring import recorded_inputs, redecide
from tests import fixtures

# A fixed mix (not the best names of the calibration: Amina Khan is a hard one).
NAMES = ["Amina Khan", "Yusuf Ibrahim", "Khadija Mansouri", "Omar Haddad"]
# Said by nobody: asked for on the same audio, alone or next to the right name.
WRONG = ["Fatima Zahra", "Bilal Chaudhry", "Layla Ghazali", "Tariq Rahman"]
DAY = ["Hamza Qureshi", "Zainab Cherif", "Idris Boudiaf", "Salma Akhtar"]
CONFUSABLE = [("Karim Benali", "Karim Bennani"), ("Amine Haddad", "Amir Haddad")]
# Was 0.5 (measured 70 %) before the near-name guards of issue 13, which send a right
# name to review when a made-up ending fits it as well: measured 15/44 (34 %) since.
MIN_RIGHT_PASS_RATE = 0.3


def _env():
    # thresholds and the rest at their defaults, whatever the caller's environment says
    return {k: v for k, v in os.environ.items() if not k.startswith(("MODEL_", "SCENE_", "NAME_"))}


_CHECKER = None


def _voice_job(job):
    """One voice saying one name: the right name next to a wrong one, then a wrong one alone."""
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = NameChecker(load(_env()))
    label, v, i = job
    name = NAMES[i]
    pcm = fixtures.speech_pcm(fixtures.carrier([name]), v)
    wrong_in = WRONG[i]
    wrong_out = WRONG[(i + 1) % len(WRONG)]
    # An animal with two shares: the right name was said, the other one was not.
    r = _CHECKER.check(pcm, [name, wrong_in], DAY)
    per = {p["name"]: p for p in r["perName"]}
    wrongs = [(label, name, wrong_in, per[wrong_in]["result"], per[wrong_in]["score"])]
    # Only a wrong name asked for, the spoken one not among the day's names.
    r2 = _CHECKER.check(pcm, [wrong_out], [])
    wrongs.append((label, name, wrong_out, r2["perName"][0]["result"], r2["perName"][0]["score"]))
    # Every verdict, decided again from what its evidence recorded (the tools weigh thresholds that way).
    replayed = [(p["result"], redecide(recorded_inputs(p), _CHECKER.cfg)[0] if recorded_inputs(p) else p["result"])
                for p in r["perName"] + r2["perName"]]
    return label, name, per[name]["result"], r["result"], wrongs, replayed


@unittest.skipUnless(shutil.which("espeak-ng") and shutil.which("ffmpeg"), "espeak-ng/ffmpeg missing")
class NameCheckVoicesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfg = load(_env())
        if not speech_status(cls.cfg).get("loaded"):
            raise unittest.SkipTest("pocketsphinx or its en-us model missing")
        cls.checker = NameChecker(cls.cfg)
        cls.voices = fixtures.available_voices()

    def test_right_names_pass_wrong_names_never(self):
        # voices x names, spread over the cores (each worker process builds its own checker)
        jobs = [(fixtures.voice_label(v), v, i) for v in self.voices for i in range(len(NAMES))]
        workers = max(1, min(2, os.cpu_count() or 1))
        with cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as ex:
            outcomes = list(ex.map(_voice_job, jobs))
        right = {}
        wrong_results = []
        for label, name, right_result, overall, wrongs, replayed in outcomes:
            for recorded, again in replayed:
                self.assertEqual(again, recorded, (label, name))
            right[(label, name)] = right_result
            self.assertNotEqual(overall, "pass", (label, name))
            wrong_results.extend(wrongs)

        passed = sum(1 for res in right.values() if res == "pass")
        rate = passed / len(right)
        by_voice = {}
        for (label, _), res in right.items():
            by_voice.setdefault(label, []).append(res == "pass")
        voices_half = sum(1 for xs in by_voice.values() if sum(xs) * 2 >= len(xs))
        wrong_pass = [w for w in wrong_results if w[3] == "pass"]
        sys.stderr.write(
            f"\n[name check] right names pass {passed}/{len(right)} ({100 * rate:.0f}%) over {len(by_voice)} voices "
            f"({voices_half} pass at least half of the names); "
            f"wrong names pass {len(wrong_pass)}/{len(wrong_results)}\n"
            + "".join(f"   {lab:26} {sum(xs)}/{len(xs)}\n" for lab, xs in sorted(by_voice.items())))
        self.assertEqual(wrong_pass, [], "a wrong name passed")
        for w in wrong_results:
            self.assertIn(w[3], ("fail_suspected", "manual_review"), w)
        self.assertGreaterEqual(rate, MIN_RIGHT_PASS_RATE, right)

    def test_names_one_phoneme_apart_never_pass(self):
        voices = self.voices[:1] + self.voices[-1:]
        for v in voices:
            for said, other in CONFUSABLE:
                pcm = fixtures.speech_pcm(fixtures.carrier([said]), v)
                for expected, day in ((said, other), (other, said)):
                    r = self.checker.check(pcm, [expected], [day, "Salma Akhtar"])
                    p = r["perName"][0]
                    self.assertNotEqual(p["result"], "pass", (fixtures.voice_label(v), expected, p))
                    if p["result"] == "manual_review":
                        self.assertTrue(p["evidence"].get("confusableWith"), p)

    def test_two_expected_names_one_phoneme_apart_are_both_reviewed(self):
        v = self.voices[-1]
        pcm = fixtures.speech_pcm(fixtures.carrier(["Amine Haddad", "Amir Haddad"]), v)
        r = self.checker.check(pcm, ["Amine Haddad", "Amir Haddad"], [])
        self.assertEqual([p["result"] for p in r["perName"]], ["manual_review", "manual_review"], r)

    def test_silence_is_not_heard(self):
        r = self.checker.check(b"\x00\x00" * 16000 * 3, ["Amina Khan"], [])
        self.assertEqual(r["result"], "fail_suspected")

    def test_missing_model_is_unavailable(self):
        env = dict(_env(), SPEECH_MODEL_DIR="/nonexistent/model")
        cfg = load(env)
        r = NameChecker(cfg).check(b"\x00\x00" * 16000, ["Amina Khan"], [])
        self.assertEqual(r["result"], "unavailable")
        self.assertEqual(r["perName"][0]["result"], "unavailable")


if __name__ == "__main__":
    unittest.main()
