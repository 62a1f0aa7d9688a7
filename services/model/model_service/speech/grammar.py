"""Grammar pass: which alternative the audio prefers over the span where a name was spotted."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .candidates import NameEntry, Words, label
from .decoder import BYTES_PER_FRAME, process, word_symbol


def jsgf(entries: Sequence[NameEntry], words: Words) -> str:
    rules = []
    for e in entries:
        parts = []
        for k in e.keys:
            alts = " | ".join(word_symbol(k, i) for i in range(len(words[k])))
            parts.append(f"( {alts} )")
        rules.append(f"<n{e.index}> = {' '.join(parts)} ;")
    top = " | ".join(f"<n{e.index}>" for e in entries)
    return "#JSGF V1.0;\ngrammar day;\npublic <name> = " + top + " ;\n" + "\n".join(rules) + "\n"


def decode(dec, search: str, grammar: str, pcm: bytes) -> Tuple[Optional[str], Optional[int]]:
    """Best hypothesis and its score for `pcm` under `grammar` (None, None when nothing fits)."""
    dec.set_jsgf_string(search, grammar)
    dec.set_search(search)
    process(dec, pcm)
    hyp = dec.hyp()
    if hyp is None or not hyp.hypstr.strip():
        return None, None
    return hyp.hypstr, hyp.best_score


def prefer(dec, e: NameEntry, det: dict, alternatives: List[NameEntry], entries: Dict[int, NameEntry],
           words: Words, pcm: bytes) -> Tuple[Optional[str], Optional[float], dict]:
    """Aligns every alternative (the expected names, the nearest names of the day,
    the cohort and the carrier phrases) to exactly the spotted span with a one-rule
    JSGF grammar and no fillers, and sees which fits best. (One grammar with all of
    them as alternatives is cheaper but its pruned search picked a worse
    alternative in about 1 case in 10 here.)

    Returns what was preferred ("self", "name": another name of the day, "other":
    cohort or carrier words, None), the margin of the
    winner over the runner-up per frame, and the evidence (with `nearMargin`: the
    name's score minus its best near name's, per frame)."""
    sf, ef = det["sf"], det["ef"]
    seg = pcm[sf * BYTES_PER_FRAME: (ef + 1) * BYTES_PER_FRAME]
    nfr = max(1, ef - sf + 1)
    scored = []
    for g in alternatives:
        if g.kind == "near":
            continue
        _, sc = decode(dec, "align", jsgf([g], words), seg)
        if sc is not None:
            scored.append((sc, g.index != e.index, g.index))
    scored.sort(key=lambda t: (-t[0], t[1]))
    preferred = entries[scored[0][2]] if scored else None
    runner = entries[scored[1][2]] if len(scored) > 1 else None
    margin = (scored[0][0] - scored[1][0]) / nfr if len(scored) > 1 else None
    near_margin = _near_margin(dec, e, [g for g in alternatives if g.kind == "near"], words, pcm, sf, ef)
    evidence = {
        "alternatives": len(alternatives),
        "preferred": None if preferred is None else label(preferred),
        "runnerUp": None if runner is None else label(runner),
        "margin": None if margin is None else round(margin, 2),
        "nearMargin": None if near_margin is None else round(near_margin, 2),
    }
    if preferred is None:
        kind = None
    elif preferred.index == e.index:
        kind = "self"
    else:
        kind = "name" if preferred.kind in ("expected", "day") else "other"
    return kind, margin, evidence


NEAR_BEFORE, NEAR_AFTER = 0, 15  # frames: the span widened so that an added "-i" is heard


def _near_margin(dec, e: NameEntry, near: List[NameEntry], words: Words, pcm: bytes, sf: int,
                 ef: int) -> Optional[float]:
    """The name's alignment score minus its best near name's, per frame, on the
    spotted span widened at both ends: the span was cut to fit the expected name,
    so a "-i" said after "Bensaid" lies just outside it."""
    if not near:
        return None
    lo, hi = max(0, sf - NEAR_BEFORE), min(len(pcm) // BYTES_PER_FRAME - 1, ef + NEAR_AFTER)
    seg = pcm[lo * BYTES_PER_FRAME: (hi + 1) * BYTES_PER_FRAME]
    _, own = decode(dec, "align", _padded(e, words), seg)
    scores = [sc for g in near for _, sc in [decode(dec, "align", _padded(g, words), seg)] if sc is not None]
    if own is None or not scores:
        return None
    return (own - max(scores)) / max(1, hi - lo + 1)


PAUSE = "pause0sil"  # a dictionary word made of the silence phone (see Words in checker)


def _padded(e: NameEntry, words: Words) -> str:
    """The name with optional silence after it: the widened span ends in a pause
    that neither the name nor its near names should have to swallow."""
    g = jsgf([e], words)
    return g.replace(f"public <name> = <n{e.index}> ;", f"public <name> = <n{e.index}> [ {word_symbol(PAUSE, 0)} ] ;")
