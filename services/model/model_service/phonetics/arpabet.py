"""The 39 ARPAbet phones of the acoustic model, and espeak-ng's phoneme mnemonics mapped to them."""

from __future__ import annotations

from typing import Dict, List, Optional

ARPABET = frozenset(
    "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH".split()
)
VOWELS = frozenset("AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split())

# espeak-ng phoneme mnemonics (English voices, `espeak-ng -x --sep=_`) -> ARPAbet.
# Stress marks (' , % =) are stripped before the lookup. An empty list drops the
# phoneme (glottal stop, pauses). Unknown mnemonics fall back to their longest
# known prefix (e.g. "t2" -> "t"), see espeak_token_to_arpabet().
ESPEAK_TO_ARPABET: Dict[str, List[str]] = {
    # vowels
    "@": ["AH"], "@2": ["AH"], "@5": ["AH"], "@-": ["AH"], "@L": ["AH", "L"], "@r": ["ER"],
    "3": ["ER"], "3:": ["ER"], "3r": ["ER"],
    "a": ["AE"], "a#": ["AH"], "aa": ["AE"], "a2": ["AH"],
    "A:": ["AA"], "A": ["AA"], "A#": ["AA"], "A@": ["AA", "R"], "A:r": ["AA", "R"],
    "aI": ["AY"], "aI@": ["AY", "ER"], "aI3": ["AY", "ER"], "aI@3": ["AY", "ER"],
    "aU": ["AW"], "aU@": ["AW", "ER"],
    "E": ["EH"], "e": ["EH"], "E2": ["EH"], "E#": ["EH"], "e@": ["EH", "R"], "eI": ["EY"], "eI@": ["EY", "ER"],
    "i": ["IY"], "i:": ["IY"], "i@": ["IY", "AH"], "i@3": ["IH", "R"], "iU": ["Y", "UW"],
    "I": ["IH"], "I#": ["IH"], "I2": ["IH"], "I@": ["IH", "R"],
    "0": ["AA"], "0#": ["AA"], "O": ["AO"], "O:": ["AO"], "O@": ["AO", "R"], "o@": ["AO", "R"], "OI": ["OY"],
    "o": ["OW"], "oU": ["OW"], "oU#": ["OW"], "O2": ["AO"],
    "u": ["UW"], "u:": ["UW"], "U": ["UH"], "U@": ["UH", "R"], "V": ["AH"], "u@": ["UW", "ER"],
    # consonants
    "b": ["B"], "d": ["D"], "d#": ["D"], "D": ["DH"], "f": ["F"], "g": ["G"], "h": ["HH"],
    "j": ["Y"], "k": ["K"], "l": ["L"], "l/": ["L"], "l-": ["AH", "L"], "m": ["M"], "m-": ["AH", "M"],
    "n": ["N"], "n-": ["AH", "N"], "N": ["NG"], "p": ["P"], "r": ["R"], "r-": ["R"], "R": ["R"],
    "s": ["S"], "S": ["SH"], "t": ["T"], "t#": ["T"], "t2": ["T"], "T": ["TH"], "v": ["V"],
    "w": ["W"], "z": ["Z"], "Z": ["ZH"], "tS": ["CH"], "dZ": ["JH"], "x": ["HH"], "C": ["HH"],
    "X": ["HH"], "Q": ["G"], "q": ["K"], "c": ["K"],
    # dropped
    "?": [], ";": [], "_": [], "_:": [], "_!": [], "|": [], "||": [], ":": [],
}

_STRESS = "',%="


def espeak_token_to_arpabet(token: str, table: Optional[Dict[str, List[str]]] = None) -> Optional[List[str]]:
    """Map one espeak-ng phoneme mnemonic to ARPAbet phones (None if unknown).
    `table`: the voice's mnemonics (default: English, see voices.py for others)."""
    table = ESPEAK_TO_ARPABET if table is None else table
    tok = token.strip().lstrip(_STRESS)
    if not tok:
        return []
    if tok in table:
        return list(table[tok])
    # Longest known prefix; the remainder must map too (rare concatenations).
    for cut in range(len(tok) - 1, 0, -1):
        head, tail = tok[:cut], tok[cut:]
        if head in table:
            rest = espeak_token_to_arpabet(tail.strip("#"), table)
            if rest is None:
                return list(table[head])
            return list(table[head]) + rest
    return None


def espeak_line_to_arpabet(line: str, table: Optional[Dict[str, List[str]]] = None) -> List[str]:
    """One line of `espeak-ng -q -x --sep=_` output (one word or several) -> ARPAbet."""
    phones: List[str] = []
    for word in line.split():
        for tok in word.split("_"):
            mapped = espeak_token_to_arpabet(tok, table)
            if mapped:
                phones.extend(mapped)
    return phones
