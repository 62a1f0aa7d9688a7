"""Name check: pocketsphinx keyword spotting + a grammar over the day's names.

Uses Debian's python3-pocketsphinx (old SWIG API: Decoder.default_config(),
set_string, process_raw, seg(), hyp()) and the pocketsphinx-en-us model.

Why this shape (measured, see STACK-NOTES.md "Offline AI"):
- transcribing with the n-gram LM and fuzzy-matching text finds almost no
  Arabic-origin names, so no LM decoder is used at all (it also crashes after
  ~20 add_word() calls);
- every decoder here is built on a small per-request dictionary that holds only
  the words of the day's names, so add_word() is never called;
- keyword spotting measures how much better the name's phone chain explains the
  audio than a free phone loop (a log-likelihood ratio per frame);
- a JSGF grammar listing the day's names (expected + nearest confusable ones) is
  decoded over the spotted segment to see which name the audio prefers.
"""

from __future__ import annotations

import itertools
import logging
import os
import tempfile
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from . import phonetics
from .config import Config
from .versions import debian_package_version

log = logging.getLogger("model.speech")

SAMPLE_RATE = 16000
FRAME_RATE = 100  # pocketsphinx frames per second
KWS_FLOOR = "1e-300"  # report every candidate; our own calibrated thresholds decide
MAX_KEYPHRASE_VARIANTS = 4
WORD_SPAN_SLACK = 15  # frames (0.15 s) either side of a name's span where its words may start/end

try:  # pragma: no cover - depends on the machine
    from pocketsphinx import Decoder  # type: ignore
    _IMPORT_ERROR: Optional[str] = None
except Exception as exc:  # pragma: no cover
    Decoder = None  # type: ignore
    _IMPORT_ERROR = f"{type(exc).__name__}: {exc}"


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


@dataclass
class NameEntry:
    name: str                        # as given (personal data: never logged)
    keys: List[str]                  # dictionary keys of its words
    variants: List[Tuple[str, ...]]  # whole-name phone sequences
    index: int
    kind: str = "expected"           # expected | day | cohort | carrier


def speech_status(cfg: Config) -> dict:
    hmm = os.path.join(cfg.speech_model_dir, "en-us")
    dic = os.path.join(cfg.speech_model_dir, "cmudict-en-us.dict")
    info = {
        "model": "pocketsphinx en-us (keyword spotting + JSGF grammar)",
        "acousticModel": hmm,
        "dictionary": dic,
        "version": "pocketsphinx-en-us " + debian_package_version("pocketsphinx-en-us")
        + "; python3-pocketsphinx " + debian_package_version("python3-pocketsphinx"),
    }
    if Decoder is None:
        info.update(loaded=False, reason=f"pocketsphinx not importable ({_IMPORT_ERROR})")
    elif not os.path.isfile(os.path.join(hmm, "mdef")) or not os.path.isfile(dic):
        info.update(loaded=False, reason="acoustic model or dictionary missing")
    else:
        info.update(loaded=True)
    return info


