"""The verdict per name (from keyword spotting, the grammar and the word check) and for all names."""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ..config import Config
from . import gop, grammar, spotting
from .candidates import Candidates, NameEntry, label
from .decoder import FRAME_RATE

FRICATIVES = frozenset("S Z SH ZH F V TH DH".split())


def decide(score: Optional[float], preferred: Optional[str], margin: Optional[float], confusable: bool,
           cfg, rival: Optional[str] = None, llr: Optional[float] = None,
           words_in_span: Optional[bool] = None, near_margin: Optional[float] = None,
           phones: Optional[dict] = None) -> Tuple[str, str]:
    """Per-name verdict from the measured facts (pure: also used by tools/calibrate.py).

    score      keyword score minus the cohort baseline (None: not spotted at all)
    preferred  what the grammar preferred on the spotted segment: "self", "name"
               (another name of the day), "other" (cohort name or carrier words), None
    margin     grammar margin of the winner over the runner-up (per frame)
    confusable a name of the day is within the confusable distance
    rival      keyword spotting found another candidate ("name", "near" or "other") that
               fits overlapping audio better per frame
    llr        the name's own log-likelihood ratio per frame against the phone loop
    words_in_span  every word of a multi-word name is heard best inside the name's span
               (None for one-word names)
    near_margin  grammar score of the name minus its best made-up near name's, per frame
    phones     goodness of pronunciation (speech/gop.py): minGop of the weakest phone,
               tailGop of the silence or "and" right after the name, last, lastGop,
               lastFrames of the name's final phone, lastFrication when the name may end in a sibilant,
               nasal and nasalTilt when it ends in M or N
    """
    pass_score, fail_score = cfg.name_pass_score, cfg.name_fail_score
    if score is None:
        return "fail_suspected", "name not spotted anywhere in the audio"
    if confusable:
        if score < fail_score and preferred != "self":
            return "fail_suspected", "name not heard (keyword score below the fail threshold)"
        return ("manual_review", "another name expected at this site and day is within "
                f"{cfg.confusable_distance} phoneme of this one; audio cannot tell them apart")
    if score < fail_score:
        return "fail_suspected", "name not heard (keyword score below the fail threshold)"
    if preferred == "name":
        return "fail_suspected", "the audio matches another name of the day better"
    if preferred != "self":
        return "manual_review", "at the spotted place the audio fits other words better than the name"
    if near_margin is None or near_margin < cfg.name_near_margin:
        return "manual_review", "the name does not fit clearly better than a name with another ending (not on the list)"
    if phones is None:
        return "manual_review", "the name's phones could not be aligned"
    if phones["minGop"] < cfg.name_min_phone_gop:
        return "manual_review", f"the phone {phones['weakest']} of the name fits the audio poorly (low GOP)"
    if phones["lastFrames"] <= gop.MIN_FRAMES and phones["lastGop"] < cfg.name_min_last_gop:
        return "manual_review", "the last phone of the name is squeezed and fits poorly: it may not have been said"
    last = phones.get("last")
    if last in FRICATIVES and phones["lastFrames"] < cfg.name_min_final_fricative_frames:
        return ("manual_review", f"the name's final {last} lasts {phones['lastFrames'] * 10} ms: too short to be "
                "sure it was said (a stop in its place sounds alike to this model)")
    # Measured when a pronunciation of the name ends in a sibilant; absent from facts recorded before.
    hiss = phones.get("lastFrication")
    if hiss is not None and hiss < cfg.name_min_final_frication_frames:
        return ("manual_review", f"the name's final sibilant hisses for {hiss * 10} ms: too short to be sure "
                "it was said (a stop in its place is a burst of a few tens of ms)")
    nasal, tilt = phones.get("nasal"), phones.get("nasalTilt")
    if nasal is not None and not _sounds_like(nasal, tilt, cfg):
        return ("manual_review", f"the name ends in {nasal}, but the final nasal's murmur "
                f"({'unmeasured' if tilt is None else f'{tilt:+.1f} dB'}) does not sound like one "
                "(M and N sound alike to this model)")
    if phones.get("tailGop") is None:
        return "manual_review", "no pause or \"and\" follows the name closely: its end cannot be confirmed"
    if phones["tailGop"] < cfg.name_min_tail_gop:
        return "manual_review", "something other than a pause or \"and\" is said right after the name"
    if rival is not None:
        return "manual_review", "another name or phrase fits overlapping audio better (keyword spotting)"
    if score >= pass_score and words_in_span is False and cfg.name_words_in_span:
        return "manual_review", "a word of the name is heard better elsewhere than where the name was spotted"
    if score >= pass_score and llr is not None and llr < cfg.name_min_llr:
        return "manual_review", "name stands out from the cohort but fits the audio only weakly"
    if score >= pass_score and (margin is None or margin >= cfg.name_grammar_margin):
        return "pass", "name spotted above the pass threshold and preferred by the grammar"
    return "manual_review", "name spotted but with a confidence between the thresholds"


