#!/usr/bin/python3
"""Name check rates on voices and names the tests never use.

    /usr/bin/python3 services/model/tools/bench_names.py [--src DIR] [--workers 2] [--voices 4]

--src: a services/model directory to import model_service from (bench/names.mjs
passes main's, exported with git archive, then this tree's). Prints one JSON line:
right-name, wrong-name and near-name (a near name said, the list's name expected)
pass rates, and seconds per check.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import multiprocessing
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

VOICES = [("espeak-ng", "en-us+m1", ("-s", "160")), ("espeak-ng", "en-gb+f2", ("-s", "130")),
          ("espeak-ng", "en-us+klatt2", ("-s", "145")), ("espeak-ng", "en-gb-x-gbcwmd", ("-s", "150"))]
# (on the list, a near name said instead: last syllable changed, added or dropped)
PAIRS = [("Karim Bensaid", "Karim Bensaidi"), ("Nadia Belhadj", "Nadia Belhadja"),
         ("Samir Toumi", "Samir Toum"), ("Rachid Zerrouki", "Rachid Zerrouk"),
         ("Leila Amrani", "Leila Amran"), ("Youssef Kaddour", "Youssef Kaddouri"),
         ("Hakim Benmoussa", "Hakim Benmoussi"), ("Sofiane Rahmouni", "Sofiane Rahmoun")]
DAY = ["Mourad Slimani", "Farida Ouali", "Amel Chaoui", "Nabil Ferhat"]
NOISE = [None, -25.0]
_CHECKER = None


def _job(job):
    global _CHECKER
    from model_service.config import load
    from model_service.speech import NameChecker
    sys.path.insert(0, os.path.dirname(HERE))
    from tests import fixtures
    if _CHECKER is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MODEL_", "SCENE_", "NAME_"))}
        _CHECKER = NameChecker(load(env))
    voice, noise, i = job
    right, near_said = PAIRS[i]
    wrong = PAIRS[(i + 3) % len(PAIRS)][0]
    out, t = {}, 0.0
    for kind, said, expected in (("right", right, right), ("wrong", right, wrong), ("near", near_said, right)):
        pcm = fixtures.speech_pcm(fixtures.carrier([said]), voice, noise)
        t0 = time.perf_counter()
        r = _CHECKER.check(pcm, [expected], DAY)
        t += time.perf_counter() - t0
        out[kind] = r["perName"][0]["result"]
    return out, t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.path.dirname(HERE))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--voices", type=int, default=len(VOICES), help="first N voices (a quicker run)")
    args = ap.parse_args()
    os.environ["PYTHONPATH"] = os.path.abspath(args.src)
    sys.path.insert(0, os.path.abspath(args.src))
    jobs = [(v, n, i) for v in VOICES[: args.voices] for n in NOISE for i in range(len(PAIRS))]
    with cf.ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as ex:
        res = list(ex.map(_job, jobs))
    rates = {}
    for kind in ("right", "wrong", "near"):
        rs = [r[kind] for r, _ in res]
        rates[kind] = {"pass": rs.count("pass"), "review": rs.count("manual_review"),
                       "fail": rs.count("fail_suspected"), "clips": len(rs)}
    print(json.dumps({"src": args.src, "rates": rates,
                      "secondsPerCheck": round(sum(t for _, t in res) / (3 * len(res)), 3)}))


if __name__ == "__main__":
    main()
