#!/usr/bin/python3
"""Measure the name check on synthetic speech and pick thresholds.

    /usr/bin/python3 services/model/tools/calibrate.py [--names 30] [--noise -30] [--out trials.json]

For every voice (espeak-ng, flite) and name it speaks "Bismillah, Allahu akbar.
On behalf of NAME." and runs the name check with thresholds wide open, once with
the right name expected and once per wrong-name scenario:
  right        expected=[NAME], day's other names = a few non-confusable names
  wrong-out    expected=[OTHER], NAME not among the day's names
  wrong-in     expected=[OTHER], NAME among the day's names (the usual case at a site)
  confusable   expected=[NAME], a name one phoneme away is expected the same day
Then it prints, for a grid of pass/fail thresholds, the pass rate of the right
name and the pass rate of wrong names (which must be 0).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from model_service import config as config_mod, phonetics  # noqa: E402
from model_service.speech import NameChecker  # noqa: E402
from model_service.speech.scoring import recorded_inputs, redecide  # noqa: E402
from tests import fixtures  # noqa: E402

NAMES = [
    "Amina Khan", "Mohammed Al-Rashid", "Fatima Zahra", "Yusuf Ibrahim", "Aisha Siddiqui",
    "Omar Haddad", "Khadija Mansouri", "Hamza Qureshi", "Zainab Cherif", "Bilal Chaudhry",
    "Maryam Bouzid", "Ibrahim Tahir", "Layla Ghazali", "Tariq Rahman", "Salma Akhtar",
    "Idris Boudiaf", "Nadia Zerrouki", "Karim Benali", "Rania Hussain", "Walid Ouali",
    "Sofiane Belkacem", "Yasmin Begum", "Mourad Farid", "Hira Usman", "Djamel Saida",
    "Imran Faisal", "Nour Shaheen", "Mustafa Junaid", "Sana Rizwan", "Abdullah Kamran",
    "Samir Nasreen", "Mehdi Zubair", "Iqra Naveed", "Ismail Owais", "Uzma Waqar",
]
# Never used to choose thresholds: a check that the rates hold on other names.
HOLDOUT_NAMES = [
    "Abdelkader Mebarki", "Souad Hamdi", "Younes Belhadj", "Meriem Tlemcani", "Anas Jaber",
    "Hafsa Mahmoud", "Zakaria Lamine", "Asma Nouri", "Khalil Darwish", "Lina Haddou",
    "Adnan Saeed", "Ruqayya Bello", "Ilyas Yilmaz", "Amal Farouk", "Sulaiman Diallo",
    "Habiba Osman", "Riyad Kaddour", "Nabila Aziz", "Othman Sabri", "Jamila Toure",
]
CONFUSABLE_PAIRS = [
    ("Karim Benali", "Karim Bennani"), ("Amine Haddad", "Amir Haddad"),
    ("Sofiane Belkacem", "Sofiane Benkacem"), ("Amina Khan", "Amira Khan"),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=len(NAMES))
    ap.add_argument("--noise", type=float, default=None, help="pink noise level in dB (e.g. -30)")
    ap.add_argument("--voices", default="", help="comma list of engine:voice to use (default all)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--summarize", default=None, help="only summarise a trials file written by --out")
    ap.add_argument("--holdout", action="store_true", help="use HOLDOUT_NAMES instead of NAMES")
    args = ap.parse_args()
    if args.summarize:
        with open(args.summarize) as fh:
            summarize(json.load(fh))
        return

    rnd = random.Random(args.seed)
    cfg = config_mod.load({"NAME_PASS_SCORE": "-1e9", "NAME_FAIL_SCORE": "-1e9"})
    checker = NameChecker(cfg)
    voices = fixtures.available_voices()
    if args.voices:
        want = set(args.voices.split(","))
        voices = [v for v in voices if fixtures.voice_label(v) in want]
    all_names = HOLDOUT_NAMES if args.holdout else NAMES
    names = all_names[: args.names]

    lex = checker.lexicon
    keys = sorted({k for n in all_names + [a for p in CONFUSABLE_PAIRS for a in p] for k in phonetics.split_name(n)})
    words = lex.word_variants(keys)
    pron = {n: lex.name_variants(n, words) for n in all_names}

    def non_confusable(n, k):
        pool = [m for m in all_names if m != n and phonetics.name_distance(pron[n], pron[m])[1] > 1]
        return rnd.sample(pool, k)

    def facts(res):
        p = res["perName"][0]
        return {"inputs": recorded_inputs(p), "result": p["result"], "score": p["score"], "name": p["name"]}

    trials = []
    t0 = time.time()
    n_checks = 0
    for v in voices:
        for n in names:
            pcm = fixtures.speech_pcm(fixtures.carrier([n]), v, args.noise)
            day = non_confusable(n, 6)
            other = day[0]
            for kind, exp, conf in (
                ("right", n, day),
                ("wrong-out", other, day[1:]),
                ("wrong-in", other, [n] + day[1:]),
            ):
                r = checker.check(pcm, [exp], conf)
                n_checks += 1
                f = facts(r)
                f.update(kind=kind, voice=fixtures.voice_label(v), spoken=n)
                trials.append(f)
        for a, b in CONFUSABLE_PAIRS:
            pcm = fixtures.speech_pcm(fixtures.carrier([a]), v, args.noise)
            for kind, exp, conf in (("confusable-right", a, [b]), ("confusable-wrong", b, [a])):
                r = checker.check(pcm, [exp], conf)
                n_checks += 1
                f = facts(r)
                f.update(kind=kind, voice=fixtures.voice_label(v), spoken=a)
                trials.append(f)
        sys.stderr.write(f"{fixtures.voice_label(v)} done ({time.time() - t0:.0f} s)\n")

    if args.out:
        with open(args.out, "w") as fh:
            json.dump(trials, fh, indent=1)

    print(f"{len(trials)} trials, {n_checks} checks, {time.time() - t0:.1f} s, noise={args.noise}")
    summarize(trials)


def verdict(t, pass_s, fail_s, margin, base=None):
    """The trial's verdict under other thresholds (the recorded one when nothing was spotted to weigh)."""
    if t["inputs"] is None:
        return t["result"]
    base = base or config_mod.Config()
    cfg = dataclasses.replace(base, name_pass_score=pass_s, name_fail_score=fail_s, name_grammar_margin=margin)
    return redecide(t["inputs"], cfg)[0]


