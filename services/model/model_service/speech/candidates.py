"""Who competes with each expected name: the day's names, their nearest neighbours,
a fixed cohort of impostor names and the carrier phrases said around the names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from .. import phonetics
from ..config import Config
from . import near as near_names

# Fixed impostor names: their keyword scores on the same audio give the
# baseline that the expected name's score is measured against (cohort
# normalisation: removes the voice/channel offset of the phone-loop ratio), and
# they compete in the grammar so that a name is only preferred when it fits
# better than unrelated names. Names confusable with an expected name are dropped.
COHORT_NAMES = [
    "John Smith", "Peter Brown", "Maria Garcia", "Li Wei", "Kofi Mensah", "Anna Novak",
    "David Miller", "Sarah Johnson", "Hassan Ali", "Noor Jahan", "Abdel Aziz", "Ahmed Saleh",
    "Olga Petrova", "Carlos Mendes", "Grace Okafor", "Tomasz Kowalski",
]
# What executors say around the names (tasmiya, takbir, dedication). They compete
# in the grammar so that a name "heard" inside "Bismillah" is not taken for the name.
CARRIER_PHRASES = [
    "bismillah", "allahu akbar", "allahumma", "taqabbal minni", "on behalf of",
]

Words = Dict[str, List[Tuple[str, ...]]]
NEAR_KEY = "0near"  # in a made-up word's key: names are written without digits, so no real word has it
# (skeleton distance, phoneme distance, entry index), nearest first
Neighbours = List[Tuple[int, int, int]]


@dataclass
class NameEntry:
    name: str                        # as given (personal data: never logged)
    keys: List[str]                  # dictionary keys of its words
    variants: List[Tuple[str, ...]]  # whole-name phone sequences
    index: int
    kind: str = "expected"           # expected | day | cohort | carrier | near


def label(e: NameEntry) -> str:
    """Name shown in evidence: day names as given, cohort/carrier words marked as such."""
    if e.kind in ("expected", "day"):
        return e.name
    return f"({e.kind}: {e.name})"


@dataclass
class Candidates:
    words: Words                       # pronunciations of every word below
    expected: List[NameEntry]
    entries: Dict[int, NameEntry]      # every entry by index
    neighbours: Dict[int, Neighbours]  # per expected name, the day's names by distance
    spotted: List[NameEntry]           # what keyword spotting looks for
    cohort: List[NameEntry]
    fixed: List[NameEntry]             # in every grammar: expected names, cohort, carriers
    grammar_neighbours: int
    near: Dict[Tuple[str, ...], List[NameEntry]]  # made-up near names, per expected name's keys

    def grammar_for(self, e: NameEntry) -> List[NameEntry]:
        """The grammar offers the expected names, this name's nearest names of the day,
        its made-up near names, the cohort and the carrier phrases. The same name
        expected twice (two shares for one person) is offered once: a copy of itself
        is no rival."""
        mine = [self.entries[idx] for _, _, idx in self.neighbours[e.index][: self.grammar_neighbours]
                if self.entries[idx].kind == "day" and self.entries[idx].variants]
        fixed = [g for g in self.fixed if g.index == e.index or g.keys != e.keys]
        return fixed + mine + self.near.get(tuple(e.keys), [])


def _entries(lexicon: phonetics.Lexicon, names: Sequence[str], words: Words, kind: str,
             start: int) -> List[NameEntry]:
    return [NameEntry(n, phonetics.split_name(n), lexicon.name_variants(n, words), start + i, kind)
            for i, n in enumerate(names)]


def _other_day_names(expected: Sequence[str], confusable: Sequence[str]) -> List[str]:
    """The day's names not already expected (by their words), each once."""
    seen = {tuple(phonetics.split_name(n)) for n in expected}
    others = []
    for n in confusable:
        k = tuple(phonetics.split_name(n))
        if k and k not in seen:
            seen.add(k)
            others.append(n)
    return others


