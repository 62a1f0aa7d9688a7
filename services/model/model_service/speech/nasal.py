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

from .decoder import BYTES_PER_FRAME, SAMPLE_RATE

NASALS = frozenset(("M", "N"))
WINDOW = SAMPLE_RATE // 32  # 32 ms: enough resolution to split 0.8-1.3 kHz from 1.7-2.4 kHz
UPPER, LOWER = (1700.0, 2400.0), (800.0, 1300.0)


def murmur_tilt(pcm: bytes, start: int, frames: int) -> Optional[float]:
    """dB of the upper band over the lower one, mean over the 10 ms frames start..start+frames-1."""
    hop = BYTES_PER_FRAME // 2
    samples = len(pcm) // 2
    if frames <= 0 or start < 0 or (start + frames) * hop > samples:
        return None
    # Only the samples the windows cover, each window centred on its frame's start.
    first, end = start * hop - WINDOW // 2, (start + frames - 1) * hop - WINDOW // 2 + WINDOW
    x = np.frombuffer(pcm[2 * max(0, first): 2 * min(samples, end)], dtype=np.int16).astype(np.float64)
    x = np.pad(x, (max(0, -first), max(0, end - samples)))
    idx = np.arange(frames)[:, None] * hop + np.arange(WINDOW)[None, :]
    power = np.abs(np.fft.rfft(x[idx] * np.hanning(WINDOW), axis=1)) ** 2
    freqs = np.fft.rfftfreq(WINDOW, 1.0 / SAMPLE_RATE)

    def level(band):
        return 10.0 * np.log10(power[:, (freqs >= band[0]) & (freqs < band[1])].sum(axis=1) + 1e-9)

    return float(np.mean(level(UPPER) - level(LOWER)))