def summarize(trials, grid=None):
    grid = grid or [(p, f, 0.0) for p in (25, 30, 35, 40, 45) for f in (0, 10)]
    kinds = ["right", "wrong-out", "wrong-in", "confusable-right", "confusable-wrong"]
    print("pass  fail  margin | " + " | ".join(f"{k:>22}" for k in kinds))
    for p, f, m in grid:
        cells = []
        for k in kinds:
            ts = [t for t in trials if t["kind"] == k]
            if not ts:
                cells.append(f"{'-':>22}")
                continue
            vs = [verdict(t, p, f, m) for t in ts]
            cells.append(f"P{vs.count('pass'):3d} R{vs.count('manual_review'):3d} "
                         f"F{vs.count('fail_suspected'):3d} /{len(ts):3d}  ")
        print(f"{p:5} {f:5} {m:6} | " + " | ".join(cells))
    print("\nright-name pass rate per voice at the configured defaults:")
    d = config_mod.Config()
    tot = [0, 0, 0, 0]
    for v in sorted({t["voice"] for t in trials}):
        ts = [t for t in trials if t["voice"] == v and t["kind"] == "right"]
        vs = [verdict(t, d.name_pass_score, d.name_fail_score, d.name_grammar_margin) for t in ts]
        wr = [t for t in trials if t["voice"] == v and t["kind"].startswith("wrong")]
        wv = [verdict(t, d.name_pass_score, d.name_fail_score, d.name_grammar_margin) for t in wr]
        print(f"  {v:24} right pass {vs.count('pass'):3d}/{len(ts)}  wrong pass {wv.count('pass')}/{len(wr)}")
        tot[0] += vs.count("pass")
        tot[1] += len(ts)
        tot[2] += wv.count("pass")
        tot[3] += len(wr)
    if tot[1]:
        print(f"  {'ALL':24} right pass {tot[0]}/{tot[1]} ({100 * tot[0] / tot[1]:.0f}%)  "
              f"wrong pass {tot[2]}/{tot[3]}")
    rs = [t["score"] for t in trials if t["kind"] == "right" and t["score"] is not None]
    ws = [t["score"] for t in trials if t["kind"].startswith("wrong") and t["score"] is not None]
    if rs and ws:
        rs.sort()
        ws.sort()
        q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]  # noqa: E731
        print(f"\nscore quantiles right: 5%={q(rs, .05)} 25%={q(rs, .25)} 50%={q(rs, .5)}")
        print(f"score quantiles wrong: 50%={q(ws, .5)} 95%={q(ws, .95)} 99%={q(ws, .99)} max={ws[-1]}")


if __name__ == "__main__":
    main()
