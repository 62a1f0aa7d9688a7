#!/usr/bin/python3
"""Time one analysis through the real HTTP server.

    /usr/bin/python3 services/model/tools/bench.py [--seconds 30] [--names 7] [--runs 3] [--concurrent 1]

Makes a 720p H.264 clip (moving test pattern, x264 "veryfast" like a phone upload)
with NAMES spoken by flite (or espeak-ng) 1 s in, starts the service on a free
port and posts the clip `runs` times (optionally `concurrent` at once).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests import fixtures  # noqa: E402
from tests.test_http import Server  # noqa: E402

NAMES = ["Amina Khan", "Yusuf Ibrahim", "Khadija Mansouri", "Omar Haddad", "Tariq Rahman",
         "Layla Ghazali", "Imran Faisal"]
DAY = ["Fatima Zahra", "Hamza Qureshi", "Zainab Cherif", "Bilal Chaudhry", "Maryam Bouzid", "Ibrahim Tahir"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--names", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--concurrent", type=int, default=1)
    args = ap.parse_args()
    names = NAMES[: args.names]
    tmp = tempfile.mkdtemp(prefix="model-bench-")
    try:
        voice = ("flite", "slt", ()) if shutil.which("flite") else fixtures.ESPEAK_VOICES[0]
        wav = fixtures.synth_wav(fixtures.carrier(names), voice, os.path.join(tmp, "s.wav"))
        clip = os.path.join(tmp, "clip.mp4")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=s=1280x720:r=30:d={args.seconds}", "-i", wav, "-filter_complex",
                        f"[1:a]adelay=1000:all=1,apad,atrim=0:{args.seconds}[a]", "-map", "0:v", "-map", "[a]",
                        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                        "-t", str(args.seconds), clip], check=True)
        server = Server()
        try:
            body = {"videoPath": clip, "expectedNames": names, "confusableNames": DAY}
            walls, totals = [], []
            for _ in range(args.runs):
                t = time.monotonic()
                with cf.ThreadPoolExecutor(args.concurrent) as ex:
                    res = list(ex.map(lambda _: server.post(body, timeout=600), range(args.concurrent)))
                walls.append(time.monotonic() - t)
                for status, r, _ in res:
                    if status != 200:
                        print("error", status, r)
                        continue
                    totals.append(r["timings"]["total"])
                    print(f"status={status} names={r['names']['result']} "
                          f"per_name={[p['result'] for p in r['names']['perName']]} scene={r['scene']['result']} "
                          f"timings={r['timings']}")
            print(f"\n{args.seconds:.0f} s 720p clip, {len(names)} names, {args.concurrent} at once: "
                  f"wall per batch median {statistics.median(walls):.2f} s, "
                  f"per analysis median {statistics.median(totals):.2f} s "
                  f"(min {min(totals):.2f}, max {max(totals):.2f})")
        finally:
            server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
