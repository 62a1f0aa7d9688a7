import shutil
import unittest

from model_service import phonetics
from model_service.config import Config, load
from model_service.phonetics import ARPABET, espeak_line_to_arpabet, levenshtein, skeleton, split_name


class MappingTest(unittest.TestCase):
    def test_espeak_mnemonics_map_to_arpabet(self):
        self.assertEqual(espeak_line_to_arpabet("b_E_n_'A:_l_i"), ["B", "EH", "N", "AA", "L", "IY"])
        self.assertEqual(espeak_line_to_arpabet("k_'A:_d_I_dZ_@"), ["K", "AA", "D", "IH", "JH", "AH"])
        self.assertEqual(espeak_line_to_arpabet("'eI_S_@ b_'I_n_t"), ["EY", "SH", "AH", "B", "IH", "N", "T"])
        self.assertEqual(espeak_line_to_arpabet("l_'I_t#_@L"), ["L", "IH", "T", "AH", "L"])
        self.assertEqual(espeak_line_to_arpabet("b_'V_?_n-"), ["B", "AH", "AH", "N"])

    def test_every_mapping_is_arpabet(self):
        for k, v in phonetics.ESPEAK_TO_ARPABET.items():
            for p in v:
                self.assertIn(p, ARPABET, k)

    def test_unknown_mnemonic_falls_back_to_prefix(self):
        self.assertEqual(phonetics.espeak_token_to_arpabet("t2"), ["T"])
        self.assertEqual(phonetics.espeak_token_to_arpabet("A:#"), ["AA"])

    def test_split_name(self):
        self.assertEqual(split_name("Mohammed Al-Rashid"), ["mohammed", "alrashid"])
        self.assertEqual(split_name("  José  O'Brien "), ["jose", "obrien"])
        self.assertEqual(split_name("!!!"), [])


class DistanceTest(unittest.TestCase):
    def test_levenshtein(self):
        self.assertEqual(levenshtein("B EH N AA L IY".split(), "B EH N AA N IY".split()), 1)
        self.assertEqual(levenshtein([], ["A"]), 1)

    def test_skeleton_makes_one_phoneme_pairs_close(self):
        # espeak's English guesses: Amine like "a mine", Amir like "a mere"
        amine = ("AE", "M", "AY", "N")
        amir = ("AE", "M", "IH", "R")
        self.assertEqual(levenshtein(amine, amir), 2)
        self.assertEqual(levenshtein(skeleton(amine), skeleton(amir)), 1)


@unittest.skipUnless(shutil.which("espeak-ng"), "espeak-ng missing")
class LexiconTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cfg = Config()
        cls.lex = phonetics.Lexicon(phonetics.CmuDict(cfg.speech_model_dir + "/cmudict-en-us.dict"),
                                    phonetics.Espeak())

    def test_names_missing_from_cmudict_get_espeak_pronunciations(self):
        words = self.lex.word_variants(["bennani", "khan", "zerrouki"])
        self.assertTrue(words["bennani"])
        self.assertTrue(words["zerrouki"])
        self.assertIn(("K", "AA", "N"), words["khan"])  # CMU entry first

    def test_confusable_pairs(self):
        pairs = [("Benali", "Bennani"), ("Amine", "Amir"), ("Belkacem", "Benkacem")]
        keys = sorted({k for a, b in pairs for n in (a, b) for k in split_name(n)})
        words = self.lex.word_variants(keys)
        for a, b in pairs:
            va, vb = self.lex.name_variants(a, words), self.lex.name_variants(b, words)
            phon, skel = phonetics.name_distance(va, vb)
            self.assertLessEqual(min(phon, skel), 1, (a, b, va, vb))
        va = self.lex.name_variants("Amina Khan", self.lex.word_variants(["amina", "khan"]))
        vb = self.lex.name_variants("Yusuf Ibrahim", self.lex.word_variants(["yusuf", "ibrahim"]))
        self.assertGreater(min(phonetics.name_distance(va, vb)), 3)


class ConfigTest(unittest.TestCase):
    def test_env_is_read_in_one_place(self):
        cfg = load({"MODEL_PORT": "4300", "MODEL_WORKERS": "3", "SCENE_MODEL_PATH": "/m.onnx",
                    "NAME_PASS_SCORE": "12.5", "MODEL_ALLOWED_DIRS": "/a:/b"})
        self.assertEqual((cfg.port, cfg.workers, cfg.scene_model_path, cfg.name_pass_score),
                         (4300, 3, "/m.onnx", 12.5))
        self.assertEqual(cfg.allowed_dirs, ("/a", "/b"))
        self.assertEqual(load({}).host, "127.0.0.1")
        self.assertEqual(load({}).port, 4200)
        with self.assertRaises(ValueError):
            load({"MODEL_PORT": "x"})


if __name__ == "__main__":
    unittest.main()


@unittest.skipUnless(shutil.which("espeak-ng"), "espeak-ng missing")
class MoreVoicesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cfg = Config()
        cls.lex = phonetics.Lexicon(phonetics.CmuDict(cfg.speech_model_dir + "/cmudict-en-us.dict"),
                                    phonetics.Espeak(), more=[phonetics.Espeak("espeak-ng", "fr", phonetics.FRENCH)],
                                    arabic=phonetics.Espeak("espeak-ng", "ar", phonetics.ARABIC))

    def test_a_name_in_arabic_script_gets_a_pronunciation_from_the_arabic_voice(self):
        keys = split_name("\u0643\u0631\u064a\u0645 \u0628\u0646 \u0633\u0639\u064a\u062f")  # Karim Ben Said
        self.assertEqual(len(keys), 3)
        self.assertEqual(phonetics.arabic_word(keys[0]), "\u0643\u0631\u064a\u0645")
        words = self.lex.word_variants(keys)
        # the Arabic voice's reading first, then the Latin voices' reading of "karim"
        self.assertEqual(words[keys[0]][0], ("K", "AA", "R", "IY", "M"))
        self.assertIn(("K", "AA", "R", "R", "IH", "M"), words[keys[0]])
        self.assertTrue(all(words[k] for k in keys), words)

    def test_french_rules_add_the_maghrebi_reading(self):
        words = self.lex.word_variants(["bensaid"])
        self.assertIn(("B", "AA", "N", "S", "EH", "D"), words["bensaid"])
        self.assertIsNone(phonetics.arabic_word("bensaid"))
