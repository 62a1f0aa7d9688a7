"""How far apart two names sound: phoneme edit distance, and on the consonant skeleton."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from .arpabet import VOWELS


def levenshtein(a: Sequence[str], b: Sequence[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def skeleton(phones: Sequence[str]) -> Tuple[str, ...]:
    """Consonants kept, each run of vowels collapsed to one 'V'.

    The acoustic model separates vowels poorly and English letter-to-sound rules
    guess Arabic vowels badly (espeak says Amine like "a mine", Amir like "a
    mere"), so two names whose skeletons are one edit apart are treated as one
    phoneme apart: Amine/Amir (V M V N / V M V R), Benali/Bennani.
    """
    out: List[str] = []
    for p in phones:
        if p in VOWELS:
            if not out or out[-1] != "V":
                out.append("V")
        else:
            out.append(p)
    return tuple(out)


def name_distance(a: Sequence[Tuple[str, ...]], b: Sequence[Tuple[str, ...]]) -> Tuple[int, int]:
    """(phoneme distance, skeleton distance), minimum over pronunciation variants."""
    if not a or not b:
        return (10**6, 10**6)
    phon = min(levenshtein(x, y) for x in a for y in b)
    skel = min(levenshtein(skeleton(x), skeleton(y)) for x in a for y in b)
    return phon, skel
