"""One name check: candidates, one keyword-spotting pass, then a verdict per expected name."""

from __future__ import annotations

import os
import tempfile
from typing import Optional, Sequence

from .. import phonetics
from ..config import Config
from . import candidates, decoder, gop, scoring, spotting


class NameChecker:
    def __init__(self, cfg: Config, lexicon: Optional[phonetics.Lexicon] = None):
        self.cfg = cfg
        self.hmm = decoder.acoustic_model(cfg)
        self.dict_path = decoder.cmu_dictionary(cfg)
        self.lexicon = lexicon or phonetics.Lexicon(
            phonetics.CmuDict(self.dict_path), phonetics.Espeak(cfg.espeak),
            more=[phonetics.Espeak(cfg.espeak, "fr", phonetics.FRENCH)],
            arabic=phonetics.Espeak(cfg.espeak, "ar", phonetics.ARABIC))

    def check(self, pcm: bytes, expected: Sequence[str], confusable: Sequence[str]) -> dict:
        cfg = self.cfg
        status = decoder.speech_status(cfg)
        base = {"model": status["model"], "version": status["version"]}
        if not status.get("loaded"):
            per = [{"name": n, "result": "unavailable", "score": None,
                    "evidence": {"reason": status.get("reason")}} for n in expected]
            return dict(base, result="unavailable", evidence={"reason": status.get("reason")}, perName=per)

        cands = candidates.gather(self.lexicon, expected, confusable, cfg)
        audio_seconds = len(pcm) / 2 / decoder.SAMPLE_RATE
        pcm_padded = pcm + b"\x00\x00" * int(0.3 * decoder.SAMPLE_RATE)

        with tempfile.TemporaryDirectory(prefix="names-") as tmp:
            extra = gop.add_words(cands.words)
            dict_path = decoder.write_dictionary(os.path.join(tmp, "day.dict"),
                                                 extra + [k for e in cands.entries.values() for k in e.keys],
                                                 cands.words)
            owners = spotting.keyphrase_owners(cands)
            kws_path = spotting.write_keyphrases(os.path.join(tmp, "day.kws"), owners)
            dec = decoder.new_decoder(self.hmm, dict_path, kws_path)
            decoder.process(dec, pcm_padded)
            spots = spotting.collect(dec.seg(), owners, cands)
            per = [scoring.judge(e, cands, spots, dec, pcm_padded, cfg) for e in cands.expected]

        results = [p["result"] for p in per]
        evidence = {
            "audioSeconds": round(audio_seconds, 2),
            "expectedCount": len(expected),
            "dayNamesCompared": len([e for e in cands.spotted if e.kind == "day"]),
            "cohortNames": len(cands.cohort),
            "cohortBaseline": None if spots.baseline is None else round(spots.baseline, 2),
            "thresholds": {"pass": cfg.name_pass_score, "fail": cfg.name_fail_score,
                           "grammarMargin": cfg.name_grammar_margin, "minLlrPerFrame": cfg.name_min_llr,
                           "wordGap": cfg.name_word_gap if cfg.name_words_in_span else None,
                           "confusableDistance": cfg.confusable_distance},
            "counts": scoring.counts(results),
        }
        return dict(base, result=scoring.overall(results), evidence=evidence, perName=per)
