"""Grammar pass: which alternative the audio prefers over the span where a name was spotted."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .candidates import NEAR_KEY, NameEntry, Words, label
from .decoder import BYTES_PER_FRAME, process, word_symbol
from .gop import AND, PAUSE


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
    near_margin, near_best = _near_margin(dec, e, [g for g in alternatives if g.kind == "near"], words, pcm, sf, ef)
    evidence = {
        "alternatives": len(alternatives),
        "preferred": None if preferred is None else label(preferred),
        "runnerUp": None if runner is None else label(runner),
        "margin": None if margin is None else round(margin, 2),
        "nearMargin": None if near_margin is None else round(near_margin, 2),
        "nearBest": near_best,
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
                 ef: int) -> Tuple[Optional[float], Optional[str]]:
    """The name's alignment score minus its best near name's, per frame, on the
    spotted span widened after its end: the span was cut to fit the expected name,
    so a "-i" said after "Bensaid" lies just outside it. The near names are
    alternatives of one grammar (the search keeps every path: see decoder's beams),
    whose best hypothesis is the best near name; its last word's phones are returned
    with the margin, so that a reviewer sees which ending the audio came close to."""
    if not near:
        return None, None
    lo, hi = max(0, sf - NEAR_BEFORE), min(len(pcm) // BYTES_PER_FRAME - 1, ef + NEAR_AFTER)
    seg = pcm[lo * BYTES_PER_FRAME: (hi + 1) * BYTES_PER_FRAME]
    _, own = decode(dec, "align", _padded([e], words), seg)
    hyp, best = decode(dec, "align", _padded(near, words), seg)
    if own is None or best is None:
        return None, None
    return (own - best) / max(1, hi - lo + 1), _near_phones(hyp, words)


def _near_phones(hyp: Optional[str], words: Words) -> Optional[str]:
    """The phones of the made-up word in a near grammar's hypothesis ("key_v0" symbols)."""
    for sym in (hyp or "").split():
        key = sym.rsplit("_v", 1)[0]
        if NEAR_KEY in key and words.get(key):
            return " ".join(words[key][0])
    return None


def _padded(entries: Sequence[NameEntry], words: Words) -> str:
    """The names with optional silence, then an optional "and", after them: the
    widened span ends in a pause, or in the "and" of a list, that neither the name
    nor its near names should have to swallow."""
    g = jsgf(entries, words)
    top = " | ".join(f"<n{e.index}>" for e in entries)
    tail = f"[ {word_symbol(PAUSE, 0)} ] [ ( {' | '.join(word_symbol(AND, i) for i in range(3))} ) ]"
    return g.replace(f"public <name> = {top} ;", f"public <name> = ( {top} ) {tail} ;")
