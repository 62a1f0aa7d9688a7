"""How long the audio hisses around a name's final sibilant: an acoustic cue the phone model lacks.

The US-English acoustic model aligns a final stop ("Bouazid") as a short sibilant and scores it
like the real one ("Bouaziz"). The signal itself tells them apart: a sibilant is tens of
milliseconds of energy above 3.5 kHz, a stop is silence and then a burst of 20-50 ms. A frame
counts as frication when its energy above 3.5 kHz stands out from the clip's own floor (so
steady background noise never counts) and is a fair share of the frame's energy.
"""

from __future__ import annotations

import numpy as np

from .decoder import BYTES_PER_FRAME, SAMPLE_RATE
from .spectra import HOP, band_power, frame_power

SIBILANTS = frozenset("S Z SH ZH".split())
WINDOW = SAMPLE_RATE // 50  # 20 ms of samples around each 10 ms frame
HIGH_HZ = 3500.0
ABOVE_FLOOR_DB = 6.0  # over the 20th percentile of the clip's high-band level
MIN_SHARE = 0.1       # of the frame's energy above 100 Hz; a voiced Z's voicing keeps it low
BEFORE, AFTER = 2, 4  # frames around the aligned phone: the alignment may be a little off
CONTEXT = 500  # frames (5 s) on each side from which the floor is taken: bounded work on a long clip


def _levels(pcm: bytes):
    """Per 10 ms frame: the high band's level in dB and its share of the frame's energy."""
    power, freqs = frame_power(pcm, 0, len(pcm) // 2 // HOP, WINDOW, HOP // 2)
    high = band_power(power, freqs, HIGH_HZ)
    total = band_power(power, freqs, 100.0) + 1e-9
    return 10.0 * np.log10(high + 1e-9), high / total


def frication_frames(pcm: bytes, start: int, frames: int) -> int:
    """Frames of frication from `start` - BEFORE to `start` + `frames` + AFTER (10 ms frames)."""
    first = max(0, start - CONTEXT)
    level, share = _levels(pcm[first * BYTES_PER_FRAME: (start + frames + CONTEXT) * BYTES_PER_FRAME])
    if len(level) == 0:
        return 0
    floor = float(np.percentile(level, 20))
    lo, hi = max(0, start - first - BEFORE), min(len(level), start - first + frames + AFTER)
    hiss = (level[lo:hi] >= floor + ABOVE_FLOOR_DB) & (share[lo:hi] >= MIN_SHARE)
    return int(hiss.sum())
