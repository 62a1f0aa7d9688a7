"""Goodness of pronunciation per phone (Witt & Young 2000), with pocketsphinx's JSGF search.

The name's phones are force-aligned on the spotted span (each phone a one-phone
dictionary word, so seg() gives every phone's frames and acoustic score); the
same audio is decoded with a free phone loop. A phone's GOP is its forced
acoustic score minus the loop's over the same frames, per frame: 0 when the
loop would have chosen that phone there too, very negative when another sound
was said. The name passes only if its weakest phone passes (an average hides
the one phone that makes "Toum" out of "Toumi").

The span is widened after the name and the alignment must end in silence there
(or in "and", said between names in a list): a syllable added after the name
("Bensaidi" for "Bensaid") has to be covered by the final phone or by the
silence, and either scores badly against the loop.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ..phonetics.arpabet import ARPABET
from .candidates import Words
from .decoder import BYTES_PER_FRAME, process, word_symbol
from .frication import SIBILANTS, frication_frames
from .nasal import NASALS, murmur_tilt

PAUSE = "pause0sil"  # a dictionary word made of the silence phone
AND = "and0word"     # "and" between names of a list
_PHONES = sorted(ARPABET)
BEFORE, AFTER = 10, 25  # frames of widening around the spotted span
MIN_FRAMES = 3  # a phone's shortest alignment (its 3 HMM states)


def phone_key(p: str) -> str:
    return f"phone0{p.lower()}"  # names are written without digits: no real word has this key


def add_words(words: Words) -> List[str]:
    """Adds the one-phone words, the pause and "and" to `words`; returns their keys."""
    for p in _PHONES:
        words[phone_key(p)] = [(p,)]
    words[PAUSE] = [("SIL",)]
    words[AND] = [("AE", "N", "D"), ("AH", "N", "D"), ("AH", "N")]
    return [phone_key(p) for p in _PHONES] + [PAUSE, AND]


def _w(key: str, i: int = 0) -> str:
    return word_symbol(key, i)


def _and() -> str:
    return "( " + " | ".join(_w(AND, i) for i in range(3)) + " )"


def forced_grammar(variants: Sequence[Tuple[str, ...]]) -> str:
    seqs = " | ".join("( " + " ".join(_w(phone_key(p)) for p in v) + " )" for v in variants)
    sil = _w(PAUSE)
    return ("#JSGF V1.0;\ngrammar gop;\n"
            f"public <a> = [ {sil} ] ( {seqs} ) [ {sil} ] [ {_and()} ] [ {sil} ] ;\n")


def loop_grammar() -> str:
    alts = " | ".join([_w(phone_key(p)) for p in _PHONES] + [_w(PAUSE)])
    return f"#JSGF V1.0;\ngrammar loop;\npublic <a> = ( {alts} )+ ;\n"


def _segments(dec, search: str, grammar: str, pcm: bytes) -> List[Tuple[str, int, int, int]]:
    dec.set_jsgf_string(search, grammar)
    dec.set_search(search)
    process(dec, pcm)
    if dec.hyp() is None:
        return []
    out = []
    for s in dec.seg():
        w = s.word.strip()
        if w.startswith("<") or w.startswith("("):  # <s>, </s>, fillers
            continue
        out.append((w.rsplit("_v", 1)[0], s.start_frame, s.end_frame, s.ascore))
    return out


def _loop_score(loop, sf: int, ef: int) -> float:
    """The loop's acoustic score over frames sf..ef (segments pro rata)."""
    total = 0.0
    for _, ls, le, asc in loop:
        inter = min(ef, le) - max(sf, ls) + 1
        if inter > 0:
            total += asc * inter / (le - ls + 1)
    return total


def score(dec, variants: Sequence[Tuple[str, ...]], pcm: bytes, sf: int, ef: int) -> Optional[dict]:
    """Per-phone GOP of the name on frames sf..ef of `pcm` (widened). None when nothing aligns.

    The pronunciations are aligned together, and the path the search keeps gives the facts about
    the name's end and what follows it. The weakest phone is the best over the pronunciations
    aligned one by one: the kept path can be a letter-to-sound guess with one phone the speaker
    never said (an "AW" in "Mansouri") while another pronunciation fits every phone. (Taking the
    end from that pronunciation too let "Chaoua" pass for "Chaoui": its end absorbed the "a".)"""
    if not variants:
        return None
    lo, hi = max(0, sf - BEFORE), min(len(pcm) // BYTES_PER_FRAME - 1, ef + AFTER)
    seg = pcm[lo * BYTES_PER_FRAME: (hi + 1) * BYTES_PER_FRAME]
    loop = _segments(dec, "gop_loop", loop_grammar(), seg)
    if not loop:
        return None
    kept = _phones(_segments(dec, "gop_forced", forced_grammar(variants), seg), loop, lo)
    # Any pronunciation, not only the kept one: a French reading that drops the final S ("Bellarbi"
    # for "Bellarbis") would otherwise let a stop said in its place ("Bellarbit") go unchecked.
    if kept is not None and any(v[-1] in SIBILANTS for v in variants):
        kept["lastFrication"] = frication_frames(pcm, kept["lastAt"], kept["lastFrames"])
    # Every pronunciation ends in the same nasal and the alignment ended on one: which one was said?
    finals = {v[-1] for v in variants}
    if kept is not None and len(finals) == 1 and finals <= NASALS and kept["last"] in NASALS:
        tilt = murmur_tilt(pcm, kept["lastAt"], kept["lastFrames"])
        kept.update(nasal=finals.pop(), nasalTilt=None if tilt is None else round(tilt, 2))
    if kept is None or len(variants) < 2:
        return kept
    for v in variants:
        alone = _phones(_segments(dec, "gop_forced", forced_grammar([v]), seg), loop, lo)
        if alone is not None and alone["minGop"] > kept["minGop"]:
            kept.update(minGop=alone["minGop"], weakest=alone["weakest"])
    return kept


def _phones(forced: List[Tuple[str, int, int, int]], loop, lo: int) -> Optional[dict]:
    """The GOP of each phone of one forced alignment, and of what follows the name."""
    phones, tail = [], []
    seen_phone = False
    for key, s, e, asc in forced:
        gop = (asc - _loop_score(loop, s, e)) / (e - s + 1) / 1000  # thousands of pocketsphinx log units
        if key.startswith("phone0"):
            seen_phone = True
            phones.append({"phone": key[len("phone0"):].upper(), "frames": e - s + 1, "gop": gop, "at": lo + s})
        elif seen_phone:
            tail.append({"word": "SIL" if key == PAUSE else "and", "frames": e - s + 1, "gop": gop})
    if not phones:
        return None
    weakest = min(phones, key=lambda p: p["gop"])
    # Only the silence right after the name counts: later silence may hold the next name.
    after = tail[0] if tail else None
    return {"weakest": weakest["phone"], "minGop": round(weakest["gop"], 3), "lastGop": round(phones[-1]["gop"], 3),
            "last": phones[-1]["phone"], "lastFrames": phones[-1]["frames"], "lastAt": phones[-1]["at"],
            "tailGop": None if after is None else round(after["gop"], 3),
            "tail": None if after is None else after["word"],
            "phones": [(p["phone"], p["frames"], round(p["gop"], 2)) for p in phones]}
