#!/usr/bin/python3
"""Seconds per name check, two code trees alternated (paired runs on a shared machine).

    git archive main services/model | tar -x -C /tmp/base
    /usr/bin/python3 services/model/tools/latency_names.py --base /tmp/base/services/model --pairs 5

Each run is a fresh process: one warm-up check, then three one-name checks (espeak-ng
en-gb-x-gbclan, 3 names of the day); prints each run and the ratio of the means.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ("Karim Bensaid", "Leila Amrani", "Youssef Kaddour")


def _one(src: str) -> None:
    sys.path.insert(0, src)
    from model_service.config import load
    from model_service.speech import NameChecker
    sys.path.insert(1, os.path.dirname(HERE))
    from tests import fixtures
    checker = NameChecker(load({}))
    voice = ("espeak-ng", "en-gb-x-gbclan", ("-s", "115"))
    clips = [fixtures.speech_pcm(fixtures.carrier([n]), voice) for n in NAMES]
    checker.check(clips[0], [NAMES[0]], [])
    t0 = time.perf_counter()
    for pcm, name in zip(clips, NAMES):
        checker.check(pcm, [name], ["Mourad Slimani", "Farida Ouali", "Amel Chaoui"])
    print((time.perf_counter() - t0) / len(NAMES))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--tree", default=os.path.dirname(HERE))
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return _one(args.one)
    times = {"base": [], "tree": []}
    for _ in range(args.pairs):
        for label, src in (("base", args.base), ("tree", args.tree)):
            out = subprocess.run([sys.executable, __file__, "--base", args.base, "--one", os.path.abspath(src)],
                                 check=True, stdout=subprocess.PIPE, text=True).stdout
            times[label].append(float(out.strip().splitlines()[-1]))
            print(label, round(times[label][-1], 3), flush=True)
    mean = {k: sum(v) / len(v) for k, v in times.items()}
    print(f"mean base {mean['base']:.3f} s, tree {mean['tree']:.3f} s per check: {mean['tree'] / mean['base']:.2f}x")


if __name__ == "__main__":
    main()
