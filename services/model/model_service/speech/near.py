"""Near-name impostors: phonetic neighbours of each expected name that are on nobody's list.

A family name with its last syllable changed or dropped ("Bensaidi" said for
"Bensaid") fits the expected name's keyword almost as well as the name itself,
and no name of the day competes with it. So for each expected name we make up
its neighbours, edits of the last word weighted toward its end (where Arabic-origin
family names vary: -i, -a, a changed final consonant, a dropped final vowel), and
align them, as alternatives of one grammar, where the name was spotted
(grammar._near_margin). A name passes only when it beats its best neighbour by a
clear margin (scoring.decide).
"""

from __future__ import annotations

from typing import Iterable, List, Sequence, Set, Tuple

from ..phonetics.arpabet import VOWELS

ENDINGS = ("IY", "AA")  # an added "-i" or "-a" after a final consonant
FINAL_VOWELS = ("IY", "AA", "AH", "UW")  # a final vowel changed into another
# A changed final consonant: into one of the same place or manner, the swaps the
# US-English model hears worst (a swap it hears clearly is caught by the grammar anyway).
FINAL_CONSONANTS = {"D": ("T", "Z", "S"), "T": ("D", "S"), "Z": ("S", "D"), "S": ("Z", "T"), "M": ("N",),
                    "N": ("M", "L"), "L": ("R", "N"), "R": ("L",), "K": ("G", "T"), "G": ("K",), "B": ("P", "M"),
                    "P": ("B",), "F": ("V",), "V": ("F",), "SH": ("S",), "JH": ("ZH", "SH")}
MAX_PER_NAME = 20
MIN_PHONES = 3  # never shrink a word below this


def edits(word: Tuple[str, ...]) -> List[Tuple[str, ...]]:
    """Neighbours of one pronunciation, edits at its end the way family names vary:
    an added -i or -a (also after a vowel: Larbi, Larbia), a dropped or changed
    final vowel, a changed final consonant.
    Edits inside the name were tried and dropped: the English letter-to-sound guess
    is often one phone off what a speaker says there, so those edits fitted the
    right name's audio better than the name itself (right names fell to 7%)."""
    last = word[-1]
    if last in VOWELS:
        out = [word[:-1]] if len(word) > MIN_PHONES else []
        added = [word + (v,) for v in ("IY", "AH") if v != last]  # Kaddour (K AE D ER) + i, Larbi + a
        return out + added + [word[:-1] + (v,) for v in FINAL_VOWELS if v != last]
    return [word + (v,) for v in ENDINGS] + [word[:-1] + (c,) for c in FINAL_CONSONANTS.get(last, ())]


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
