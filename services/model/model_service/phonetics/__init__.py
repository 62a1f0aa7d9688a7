"""Pronunciations for names: CMU dictionary first, espeak-ng (-x) mapped to ARPAbet otherwise.

Names are often Arabic-origin names said by speakers of other languages; the US
English acoustic model only knows the 39 ARPAbet phones. Every word of a name
gets up to a few pronunciation variants: the CMU dictionary's entries (as shipped
in pocketsphinx-en-us) and espeak-ng's letter-to-sound rules (en-us), mapped to
ARPAbet by ESPEAK_TO_ARPABET (arpabet.py).

One job per module: arpabet (espeak-ng phonemes to ARPAbet), lexicon (words of a name and
their pronunciations) distance (how far apart two names sound) and script (consonant skeletons
of names in Arabic or Latin letters).
"""

from .arpabet import ARPABET, ESPEAK_TO_ARPABET, VOWELS, espeak_line_to_arpabet, espeak_token_to_arpabet
from .distance import levenshtein, name_distance, skeleton
from .lexicon import CmuDict, Espeak, Lexicon, arabic_word, split_name, word_key
from .script import is_arabic, letter_skeleton
from .voices import ARABIC, FRENCH

__all__ = ["ARABIC", "ARPABET", "CmuDict", "ESPEAK_TO_ARPABET", "Espeak", "FRENCH", "Lexicon", "VOWELS",
           "arabic_word", "espeak_line_to_arpabet", "espeak_token_to_arpabet", "is_arabic", "letter_skeleton",
           "levenshtein", "name_distance", "skeleton", "split_name", "word_key"]
