"""Keyword spotting: one pass over the audio for every candidate, and what it says about each name."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from ..config import Config
from .candidates import Candidates, NameEntry, Words
from .decoder import word_symbol

KWS_FLOOR = "1e-300"  # report every candidate; our own calibrated thresholds decide
MAX_KEYPHRASE_VARIANTS = 4
WORD_SPAN_SLACK = 15  # frames (0.15 s) either side of a name's span where its words may start/end


def keyphrases(e: NameEntry, words: Words) -> List[str]:
    combos = itertools.islice(itertools.product(*(range(len(words[k])) for k in e.keys)),
                              MAX_KEYPHRASE_VARIANTS)
    return [" ".join(word_symbol(k, i) for k, i in zip(e.keys, c)) for c in combos]


def keyphrase_owners(cands: Candidates) -> Dict[str, list]:
    """phrase -> owners: an entry index, or ("w", key) for a single word of a
    multi-word expected name (spotted on its own, see words_in_span)."""
    words = cands.words
    owners: Dict[str, list] = {}
    for e in cands.spotted:
        for p in keyphrases(e, words):
            owners.setdefault(p, []).append(e.index)
    word_keys = sorted({k for e in cands.expected if e.variants and len(e.keys) > 1 for k in e.keys})
    for k in word_keys:
        for i in range(len(words.get(k) or [])):
            owners.setdefault(word_symbol(k, i), []).append(("w", k))
    return owners


def write_keyphrases(path: str, owners: Dict[str, list]) -> str:
    with open(path, "w", encoding="ascii") as fh:
        for p in owners:
            fh.write(f"{p} /{KWS_FLOOR}/\n")
    return path


@dataclass
class Spots:
    best: Dict[object, dict]          # owner -> its best detection
    word_hits: Dict[str, List[dict]]  # word key -> every detection of the word alone
    baseline: Optional[float]         # mean of the cohort names' best scores


def collect(segments, owners: Dict[str, list], cands: Candidates) -> Spots:
    best: Dict[object, dict] = {}
    word_hits: Dict[str, List[dict]] = {}
    for s in segments:
        phrase = s.word.strip()
        nf = max(1, s.end_frame - s.start_frame + 1)
        hit = {"score": s.prob / nf, "raw": s.prob, "sf": s.start_frame, "ef": s.end_frame, "phrase": phrase}
        for owner in owners.get(phrase, ()):
            if isinstance(owner, tuple):
                word_hits.setdefault(owner[1], []).append(hit)
            cur = best.get(owner)
            if cur is None or hit["score"] > cur["score"]:
                best[owner] = hit
    cohort_scores = [best[c.index]["score"] for c in cands.cohort if c.index in best]
    baseline = sum(cohort_scores) / len(cohort_scores) if cohort_scores else None

    # The same name twice (two shares offered for one person) is spotted once.
    first_with_keys: Dict[Tuple[str, ...], int] = {}
    for e in cands.expected:
        k = tuple(e.keys)
        if k in first_with_keys and e.index not in best and first_with_keys[k] in best:
            best[e.index] = best[first_with_keys[k]]
        first_with_keys.setdefault(k, e.index)
    return Spots(best, word_hits, baseline)


def word_detections(e: NameEntry, spots: Spots) -> Optional[Dict[str, List[dict]]]:
    return {k: spots.word_hits.get(k, []) for k in e.keys} if len(e.keys) > 1 else None


def rival(e: NameEntry, spots: Spots, cands: Candidates):
    """Best other candidate whose own best detection overlaps this name's best
    detection by at least half of the shorter one and scores higher per frame."""
    best = spots.best
    det = best.get(e.index)
    if det is None:
        return None
    found = None
    for o in cands.spotted:
        od = best.get(o.index)
        if o.index == e.index or od is None or od["score"] <= det["score"]:
            continue
        inter = min(det["ef"], od["ef"]) - max(det["sf"], od["sf"]) + 1
        shorter = min(det["ef"] - det["sf"], od["ef"] - od["sf"]) + 1
        if inter >= 0.5 * shorter and (found is None or od["score"] > found[1]["score"]):
            found = (o, od)
    return found


def words_in_span(det: dict, word_dets: Dict[str, List[dict]], cfg: Config) -> Tuple[list, Optional[float], bool]:
    """Every word of a multi-word name should be heard (nearly) best inside the
    name's span: a phrase stretched over other words has its words elsewhere.
    gap = best score of the word anywhere - its best score inside the span.
    Returns the per-word evidence, the largest gap and whether it is small enough."""
    wl = []
    for k, hits in word_dets.items():
        if not hits:
            wl.append({"word": k, "gap": None})
            continue
        top = max(h["score"] for h in hits)
        # a word spotted alone often takes in a bit of the word before it
        lo, hi = det["sf"] - WORD_SPAN_SLACK, det["ef"] + WORD_SPAN_SLACK
        inside = [h["score"] for h in hits
                  if min(hi, h["ef"]) - max(lo, h["sf"]) + 1 >= 0.5 * (h["ef"] - h["sf"] + 1)]
        gap = top - max(inside) if inside else None
        wl.append({"word": k, "gap": None if gap is None else round(gap, 2), "bestLlrPerFrame": round(top, 2)})
    gaps = [w["gap"] for w in wl]
    word_gap = None if any(g is None for g in gaps) else max(gaps)
    return wl, word_gap, word_gap is not None and word_gap <= cfg.name_word_gap
