#!/usr/bin/python3
"""Dumps the name check's evidence on a development set (test voices, names the bench
never uses), one JSON line per check, to choose thresholds apart from the evaluation set.

    /usr/bin/python3 services/model/tools/names_features.py > /tmp/features.jsonl
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

PAIRS = [("Amina Khan", "Amina Khani"), ("Yusuf Ibrahim", "Yusuf Ibrahimi"),
         ("Khadija Mansouri", "Khadija Mansour"), ("Omar Haddad", "Omar Haddadi"),
         ("Walid Benyahia", "Walid Benyahi"), ("Tarek Bouzid", "Tarek Bouzidi"),
         ("Said Belkacem", "Said Belkacen"), ("Mehdi Larbi", "Mehdi Larbia"),
         ("Ilyas Hamdani", "Ilyas Hamdan"), ("Reda Boukhari", "Reda Boukhar"),
         # a final fricative said as a stop (the evaluation set's Bouaziz/Bouazid kind)
         ("Anis Benaziz", "Anis Benazid"), ("Walid Haddous", "Walid Haddout"),
         ("Hichem Boukhris", "Hichem Boukhrit"), ("Tahar Benyoussef", "Tahar Benyousset"),
         ("Adel Belaouz", "Adel Belaoud"), ("Nadia Bellarbis", "Nadia Bellarbit"),
         # a final nasal said with the other one (the evaluation set's Hassoun/Hassoum kind)
         ("Hakim Benslimane", "Hakim Benslimame"), ("Lamine Bouchoum", "Lamine Bouchoun"),
         ("Nabil Othman", "Nabil Othmam"), ("Yacine Brahim", "Yacine Brahin")]
DAY = ["Hamza Qureshi", "Zainab Cherif", "Idris Boudiaf", "Salma Akhtar"]
_CHECKER = None


def _job(job):
    global _CHECKER
    from model_service.config import load
    from model_service.speech import NameChecker
    from model_service.speech.scoring import recorded_inputs
    from tests import fixtures
    if _CHECKER is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MODEL_", "SCENE_", "NAME_"))}
        _CHECKER = NameChecker(load(env))
    voice, noise, i = job
    right, near = PAIRS[i]
    rows = []
    for kind, said, expected in (("right", right, right), ("near", near, right)):
        pcm = fixtures.speech_pcm(fixtures.carrier([said]), voice, noise)
        p = _CHECKER.check(pcm, [expected], DAY)["perName"][0]
        ev = p["evidence"]
        g = ev.get("gop") or {}
        rows.append({"kind": kind, "voice": voice[1], "noise": noise, "said": said, "result": p["result"],
                     "score": p["score"], "llr": (ev.get("keyword") or {}).get("llrPerFrame"),
                     "nearMargin": (ev.get("grammar") or {}).get("nearMargin"),
                     "nearBest": (ev.get("grammar") or {}).get("nearBest"),
                     "minGop": g.get("minGop"), "weakest": g.get("weakest"), "tailGop": g.get("tailGop"),
                     "tail": g.get("tail"), "lastGop": g.get("lastGop"), "lastFrames": g.get("lastFrames"),
                     "lastFrication": g.get("lastFrication"), "nasalTilt": g.get("nasalTilt"),
                     "phones": g.get("phones"),
                     "reason": ev.get("reason"), "inputs": recorded_inputs(p), "keyword": ev.get("keyword")})
    return rows


def main() -> None:
    from tests import fixtures
    voices = [v for v in fixtures.available_voices() if v[1] in ("en-us", "slt", "kal")]
    jobs = [(v, n, i) for v in voices for n in (None, -25.0) for i in range(len(PAIRS))]
    with cf.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as ex:
        for rows in ex.map(_job, jobs):
            for r in rows:
                print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