def _neighbours(e: NameEntry, day_pool: Sequence[NameEntry], skel0: Dict[int, tuple], near: int,
                letters: Dict[int, tuple]) -> Neighbours:
    # A day can hold thousands of names: rank them on the first pronunciation's
    # skeleton and compute the full distance (all variants) for the close ones.
    # A name in Arabic script against one in Latin script (or the other way) is
    # also compared on the letters' consonant skeleton (phonetics/script.py): the
    # Arabic voice's guessed vowels and the English one's differ, the consonants do not.
    dl: Neighbours = []
    if not e.variants:
        return dl
    for o in day_pool:
        if o.index == e.index or not o.variants or o.keys == e.keys:
            continue
        d0 = phonetics.levenshtein(skel0[e.index], skel0[o.index])
        if d0 <= near:
            phon, skel = phonetics.name_distance(e.variants, o.variants)
        else:
            phon, skel = d0 + 10, d0
        if phonetics.is_arabic(e.name) != phonetics.is_arabic(o.name):
            skel = min(skel, phonetics.levenshtein(letters[e.index], letters[o.index]))
        dl.append((skel, phon, o.index))
    dl.sort()
    return dl


def _cohort(lexicon: phonetics.Lexicon, words: Words, expected: Sequence[NameEntry], start: int) -> List[NameEntry]:
    """Cohort names, without those that share a word with, or sound close to, an expected name."""
    exp_keys = {k for e in expected for k in e.keys}
    cohort: List[NameEntry] = []
    for c in _entries(lexicon, COHORT_NAMES, words, "cohort", start):
        if not c.variants or exp_keys & set(c.keys):
            continue
        if any(e.variants and phonetics.name_distance(e.variants, c.variants)[1] <= 2 for e in expected):
            continue
        cohort.append(c)
    return cohort


def gather(lexicon: phonetics.Lexicon, expected: Sequence[str], confusable: Sequence[str],
           cfg: Config) -> Candidates:
    others = _other_day_names(expected, confusable)
    first_keys = sorted({k for n in list(expected) + others + COHORT_NAMES + CARRIER_PHRASES
                         for k in phonetics.split_name(n)})
    words = lexicon.word_variants(first_keys)
    exp_entries = _entries(lexicon, expected, words, "expected", 0)
    day_pool = exp_entries + _entries(lexicon, others, words, "day", len(exp_entries))

    # Phonetic neighbours of each expected name among the day's names (other
    # expected names count too: two expected names one phoneme apart cannot
    # be told apart either).
    skel0 = {o.index: phonetics.skeleton(o.variants[0]) for o in day_pool if o.variants}
    near = cfg.confusable_distance + 2
    letters = {o.index: phonetics.letter_skeleton(o.name) for o in day_pool}
    neighbours = {e.index: _neighbours(e, day_pool, skel0, near, letters) for e in exp_entries}
    keep_day = {idx for e in exp_entries for _, _, idx in neighbours[e.index][: cfg.grammar_neighbours]}

    start = len(day_pool)
    cohort = _cohort(lexicon, words, exp_entries, start)
    carriers = [c for c in _entries(lexicon, CARRIER_PHRASES, words, "carrier", start + len(COHORT_NAMES))
                if c.variants]

    near = _near_names(exp_entries, day_pool, words, start + len(COHORT_NAMES) + len(CARRIER_PHRASES))
    near_all = [n for ns in near.values() for n in ns]
    entries = {e.index: e for e in day_pool + cohort + carriers + near_all}
    heard = [e for e in exp_entries if e.variants]
    spotted = heard + [entries[i] for i in sorted(keep_day) if entries[i].kind == "day" and entries[i].variants]
    spotted += cohort + carriers
    return Candidates(words=words, expected=exp_entries, entries=entries, neighbours=neighbours,
                      spotted=spotted, cohort=cohort, fixed=heard + cohort + carriers,
                      grammar_neighbours=cfg.grammar_neighbours, near=near)


def _near_names(expected: Sequence[NameEntry], day_pool: Sequence[NameEntry], words: Words,
                start: int) -> Dict[Tuple[str, ...], List[NameEntry]]:
    """Made-up neighbours of each expected name (its last word edited), once per
    distinct name. Their words are added to `words` under keys no real word has."""
    taken = {v for o in day_pool for k in o.keys for v in words.get(k) or []}
    near: Dict[Tuple[str, ...], List[NameEntry]] = {}
    idx = start
    for e in expected:
        keys = tuple(e.keys)
        if not e.variants or keys in near:
            continue
        last = keys[-1]
        head = tuple(p for k in keys[:-1] for p in (words[k][0] if words.get(k) else ()))
        near[keys] = []
        for j, phones in enumerate(near_names.neighbours(words[last], taken)):
            key = f"{last}{NEAR_KEY}{j}"
            words[key] = [phones]
            near[keys].append(NameEntry(f"{e.name}~{j}", list(keys[:-1]) + [key], [head + phones], idx, "near"))
            idx += 1
    return near