def _sounds_like(nasal: str, tilt: Optional[float], cfg) -> bool:
    """The final murmur's tilt lies on the expected nasal's side (speech/nasal.py)."""
    if tilt is None:
        return False
    return tilt >= cfg.name_nasal_tilt if nasal == "N" else tilt <= cfg.name_nasal_tilt


def recorded_inputs(per_name: dict) -> Optional[dict]:
    """decide()'s arguments read back from one name's result and evidence (None when no
    keyword was spotted or no pronunciation derived: decide() then had nothing to weigh).
    The tools keep them with each check, so a threshold can be weighed on a whole set
    without decoding it again (`redecide`)."""
    ev = per_name["evidence"]
    if "keyword" not in ev:
        return None
    g = ev.get("grammar") or {}
    pref, rival = g.get("preferred"), ev.get("keywordRival")
    return {"score": per_name["score"], "llr": ev["keyword"].get("llrPerFrame"),
            "preferred": None if pref is None else _kind(pref, per_name["name"]),
            "margin": g.get("margin"), "confusable": bool(ev.get("confusableWith")),
            "rival": None if rival is None else _kind(rival["name"], None),
            # None: a one-word name; +inf: a word of the name was not spotted at all
            "wordGap": None if "words" not in ev else
            (float("inf") if ev.get("wordGap") is None else ev["wordGap"]),
            "nearMargin": g.get("nearMargin"), "phones": ev.get("gop")}


def _kind(label_: str, own: Optional[str]) -> str:
    if label_ == own:
        return "self"
    if label_.startswith("(near"):
        return "near"
    return "other" if label_.startswith("(") else "name"


def redecide(inputs: dict, cfg) -> Tuple[str, str]:
    """decide() on recorded_inputs, under `cfg`'s thresholds."""
    gap = inputs["wordGap"]
    return decide(inputs["score"], inputs["preferred"], inputs["margin"], inputs["confusable"], cfg,
                  inputs["rival"], inputs["llr"], None if gap is None else gap <= cfg.name_word_gap,
                  inputs["nearMargin"], inputs["phones"])


def overall(results: Sequence[str]) -> str:
    """pass only when every name passes; fail_suspected when one is suspected; else manual_review."""
    if all(r == "pass" for r in results):
        return "pass"
    if any(r == "fail_suspected" for r in results):
        return "fail_suspected"
    return "manual_review"


def _seconds(frame: int) -> float:
    return round(frame / FRAME_RATE, 2)


def judge(e: NameEntry, cands: Candidates, spots: spotting.Spots, dec, pcm: bytes, cfg: Config) -> dict:
    """Gathers the facts about one expected name, with their evidence, and decides."""
    ev: dict = {"pronunciations": [" ".join(v) for v in e.variants]}
    confusable = [(skel, phon, idx) for skel, phon, idx in cands.neighbours[e.index]
                  if skel <= cfg.confusable_distance or phon <= cfg.confusable_distance]
    if confusable:
        ev["confusableWith"] = [
            {"name": cands.entries[idx].name, "phonemeDistance": phon, "skeletonDistance": skel}
            for skel, phon, idx in confusable[:10]]

    def out(result, reason, score=None):
        ev["reason"] = reason
        return {"name": e.name, "result": result,
                "score": None if score is None else round(score, 2), "evidence": ev}

    det, baseline = spots.best.get(e.index), spots.baseline
    if not e.keys or not e.variants:
        return out("manual_review", "no pronunciation could be derived for this name")
    if det is None or baseline is None:
        r, why = decide(None, None, None, bool(confusable), cfg)
        return out(r, why)

    score = det["score"] - baseline
    ev["keyword"] = {
        "score": round(score, 2), "llrPerFrame": round(det["score"], 2), "cohortBaseline": round(baseline, 2),
        "startSeconds": _seconds(det["sf"]), "endSeconds": _seconds(det["ef"]), "pronunciation": det["phrase"],
    }
    pref_kind, margin, ev["grammar"] = grammar.prefer(dec, e, det, cands.grammar_for(e), cands.entries,
                                                      cands.words, pcm)
    ev["gop"] = gop.score(dec, e.variants, pcm, det["sf"], det["ef"])
    in_span = None
    word_dets = spotting.word_detections(e, spots)
    if word_dets:
        ev["words"], ev["wordGap"], in_span = spotting.words_in_span(det, word_dets, cfg)
    rival_kind = None
    rival = spotting.rival(e, spots, cands)
    if rival is not None:
        o, od = rival
        rival_kind = "name" if o.kind in ("expected", "day") else ("near" if o.kind == "near" else "other")
        ev["keywordRival"] = {"name": label(o), "llrPerFrame": round(od["score"], 2),
                              "startSeconds": _seconds(od["sf"]), "endSeconds": _seconds(od["ef"])}
    result, reason = decide(score, pref_kind, margin, bool(confusable), cfg, rival_kind, det["score"], in_span,
                            ev["grammar"].get("nearMargin"), ev["gop"])
    return out(result, reason, score)


def counts(results: List[str]) -> dict:
    return {r: results.count(r) for r in sorted(set(results))}