class NameChecker:
    def __init__(self, cfg: Config, lexicon: Optional[phonetics.Lexicon] = None):
        self.cfg = cfg
        self.hmm = os.path.join(cfg.speech_model_dir, "en-us")
        self.dict_path = os.path.join(cfg.speech_model_dir, "cmudict-en-us.dict")
        self.lexicon = lexicon or phonetics.Lexicon(
            phonetics.CmuDict(self.dict_path), phonetics.Espeak(cfg.espeak))

    # -- helpers ---------------------------------------------------------------
    def _decoder(self, dict_path: str, kws_path: Optional[str] = None):
        c = Decoder.default_config()
        c.set_string("-hmm", self.hmm)
        c.set_string("-dict", dict_path)
        c.set_string("-logfn", os.devnull)
        # Keep every frame: with the default voice-activity filter, frame numbers
        # skip the silences and no longer point into the PCM for the grammar pass.
        c.set_boolean("-remove_silence", False)
        # Wide beam: with the default (1e-48) long names are pruned away before
        # their end and never reported; every candidate must get a score.
        c.set_float("-beam", 1e-300)
        c.set_float("-pbeam", 1e-300)
        c.set_float("-wbeam", 1e-300)
        c.set_int("-maxhmmpf", -1)
        # Grammar alignments cover the spotted span with the name alone.
        c.set_boolean("-fsgusefiller", False)
        if kws_path:
            c.set_string("-kws", kws_path)
        return Decoder(c)

    @staticmethod
    def _word(key: str, i: int) -> str:
        return f"{key}_v{i}"

    def _entries(self, names: Sequence[str], words: Dict[str, List[Tuple[str, ...]]], kind: str,
                 start: int) -> List[NameEntry]:
        out = []
        for i, n in enumerate(names):
            keys = phonetics.split_name(n)
            out.append(NameEntry(n, keys, self.lexicon.name_variants(n, words), start + i, kind))
        return out

    def _keyphrases(self, e: NameEntry, words) -> List[str]:
        combos = itertools.islice(itertools.product(*(range(len(words[k])) for k in e.keys)),
                                  MAX_KEYPHRASE_VARIANTS)
        return [" ".join(self._word(k, i) for k, i in zip(e.keys, c)) for c in combos]

    def _jsgf(self, entries: Sequence[NameEntry], words) -> str:
        rules = []
        for e in entries:
            parts = []
            for k in e.keys:
                alts = " | ".join(self._word(k, i) for i in range(len(words[k])))
                parts.append(f"( {alts} )")
            rules.append(f"<n{e.index}> = {' '.join(parts)} ;")
        top = " | ".join(f"<n{e.index}>" for e in entries)
        return "#JSGF V1.0;\ngrammar day;\npublic <name> = " + top + " ;\n" + "\n".join(rules) + "\n"

    def _decode_grammar(self, dec, search: str, jsgf: str, pcm: bytes) -> Tuple[Optional[str], Optional[int]]:
        dec.set_jsgf_string(search, jsgf)
        dec.set_search(search)
        dec.start_utt()
        dec.process_raw(pcm, False, True)
        dec.end_utt()
        hyp = dec.hyp()
        if hyp is None or not hyp.hypstr.strip():
            return None, None
        return hyp.hypstr, hyp.best_score

    @staticmethod
    def _hyp_to_keys(hypstr: str) -> Tuple[str, ...]:
        return tuple(w.rsplit("_v", 1)[0] for w in hypstr.split())

    # -- main ------------------------------------------------------------------
    def check(self, pcm: bytes, expected: Sequence[str], confusable: Sequence[str]) -> dict:
        cfg = self.cfg
        status = speech_status(cfg)
        base = {"model": status["model"], "version": status["version"]}
        if not status.get("loaded"):
            per = [{"name": n, "result": "unavailable", "score": None,
                    "evidence": {"reason": status.get("reason")}} for n in expected]
            return dict(base, result="unavailable", evidence={"reason": status.get("reason")}, perName=per)

        # Day's names: expected first, then confusable ones not already expected.
        seen = {tuple(phonetics.split_name(n)) for n in expected}
        others = []
        for n in confusable:
            k = tuple(phonetics.split_name(n))
            if k and k not in seen:
                seen.add(k)
                others.append(n)
        first_keys = sorted({k for n in list(expected) + others + COHORT_NAMES + CARRIER_PHRASES
                             for k in phonetics.split_name(n)})
        words = self.lexicon.word_variants(first_keys)
        exp_entries = self._entries(expected, words, "expected", 0)
        day_entries = self._entries(others, words, "day", len(exp_entries))

        # Phonetic neighbours of each expected name among the day's names (other
        # expected names count too: two expected names one phoneme apart cannot
        # be told apart either).
        # A day can hold thousands of names: rank them on the first pronunciation's
        # skeleton and compute the full distance (all variants) for the close ones.
        day_pool = exp_entries + day_entries
        skel0 = {o.index: phonetics.skeleton(o.variants[0]) for o in day_pool if o.variants}
        near = cfg.confusable_distance + 2
        neighbours: Dict[int, List[Tuple[int, int, int]]] = {}
        for e in exp_entries:
            dl = []
            if e.variants:
                for o in day_pool:
                    if o.index == e.index or not o.variants or o.keys == e.keys:
                        continue
                    d0 = phonetics.levenshtein(skel0[e.index], skel0[o.index])
                    if d0 <= near:
                        phon, skel = phonetics.name_distance(e.variants, o.variants)
                    else:
                        phon, skel = d0 + 10, d0
                    dl.append((skel, phon, o.index))
                dl.sort()
            neighbours[e.index] = dl
        keep_day = set()
        for e in exp_entries:
            for _, _, idx in neighbours[e.index][: cfg.grammar_neighbours]:
                keep_day.add(idx)

        # Cohort: drop names that share a word with, or sound close to, an expected name.
        exp_keys = {k for e in exp_entries for k in e.keys}
        cohort: List[NameEntry] = []
        start = len(day_pool)
        for c in self._entries(COHORT_NAMES, words, "cohort", start):
            if not c.variants or exp_keys & set(c.keys):
                continue
            if any(e.variants and phonetics.name_distance(e.variants, c.variants)[1] <= 2 for e in exp_entries):
                continue
            cohort.append(c)
        carriers = [c for c in self._entries(CARRIER_PHRASES, words, "carrier", start + len(COHORT_NAMES))
                    if c.variants]

        entries: Dict[int, NameEntry] = {e.index: e for e in day_pool + cohort + carriers}
        spotted = [e for e in exp_entries if e.variants] + [entries[i] for i in sorted(keep_day)
                                                           if entries[i].kind == "day" and entries[i].variants]
        spotted += cohort + carriers
        # Per expected name, the grammar offers: the expected names, this name's
        # nearest names of the day, the cohort and the carrier phrases.
        fixed = [e for e in exp_entries if e.variants] + cohort + carriers

        def grammar_for(e: NameEntry) -> List[NameEntry]:
            mine = [entries[idx] for _, _, idx in neighbours[e.index][: cfg.grammar_neighbours]
                    if entries[idx].kind == "day" and entries[idx].variants]
            return fixed + mine

        audio_seconds = len(pcm) / 2 / SAMPLE_RATE
        pcm_padded = pcm + b"\x00\x00" * int(0.3 * SAMPLE_RATE)

        with tempfile.TemporaryDirectory(prefix="names-") as tmp:
            dict_path = os.path.join(tmp, "day.dict")
            with open(dict_path, "w", encoding="ascii") as fh:
                for k in sorted({k for e in spotted for k in e.keys}):
                    for i, v in enumerate(words.get(k) or []):
                        fh.write(f"{self._word(k, i)} {' '.join(v)}\n")
            kws_path = os.path.join(tmp, "day.kws")
            # phrase -> owners: an entry index, or ("w", key) for a single word of a
            # multi-word expected name (spotted on its own, see _judge).
            owners: Dict[str, list] = {}
            for e in spotted:
                for p in self._keyphrases(e, words):
                    owners.setdefault(p, []).append(e.index)
            word_keys = sorted({k for e in exp_entries if e.variants and len(e.keys) > 1 for k in e.keys})
            for k in word_keys:
                for i in range(len(words.get(k) or [])):
                    owners.setdefault(self._word(k, i), []).append(("w", k))
            with open(kws_path, "w", encoding="ascii") as fh:
                for p in owners:
                    fh.write(f"{p} /{KWS_FLOOR}/\n")

            best: Dict[object, dict] = {}
            word_hits: Dict[str, List[dict]] = {}
            dec = self._decoder(dict_path, kws_path)
            dec.start_utt()
            dec.process_raw(pcm_padded, False, True)
            dec.end_utt()
            for s in dec.seg():
                phrase = s.word.strip()
                nf = max(1, s.end_frame - s.start_frame + 1)
                hit = {"score": s.prob / nf, "raw": s.prob, "sf": s.start_frame, "ef": s.end_frame,
                       "phrase": phrase}
                for owner in owners.get(phrase, ()):
                    if isinstance(owner, tuple):
                        word_hits.setdefault(owner[1], []).append(hit)
                    cur = best.get(owner)
                    if cur is None or hit["score"] > cur["score"]:
                        best[owner] = hit
            cohort_scores = [best[c.index]["score"] for c in cohort if c.index in best]
            baseline = sum(cohort_scores) / len(cohort_scores) if cohort_scores else None

            # The same name twice (two shares offered for one person) is spotted once.
            first_with_keys: Dict[Tuple[str, ...], int] = {}
            for e in exp_entries:
                k = tuple(e.keys)
                if k in first_with_keys and e.index not in best and first_with_keys[k] in best:
                    best[e.index] = best[first_with_keys[k]]
                first_with_keys.setdefault(k, e.index)

            per = []
            for e in exp_entries:
                rival = self._kws_rival(e, best, spotted)
                word_dets = {k: word_hits.get(k, []) for k in e.keys} if len(e.keys) > 1 else None
                per.append(self._judge(e, entries, best.get(e.index), baseline, neighbours[e.index],
                                       grammar_for(e), words, dec, pcm_padded, rival, word_dets))

        results = [p["result"] for p in per]
        if all(r == "pass" for r in results):
            overall = "pass"
        elif any(r == "fail_suspected" for r in results):
            overall = "fail_suspected"
        else:
            overall = "manual_review"
        evidence = {
            "audioSeconds": round(audio_seconds, 2),
            "expectedCount": len(expected),
            "dayNamesCompared": len([e for e in spotted if e.kind == "day"]),
            "cohortNames": len(cohort),
            "cohortBaseline": None if baseline is None else round(baseline, 2),
            "thresholds": {"pass": cfg.name_pass_score, "fail": cfg.name_fail_score,
                           "grammarMargin": cfg.name_grammar_margin, "minLlrPerFrame": cfg.name_min_llr,
                           "wordGap": cfg.name_word_gap if cfg.name_words_in_span else None,
                           "confusableDistance": cfg.confusable_distance},
            "counts": {r: results.count(r) for r in sorted(set(results))},
        }
        return dict(base, result=overall, evidence=evidence, perName=per)

    @staticmethod
    def _kws_rival(e: NameEntry, best: Dict[int, dict], spotted: Sequence[NameEntry]):
        """Best other candidate whose own best detection overlaps this name's best
        detection by at least half of the shorter one and scores higher per frame."""
        det = best.get(e.index)
        if det is None:
            return None
        rival = None
        for o in spotted:
            od = best.get(o.index)
            if o.index == e.index or od is None or od["score"] <= det["score"]:
                continue
            inter = min(det["ef"], od["ef"]) - max(det["sf"], od["sf"]) + 1
            shorter = min(det["ef"] - det["sf"], od["ef"] - od["sf"]) + 1
            if inter >= 0.5 * shorter and (rival is None or od["score"] > rival[1]["score"]):
                rival = (o, od)
        return rival

    def _judge(self, e: NameEntry, entries: Dict[int, NameEntry], det, baseline, neigh, grammar_entries,
               words, dec, pcm, rival=None, word_dets=None) -> dict:
        cfg = self.cfg
        ev: dict = {"pronunciations": [" ".join(v) for v in e.variants]}
        confusable = [(skel, phon, idx) for skel, phon, idx in neigh if skel <= cfg.confusable_distance
                      or phon <= cfg.confusable_distance]
        if confusable:
            ev["confusableWith"] = [
                {"name": entries[idx].name, "phonemeDistance": phon, "skeletonDistance": skel}
                for skel, phon, idx in confusable[:10]]

        def out(result, reason, score=None):
            ev["reason"] = reason
            return {"name": e.name, "result": result,
                    "score": None if score is None else round(score, 2), "evidence": ev}

        if not e.keys or not e.variants:
            return out("manual_review", "no pronunciation could be derived for this name")
        if det is None or baseline is None:
            r, why = decide(None, None, None, bool(confusable), cfg)
            return out(r, why)

        score = det["score"] - baseline
        ev["keyword"] = {
            "score": round(score, 2), "llrPerFrame": round(det["score"], 2), "cohortBaseline": round(baseline, 2),
            "startSeconds": round(det["sf"] / FRAME_RATE, 2), "endSeconds": round(det["ef"] / FRAME_RATE, 2),
            "pronunciation": det["phrase"],
        }

        # Grammar pass over the spotted segment: align every alternative (the
        # expected names, the nearest names of the day, the cohort and the
        # carrier phrases) to exactly that span with a one-rule JSGF grammar and
        # no fillers, and see which fits best. (One grammar with all of them as
        # alternatives is cheaper but its pruned search picked a worse
        # alternative in about 1 case in 10 here.)
        sf, ef = det["sf"], det["ef"]
        seg = pcm[sf * 320: (ef + 1) * 320]
        nfr = max(1, ef - sf + 1)
        scored = []
        for g in grammar_entries:
            _, sc = self._decode_grammar(dec, "align", self._jsgf([g], words), seg)
            if sc is not None:
                scored.append((sc, g.index != e.index, g.index))
        scored.sort(key=lambda t: (-t[0], t[1]))
        preferred = entries[scored[0][2]] if scored else None
        runner = entries[scored[1][2]] if len(scored) > 1 else None
        margin = (scored[0][0] - scored[1][0]) / nfr if len(scored) > 1 else None
        ev["grammar"] = {
            "alternatives": len(grammar_entries),
            "preferred": None if preferred is None else _label(preferred),
            "runnerUp": None if runner is None else _label(runner),
            "margin": None if margin is None else round(margin, 2),
        }
        if preferred is None:
            pref_kind = None
        elif preferred.index == e.index:
            pref_kind = "self"
        else:
            pref_kind = "name" if preferred.kind in ("expected", "day") else "other"
        # Every word of a multi-word name should be heard (nearly) best inside the
        # name's span: a phrase stretched over other words has its words elsewhere.
        # gap = best score of the word anywhere - its best score inside the span.
        words_in_span = None
        word_gap = None
        if word_dets:
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
                wl.append({"word": k, "gap": None if gap is None else round(gap, 2),
                           "bestLlrPerFrame": round(top, 2)})
            gaps = [w["gap"] for w in wl]
            word_gap = None if any(g is None for g in gaps) else max(gaps)
            words_in_span = word_gap is not None and word_gap <= cfg.name_word_gap
            ev["words"] = wl
            ev["wordGap"] = word_gap
        rival_kind = None
        if rival is not None:
            o, od = rival
            rival_kind = "name" if o.kind in ("expected", "day") else "other"
            ev["keywordRival"] = {"name": _label(o), "llrPerFrame": round(od["score"], 2),
                                  "startSeconds": round(od["sf"] / FRAME_RATE, 2),
                                  "endSeconds": round(od["ef"] / FRAME_RATE, 2)}
        result, reason = decide(score, pref_kind, margin, bool(confusable), cfg, rival_kind, det["score"],
                                words_in_span)
        return out(result, reason, score)

    @staticmethod
    def _match(hyp: str, cands: Sequence[NameEntry]) -> Optional[NameEntry]:
        keys = NameChecker._hyp_to_keys(hyp)
        for g in cands:
            if tuple(g.keys) == keys:
                return g
        return None


