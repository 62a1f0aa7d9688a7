"""espeak-ng voices besides English, and their phoneme mnemonics mapped to ARPAbet.

French rules read Maghrebi spellings as written (Bensaid: b A~ s 'E d, the "ou"
of Mansouri as u); the Arabic voice reads names written in Arabic script (vowels
guessed). Each table overrides the English one (arpabet.ESPEAK_TO_ARPABET) where
the same mnemonic means another sound: French "Z" is the "j" of "jour", Arabic
"Z" is the emphatic z.
"""

from __future__ import annotations

from typing import Dict, List

from .arpabet import ESPEAK_TO_ARPABET

FRENCH: Dict[str, List[str]] = dict(ESPEAK_TO_ARPABET, **{
    "a": ["AA"], "A": ["AA"], "e": ["EY"], "E": ["EH"], "i": ["IY"], "o": ["OW"], "O": ["AO"],
    "u": ["UW"], "y": ["UW"], "Y": ["UH"], "W": ["ER"], "@": ["AH"],
    # nasal vowels: Maghrebi names keep the consonant (Ben-, Mans-)
    "A~": ["AA", "N"], "O~": ["OW", "N"], "E~": ["EH", "N"], "W~": ["AH", "N"], "9~": ["AH", "N"],
    "R": ["R"], "r": ["R"], "Z": ["ZH"], "S": ["SH"], "j": ["Y"], "w": ["W"], "H": ["W"], "J": ["N", "Y"],
})

ARABIC: Dict[str, List[str]] = dict(ESPEAK_TO_ARPABET, **{
    "a": ["AA"], "a:": ["AA"], "i": ["IH"], "i:": ["IY"], "u": ["UH"], "u:": ["UW"], "e": ["EY"], "o": ["OW"],
    "H": ["HH"], "X": ["K"], "A": [], "?": [], "t[": ["T"], "d[": ["D"], "s[": ["S"], "dH": ["D"],
    "Z": ["Z"], "z[": ["Z"], "gH": ["G"], "D": ["DH"], "T": ["TH"], "S": ["SH"], "dZ": ["JH"], "R": ["R"],
    "q": ["K"], "j": ["Y"], "w": ["W"], "h": ["HH"], "r": ["R"],
})
