"""Words of a name and their pronunciations: the CMU dictionary first, espeak-ng's otherwise."""

from __future__ import annotations

import itertools
import re
import subprocess
import threading
import unicodedata
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .arpabet import ARPABET, espeak_line_to_arpabet


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
