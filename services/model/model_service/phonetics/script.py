"""Consonant skeletons of names written in Arabic or Latin script, to match one to the other.

A roster may hold "Karim Bensaid" while a donor typed "كريم بن سعيد". Arabic script
writes no short vowels, and Latin spellings of the same name disagree on vowels
("Bensaid", "Ben Saeed"), so both are reduced to their consonants in a few
classes: the same sounds as ICU's `uconv -x 'Any-Latin; Latin-ASCII'` gives for
the Arabic letters (an own table: no subprocess per name, and the long vowels
alif, waw and ya that uconv writes as a/w/y are dropped like Latin vowels).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Tuple

# Arabic letter -> consonant class ("" = a vowel letter or a sign: dropped)
_ARABIC = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g",
    "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "", "ء": "",
    "أ": "", "إ": "", "آ": "", "ا": "", "ؤ": "", "ئ": "", "و": "", "ي": "", "ى": "", "ٱ": "",
    "پ": "b", "چ": "j", "ژ": "z", "گ": "g", "ک": "k", "ی": "",
}
# Latin digraphs first, then letters; vowels (and y, w: long vowels in Arabic) dropped.
_DIGRAPHS = [("kh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f"),
             ("ou", ""), ("ck", "k"), ("dj", "j")]
_LATIN = {"c": "k", "q": "k", "x": "ks", "v": "f", "p": "b", "g": "g", "j": "j", "y": "", "w": "",
          "a": "", "e": "", "i": "", "o": "", "u": "", "'": "", "-": ""}
_ARABIC_RANGE = re.compile(r"[\u0600-\u06ff]")


def is_arabic(name: str) -> bool:
    return bool(_ARABIC_RANGE.search(name))


def _collapse(classes: str) -> Tuple[str, ...]:
    out = []
    for c in classes:
        if not out or out[-1] != c:  # doubled letters (Haddad, shadda'd forms) count once
            out.append(c)
    return tuple(out)


def letter_skeleton(name: str) -> Tuple[str, ...]:
    """Consonant classes of the whole name, word breaks ignored ("Ben Said" = "Bensaid").
    The Arabic article "al-"/"el-" at a word start is dropped in both scripts."""
    if is_arabic(name):
        words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in name.split()]
        return _collapse("".join(_ARABIC.get(ch, "") for w in words for ch in w))
    norm = unicodedata.normalize("NFKD", name.lower())
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch))
    words = [re.sub(r"^(al|el)-", "", w) for w in norm.split()]
    text = re.sub(r"[^a-z]", "", "".join(words))
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    return _collapse("".join(_LATIN.get(ch, ch) for ch in text))


# ARPAbet phones (as the Arabic voice's are mapped, voices.ARABIC) -> Latin letters
_ROMAN = {"AA": "a", "AE": "a", "AH": "a", "IH": "i", "IY": "i", "UH": "ou", "UW": "ou", "EY": "e", "OW": "o",
          "HH": "h", "SH": "sh", "TH": "th", "DH": "dh", "JH": "dj", "Y": "y", "W": "w", "ZH": "j", "CH": "tch"}


def romanize(phones) -> str:
    """A Latin spelling of a word from its phones (Maghrebi-French conventions: ou, dj),
    for the Latin voices to read. Doubled vowels are written once."""
    out = ""
    for p in phones:
        letters = _ROMAN.get(p, p.lower())
        if not out.endswith(letters) or letters not in ("a", "i", "ou", "e", "o"):
            out += letters
    return out