def _label(e: NameEntry) -> str:
    """Name shown in evidence: day names as given, cohort/carrier words marked as such."""
    if e.kind in ("expected", "day"):
        return e.name
    return f"({e.kind}: {e.name})"


def decide(score: Optional[float], preferred: Optional[str], margin: Optional[float], confusable: bool,
           cfg, rival: Optional[str] = None, llr: Optional[float] = None,
           words_in_span: Optional[bool] = None) -> Tuple[str, str]:
    """Per-name verdict from the measured facts (pure: also used by tools/calibrate.py).

    score      keyword score minus the cohort baseline (None: not spotted at all)
    preferred  what the grammar preferred on the spotted segment: "self", "name"
               (another name of the day), "other" (cohort name or carrier words), None
    margin     grammar margin of the winner over the runner-up (per frame)
    confusable a name of the day is within the confusable distance
    rival      keyword spotting found another candidate ("name" or "other") that
               fits overlapping audio better per frame
    llr        the name's own log-likelihood ratio per frame against the phone loop
    words_in_span  every word of a multi-word name is heard best inside the name's span
               (None for one-word names)
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
    if rival is not None:
        return "manual_review", "another name or phrase fits overlapping audio better (keyword spotting)"
    if score >= pass_score and words_in_span is False and cfg.name_words_in_span:
        return "manual_review", "a word of the name is heard better elsewhere than where the name was spotted"
    if score >= pass_score and llr is not None and llr < cfg.name_min_llr:
        return "manual_review", "name stands out from the cohort but fits the audio only weakly"
    if score >= pass_score and (margin is None or margin >= cfg.name_grammar_margin):
        return "pass", "name spotted above the pass threshold and preferred by the grammar"
    return "manual_review", "name spotted but with a confidence between the thresholds"
