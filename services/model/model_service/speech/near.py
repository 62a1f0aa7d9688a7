"""Near-name impostors: phonetic neighbours of each expected name that are on nobody's list.

A family name with its last syllable changed or dropped ("Bensaidi" said for
"Bensaid") fits the expected name's keyword almost as well as the name itself,
and no name of the day competes with it. So for each expected name we make up
its neighbours, edits of the last word weighted toward its end (where Arabic-origin
family names vary: -i, -a, a changed final consonant, a dropped final vowel), and
let them compete in keyword spotting and in the grammar. A name passes only when
it beats its best neighbour by a clear margin (scoring.decide).
"""

from __future__ import annotations

from typing import Iterable, List, Sequence, Set, Tuple

from ..phonetics.arpabet import VOWELS

# Final consonants that speakers and spellings swap (voicing, place, liquids).
SWAPS = {
    "D": ("T", "N"), "T": ("D", "S"), "N": ("M", "L"), "M": ("N",), "L": ("R", "N"), "R": ("L",),
    "S": ("Z", "SH"), "Z": ("S",), "K": ("G", "T"), "G": ("K",), "B": ("P", "M"), "P": ("B",),
    "F": ("V",), "V": ("F",), "SH": ("S",), "CH": ("SH", "JH"), "JH": ("ZH", "CH"), "HH": (),
    "TH": ("T", "S"), "DH": ("D", "Z"), "NG": ("N",), "Y": (), "W": (), "ZH": ("JH",),
}
VOWEL_SWAPS = {"IY": ("IH", "EY"), "IH": ("IY",), "AA": ("AE", "AH"), "AE": ("AA", "EH"), "AH": ("AA",),
               "EY": ("IY", "EH"), "EH": ("AE",), "OW": ("UW",), "UW": ("OW",), "AY": ("EY",)}
ENDINGS = ("IY", "AH")  # "-i" and "-a" added after a final consonant
MAX_PER_NAME = 8
MIN_PHONES = 3  # never shrink a word below this


def edits(word: Tuple[str, ...]) -> List[Tuple[str, ...]]:
    """Neighbours of one pronunciation, most likely confusions first."""
    out: List[Tuple[str, ...]] = []
    last = word[-1]
    if last in VOWELS:
        if len(word) > MIN_PHONES:
            out.append(word[:-1])                                 # dropped final vowel
        out += [word[:-1] + (v,) for v in VOWEL_SWAPS.get(last, ())]
    else:
        out += [word + (v,) for v in ENDINGS]                     # added -i / -a
        out += [word[:-1] + (c,) for c in SWAPS.get(last, ())]    # changed final consonant
        if len(word) > MIN_PHONES:
            out.append(word[:-1])                                 # dropped final consonant
    # the last vowel of the word changed (Bensaid / Bensiid)
    vi = max((i for i, p in enumerate(word) if p in VOWELS), default=None)
    if vi is not None and vi < len(word) - 1:
        out += [word[:vi] + (v,) + word[vi + 1:] for v in VOWEL_SWAPS.get(word[vi], ())[:1]]
    if len(word) > MIN_PHONES + 1:
        out.append(word[:-2] + word[-1:])                         # dropped second-last phone
    return out


def neighbours(variants: Sequence[Tuple[str, ...]], taken: Iterable[Tuple[str, ...]]) -> List[Tuple[str, ...]]:
    """Up to MAX_PER_NAME neighbours of a word's pronunciations, none equal to a real
    pronunciation in `taken` (the word's own variants, the other names' words)."""
    seen: Set[Tuple[str, ...]] = set(taken) | set(variants)
    out: List[Tuple[str, ...]] = []
    for rank in range(MAX_PER_NAME):
        for v in variants[:3]:
            e = edits(v)
            if rank < len(e) and e[rank] not in seen and len(out) < MAX_PER_NAME:
                seen.add(e[rank])
                out.append(e[rank])
    return out
