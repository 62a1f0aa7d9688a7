"""The name verdict's guards against near names, and Arabic-script names against Latin rosters."""

import shutil
import unittest

from model_service.config import Config
from model_service.phonetics import letter_skeleton
from model_service.phonetics.script import romanize
from model_service.speech import decide
from model_service.speech.gop import forced_grammar

CFG = Config()
GOOD = {"minGop": -0.02, "weakest": "AA", "lastGop": 0.0, "lastFrames": 8, "tailGop": 0.0}


def verdict(near_margin=2.0, **phones):
    facts = None if phones.get("none") else dict(GOOD, **phones)
    return decide(50.0, "self", 3.0, False, CFG, None, -20.0, True, near_margin, facts)[0]


class NearNameRulesTest(unittest.TestCase):
    def test_a_clear_name_passes(self):
        self.assertEqual(verdict(), "pass")

    def test_a_near_name_fitting_as_well_goes_to_review(self):
        self.assertEqual(verdict(near_margin=-0.5), "manual_review")
        self.assertEqual(verdict(near_margin=None), "manual_review")

    def test_the_weakest_phone_decides_not_the_average(self):
        self.assertEqual(verdict(minGop=CFG.name_min_phone_gop - 0.01, weakest="IY"), "manual_review")

    def test_a_squeezed_last_phone_goes_to_review(self):
        self.assertEqual(verdict(lastFrames=3, lastGop=-0.1), "manual_review")
        self.assertEqual(verdict(lastFrames=9, lastGop=-0.06), "pass")

    def test_speech_right_after_the_name_goes_to_review(self):
        self.assertEqual(verdict(tailGop=-0.2), "manual_review")
        self.assertEqual(verdict(tailGop=None), "manual_review")

    def test_a_final_fricative_too_short_to_have_been_said_goes_to_review(self):
        # "Bouazid" said for "Bouaziz": the D aligned as a 5-frame Z that fits as well as a real one.
        self.assertEqual(verdict(last="Z", lastFrames=5), "manual_review")
        self.assertEqual(verdict(last="Z", lastFrames=CFG.name_min_final_fricative_frames), "pass")
        self.assertEqual(verdict(last="N", lastFrames=4), "pass")

    def test_phones_that_could_not_be_aligned_go_to_review(self):
        self.assertEqual(verdict(none=True), "manual_review")

    def test_the_forced_alignment_lists_the_phones_in_order(self):
        g = forced_grammar([("T", "UW", "M", "IY")])
        self.assertIn("phone0t_v0 phone0uw_v0 phone0m_v0 phone0iy_v0", g)
        self.assertIn("pause0sil_v0", g)


class ScriptSkeletonTest(unittest.TestCase):
    def test_arabic_script_and_latin_spellings_share_a_skeleton(self):
        for arabic, latin in [("كريم بن سعيد", "Karim Bensaid"), ("خديجة منصوري", "Khadija Mansouri"),
                              ("فاطمة الزهراء", "Fatima Zahra"), ("نادية بلحاج", "Nadia Belhadj")]:
            self.assertEqual(letter_skeleton(arabic), letter_skeleton(latin), (arabic, latin))

    def test_the_arabic_voice_phones_are_spelt_in_latin_letters_for_the_latin_voices(self):
        self.assertEqual(romanize(("K", "AA", "R", "IY", "M")), "karim")
        self.assertEqual(romanize(("R", "AA", "SH", "IY", "D")), "rashid")
        self.assertEqual(romanize(("M", "UW", "S", "AA")), "mousa")

    def test_other_names_do_not(self):
        self.assertNotEqual(letter_skeleton("كريم بن سعيد"), letter_skeleton("Omar Haddad"))
        self.assertNotEqual(letter_skeleton("سمير تومي"), letter_skeleton("Samir Toumani"))


@unittest.skipUnless(shutil.which("espeak-ng"), "espeak-ng missing")
class CrossScriptRosterTest(unittest.TestCase):
    def test_a_latin_day_name_one_consonant_from_an_arabic_expected_name_is_confusable(self):
        from model_service.config import load
        from model_service.speech import NameChecker, candidates
        checker = NameChecker(load({}))
        cands = candidates.gather(checker.lexicon, ["كريم بن سعيد"], ["Karim Bensaidi", "Karim Bensafi"], CFG)
        close = {cands.entries[i].name: skel for skel, _, i in cands.neighbours[0]}
        self.assertLessEqual(close["Karim Bensafi"], CFG.confusable_distance)
