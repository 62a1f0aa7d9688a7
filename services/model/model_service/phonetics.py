"""Pronunciations for names: CMU dictionary first, espeak-ng (-x) mapped to ARPAbet otherwise.

Names are often Arabic-origin names said by speakers of other languages; the US
English acoustic model only knows the 39 ARPAbet phones. Every word of a name
gets up to a few pronunciation variants: the CMU dictionary's entries (as shipped
in pocketsphinx-en-us) and espeak-ng's letter-to-sound rules (en-us), mapped to
ARPAbet by ESPEAK_TO_ARPABET below.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import threading
import unicodedata
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

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


def espeak_token_to_arpabet(token: str) -> Optional[List[str]]:
    """Map one espeak-ng phoneme mnemonic to ARPAbet phones (None if unknown)."""
    tok = token.strip().lstrip(_STRESS)
    if not tok:
        return []
    if tok in ESPEAK_TO_ARPABET:
        return list(ESPEAK_TO_ARPABET[tok])
    # Longest known prefix; the remainder must map too (rare concatenations).
    for cut in range(len(tok) - 1, 0, -1):
        head, tail = tok[:cut], tok[cut:]
        if head in ESPEAK_TO_ARPABET:
            rest = espeak_token_to_arpabet(tail.strip("#"))
            if rest is None:
                return list(ESPEAK_TO_ARPABET[head])
            return list(ESPEAK_TO_ARPABET[head]) + rest
    return None


def espeak_line_to_arpabet(line: str) -> List[str]:
    """One line of `espeak-ng -q -x --sep=_` output (one word or several) -> ARPAbet."""
    phones: List[str] = []
    for word in line.split():
        for tok in word.split("_"):
            mapped = espeak_token_to_arpabet(tok)
            if mapped:
                phones.extend(mapped)
    return phones


def word_key(word: str) -> str:
    """Dictionary key for a word of a name: ascii, lowercase, letters and digits only."""
    norm = unicodedata.normalize("NFKD", word)
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", norm.lower())


def split_name(name: str) -> List[str]:
    """Words of a name, as keys. Hyphens and apostrophes join (al-Rashid -> alrashid)."""
    parts = re.split(r"[\s,.;/]+", name.strip())
    return [k for k in (word_key(p) for p in parts) if k]


class CmuDict:
    """Lazy loader for the CMU pronouncing dictionary shipped with pocketsphinx-en-us."""

    def __init__(self, path: str):
        self.path = path
        self._entries: Optional[Dict[str, List[Tuple[str, ...]]]] = None
        self._lock = threading.Lock()

    def _load(self) -> Dict[str, List[Tuple[str, ...]]]:
        entries: Dict[str, List[Tuple[str, ...]]] = {}
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) < 2:
                    continue
                word = re.sub(r"\(\d+\)$", "", parts[0]).lower()
                phones = tuple(p.upper() for p in parts[1:])
                if all(p in ARPABET for p in phones):
                    entries.setdefault(word, []).append(phones)
        return entries

    def lookup(self, key: str) -> List[Tuple[str, ...]]:
        if self._entries is None:
            with self._lock:
                if self._entries is None:
                    self._entries = self._load()
        return list(self._entries.get(key, []))


class Espeak:
    """Batch letter-to-sound with espeak-ng -q -x, cached per process."""

    def __init__(self, binary: str = "espeak-ng", voice: str = "en-us"):
        self.binary = binary
        self.voice = voice
        self._cache: Dict[str, Optional[Tuple[str, ...]]] = {}
        self._lock = threading.Lock()

    def _run(self, words: Sequence[str]) -> List[str]:
        text = "".join(f"{w}.\n" for w in words)
        proc = subprocess.run(
            [self.binary, "-q", "-x", "--sep=_", "-v", self.voice],
            input=text.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60, check=True,
        )
        return [ln for ln in proc.stdout.decode("utf-8", "replace").splitlines() if ln.strip()]

    def pronounce(self, words: Iterable[str]) -> Dict[str, Optional[Tuple[str, ...]]]:
        todo = [w for w in dict.fromkeys(words) if w and w not in self._cache]
        if todo:
            lines = self._run(todo)
            if len(lines) != len(todo):  # espeak merged/split lines: go word by word
                lines = []
                for w in todo:
                    out = self._run([w])
                    lines.append(" ".join(out))
            with self._lock:
                for w, ln in zip(todo, lines):
                    phones = tuple(espeak_line_to_arpabet(ln))
                    self._cache[w] = phones or None
        return {w: self._cache.get(w) for w in words}

    def version(self) -> str:
        try:
            out = subprocess.run([self.binary, "--version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 timeout=10).stdout.decode()
            m = re.search(r"(\d+\.\d+(?:\.\d+)?)", out)
            return m.group(1) if m else out.strip()[:40]
        except (OSError, subprocess.SubprocessError):
            return "missing"


class Lexicon:
    """Pronunciation variants for words and whole names."""

    def __init__(self, cmudict: CmuDict, espeak: Optional[Espeak], max_word_variants: int = 3):
        self.cmudict = cmudict
        self.espeak = espeak
        self.max_word_variants = max_word_variants

    def word_variants(self, keys: Sequence[str]) -> Dict[str, List[Tuple[str, ...]]]:
        """key -> list of ARPAbet tuples (CMU entries first, then espeak-ng's if different)."""
        out: Dict[str, List[Tuple[str, ...]]] = {k: self.cmudict.lookup(k) for k in keys}
        es: Dict[str, Optional[Tuple[str, ...]]] = {}
        if self.espeak is not None:
            try:
                es = self.espeak.pronounce(list(out))
            except (OSError, subprocess.SubprocessError):
                es = {}
        for k, variants in out.items():
            e = es.get(k)
            if e and e not in variants:
                variants.append(e)
            out[k] = variants[: self.max_word_variants]
        return out

    def name_variants(self, name: str, words: Dict[str, List[Tuple[str, ...]]],
                      limit: int = 6) -> List[Tuple[str, ...]]:
        """Whole-name phone sequences (product of word variants, capped)."""
        keys = split_name(name)
        if not keys or any(not words.get(k) for k in keys):
            return []
        seqs = []
        for combo in itertools.islice(itertools.product(*(words[k] for k in keys)), limit):
            seqs.append(tuple(p for w in combo for p in w))
        return seqs


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
