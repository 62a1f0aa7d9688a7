"""Which nasal closes the name, M or N, from the murmur's spectrum: a cue the phone model lacks.

The US-English acoustic model scores "Hassoum" as well as "Hassoun": the two nasals differ only in
the murmur's upper resonance, which lies near 2 kHz for an N (the tongue closes behind the teeth)
and lower for an M (the lips close, a longer cavity). The tilt is the murmur's energy at 1.7-2.4 kHz
over its energy at 0.8-1.3 kHz, in dB, averaged over the aligned nasal: above 0 for an N and below
for an M on the test voices where the name otherwise passed, once in 14 not (tools/names_features.py).
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from .decoder import SAMPLE_RATE
from .spectra import HOP, band_power, frame_power

NASALS = frozenset(("M", "N"))
WINDOW = SAMPLE_RATE // 32  # 32 ms: enough resolution to split 0.8-1.3 kHz from 1.7-2.4 kHz
UPPER, LOWER = (1700.0, 2400.0), (800.0, 1300.0)


def murmur_tilt(pcm: bytes, start: int, frames: int) -> Optional[float]:
    """dB of the upper band over the lower one, mean over the 10 ms frames start..start+frames-1."""
    if frames <= 0 or start < 0 or (start + frames) * HOP > len(pcm) // 2:
        return None
    # Each window centred on its frame's start.
    power, freqs = frame_power(pcm, start, frames, WINDOW, WINDOW // 2)

    def level(band):
        return 10.0 * np.log10(band_power(power, freqs, *band) + 1e-9)

    return float(np.mean(level(UPPER) - level(LOWER)))
