"""Short-time power spectra of the decoder's 16 kHz PCM, one row per 10 ms frame."""

from __future__ import annotations

import numpy as np

from .decoder import BYTES_PER_FRAME, SAMPLE_RATE

HOP = BYTES_PER_FRAME // 2  # samples per 10 ms frame


def frame_power(pcm: bytes, start: int, frames: int, window: int, lead: int):
    """Power spectra of frames start..start+frames-1, each a Hann window of `window` samples that
    begins `lead` samples before its frame (zeros outside the clip); and the bins' frequencies."""
    samples = len(pcm) // 2
    first = start * HOP - lead
    end = first + (frames - 1) * HOP + window
    # Only the samples the windows cover: a frame's spectrum must not cost a pass over the whole clip.
    x = np.frombuffer(pcm[2 * max(0, first): 2 * min(samples, end)], dtype=np.int16).astype(np.float64)
    x = np.pad(x, (max(0, -first), max(0, end - samples)))
    idx = np.arange(frames)[:, None] * HOP + np.arange(window)[None, :]
    power = np.abs(np.fft.rfft(x[idx] * np.hanning(window), axis=1)) ** 2
    return power, np.fft.rfftfreq(window, 1.0 / SAMPLE_RATE)


def band_power(power, freqs, low: float, high: float = np.inf):
    """Each frame's power in low <= f < high."""
    return power[:, (freqs >= low) & (freqs < high)].sum(axis=1)
