#!/usr/bin/python3
"""The name check's evaluation set: voices, speeds and names the tests never use.

    /usr/bin/python3 services/model/tools/bench_names.py [--src DIR] [--workers 2] [--voices 6]

--src: a services/model directory to import model_service from (bench/names.mjs
passes main's, exported with git archive, then this tree's). Per clip (one voice,
clean or with pink noise) three checks with the other names of the day given:
  right  the name said and expected;
  wrong  the name said, another person's name expected;
  near   a near name said (not on the day's list: last syllable added, dropped or
         changed), the listed name expected.
The "arabic" cases expect the same names written in Arabic script (the speech is
the Latin name, as an executor reads it aloud). Prints one JSON line: counts per
case, per voice, and seconds per check.
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

# Voices and speeds (words per minute) the tests never use.
VOICES = [("espeak-ng", "en-gb+f2", ("-s", "130")), ("espeak-ng", "en-us-nyc", ("-s", "185")),
          ("espeak-ng", "en-us+m1", ("-s", "160")), ("espeak-ng", "en-us+klatt2", ("-s", "145")),
          ("espeak-ng", "en-gb-x-gbcwmd", ("-s", "150")), ("espeak-ng", "en-gb-x-gbclan", ("-s", "115"))]
# (on the list, a near name said instead, the same name in Arabic script or None)
PAIRS = [("Karim Bensaid", "Karim Bensaidi", "كريم بن سعيد"),
         ("Nadia Belhadj", "Nadia Belhadja", "نادية بلحاج"),
         ("Samir Toumi", "Samir Toum", "سمير تومي"),
         ("Rachid Zerrouki", "Rachid Zerrouk", "رشيد زروقي"),
         ("Leila Amrani", "Leila Amran", "ليلى عمراني"),
         ("Youssef Kaddour", "Youssef Kaddouri", "يوسف قدور"),
         ("Hakim Benmoussa", "Hakim Benmoussi", "حكيم بن موسى"),
         ("Sofiane Rahmouni", "Sofiane Rahmoun", "سفيان رحموني"),
         ("Farid Bouaziz", "Farid Bouazid", None),       # final consonant changed
         ("Amel Chaoui", "Amel Chaoua", None),           # final vowel changed
         ("Djamel Hassoun", "Djamel Hassoum", None),     # final nasal changed
         ("Nassima Berrada", "Nassima Berrad", None)]    # final vowel dropped
DAY = ["Mourad Slimani", "Farida Ouali", "Amel Chaoui", "Nabil Ferhat"]
NOISE = [None, -25.0]
_CHECKER = None


def _job(job):
    global _CHECKER
    from model_service.config import load
    from model_service.speech import NameChecker
    from model_service.speech.scoring import recorded_inputs
    sys.path.insert(0, os.path.dirname(HERE))
    from tests import fixtures
    if _CHECKER is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MODEL_", "SCENE_", "NAME_"))}
        _CHECKER = NameChecker(load(env))
    voice, noise, i = job
    right, near_said, arabic = PAIRS[i]
    other = PAIRS[(i + 3) % len(PAIRS)]
    cases = [("right", right, right), ("wrong", right, other[0]), ("near", near_said, right)]
    if arabic and other[2]:
        cases += [("arabic right", right, arabic), ("arabic wrong", right, other[2]),
                  ("arabic near", near_said, arabic)]
    out, t, facts = {}, 0.0, []
    pcm = {said: fixtures.speech_pcm(fixtures.carrier([said]), voice, noise) for said in {right, near_said}}
    for kind, said, expected in cases:
        t0 = time.perf_counter()
        r = _CHECKER.check(pcm[said], [expected], [d for d in DAY if d != expected])
        t += time.perf_counter() - t0
        p = r["perName"][0]
        out[kind] = p["result"]
        ev = p["evidence"]
        facts.append({"kind": kind, "voice": voice[1], "noise": noise, "said": said, "result": p["result"],
                      "reason": ev.get("reason"), "nearMargin": (ev.get("grammar") or {}).get("nearMargin"),
                      "nearBest": (ev.get("grammar") or {}).get("nearBest"), "pronunciations": ev.get("pronunciations"),
                      "gop": {k: v for k, v in (ev.get("gop") or {}).items() if k != "phones"},
                      "inputs": recorded_inputs(p)})
    return voice[1], noise, out, t, facts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.path.dirname(HERE))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--voices", type=int, default=len(VOICES), help="first N voices (a quicker run)")
    ap.add_argument("--skip", type=int, default=0, help="skip the first K voices")
    ap.add_argument("--facts", help="write each check's result and evidence here (JSON lines)")
    args = ap.parse_args()
    os.environ["PYTHONPATH"] = os.path.abspath(args.src)
    sys.path.insert(0, os.path.abspath(args.src))
    jobs = [(v, n, i) for v in VOICES[args.skip: args.skip + args.voices] for n in NOISE for i in range(len(PAIRS))]
    with cf.ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as ex:
        res = list(ex.map(_job, jobs))
    rates, voices = {}, {}
    if args.facts:
        with open(args.facts, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(f, ensure_ascii=False) + "\n" for *_, facts in res for f in facts)
    for voice, noise, out, *_ in res:
        for kind, result in out.items():
            for key in (kind, f"{kind} / {'clean' if noise is None else 'noisy'}"):
                c = rates.setdefault(key, {"pass": 0, "review": 0, "fail": 0, "clips": 0})
                c[{"pass": "pass", "manual_review": "review"}.get(result, "fail")] += 1
                c["clips"] += 1
            if kind in ("right", "near"):
                v = voices.setdefault(voice, {"right": 0, "near": 0, "clips": 0})
                v[kind] += result == "pass"
                v["clips"] += kind == "right"
    checks = sum(len(out) for _, _, out, *_ in res)
    print(json.dumps({"src": args.src, "rates": rates, "voices": voices,
                      "secondsPerCheck": round(sum(r[3] for r in res) / checks, 3)}))


if __name__ == "__main__":
    main()
