"""Words of a name and their pronunciations: the CMU dictionary first, espeak-ng's otherwise."""

from __future__ import annotations

import itertools
import re
import subprocess
import threading
import unicodedata
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .arpabet import ARPABET, espeak_line_to_arpabet
from .script import romanize

_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
ARABIC_KEY = "ar0x"  # prefix of the key of a word written in Arabic script


def word_key(word: str) -> str:
    """Dictionary key for a word of a name: ascii, lowercase, letters and digits only.
    A word in Arabic script keys as ARABIC_KEY + the hex of its letters, so that
    arabic_word() gets it back for the Arabic voice."""
    letters = _ARABIC.findall(word)
    if letters:
        return ARABIC_KEY + "".join(f"{ord(ch):04x}" for ch in letters)
    norm = unicodedata.normalize("NFKD", word)
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", norm.lower())


def arabic_word(key: str) -> Optional[str]:
    """The Arabic-script word behind a key made by word_key(), else None."""
    if not key.startswith(ARABIC_KEY):
        return None
    hexes = key[len(ARABIC_KEY):]
    return "".join(chr(int(hexes[i:i + 4], 16)) for i in range(0, len(hexes), 4))


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

    def __init__(self, binary: str = "espeak-ng", voice: str = "en-us",
                 table: Optional[Dict[str, List[str]]] = None):
        self.binary = binary
        self.voice = voice
        self.table = table
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
                    phones = tuple(espeak_line_to_arpabet(ln, self.table))
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
    """Pronunciation variants for words and whole names: the CMU dictionary's, then
    those of each espeak-ng voice in turn (English, then e.g. French); words in
    Arabic script from the Arabic voice alone."""

    def __init__(self, cmudict: CmuDict, espeak: Optional[Espeak], max_word_variants: int = 3,
                 more: Sequence[Espeak] = (), arabic: Optional[Espeak] = None):
        self.cmudict = cmudict
        self.voices = [v for v in [espeak, *more] if v is not None]
        self.arabic = arabic
        self.max_word_variants = max_word_variants

    @staticmethod
    def _ask(voice: Espeak, words: List[str]) -> Dict[str, Optional[Tuple[str, ...]]]:
        try:
            return voice.pronounce(words) if words else {}
        except (OSError, subprocess.SubprocessError):
            return {}

    def word_variants(self, keys: Sequence[str]) -> Dict[str, List[Tuple[str, ...]]]:
        """key -> list of ARPAbet tuples (CMU entries first, then each voice's if different)."""
        out: Dict[str, List[Tuple[str, ...]]] = {k: self.cmudict.lookup(k) for k in keys}
        latin = [k for k in out if arabic_word(k) is None]
        found = [self._ask(v, latin) for v in self.voices]
        if self.arabic is not None:
            arabic = {k: arabic_word(k) for k in out if arabic_word(k) is not None}
            said = self._ask(self.arabic, list(arabic.values()))
            found.append({k: said.get(w) for k, w in arabic.items()})
            # The same word spelt in Latin letters from the Arabic voice's phones, read
            # by the Latin voices: an executor reading a roster says the name the way
            # Latin letters suggest, not with Arabic vowels ("ban said", not "bin sa'id").
            latin = {k: romanize(said[w]) for k, w in arabic.items() if said.get(w)}
            for v in self.voices:
                heard = self._ask(v, sorted(set(latin.values())))
                found.append({k: heard.get(w) for k, w in latin.items()})
        for k, variants in out.items():
            for es in found:
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
