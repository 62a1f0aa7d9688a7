"""The pocketsphinx binding: one decoder configuration, the per-request dictionary, /health status."""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Optional, Tuple

from ..config import Config
from ..versions import debian_package_version

SAMPLE_RATE = 16000
FRAME_RATE = 100  # pocketsphinx frames per second
BYTES_PER_FRAME = SAMPLE_RATE * 2 // FRAME_RATE  # 16-bit mono PCM

try:  # pragma: no cover - depends on the machine
    from pocketsphinx import Decoder  # type: ignore
    _IMPORT_ERROR: Optional[str] = None
except Exception as exc:  # pragma: no cover
    Decoder = None  # type: ignore
    _IMPORT_ERROR = f"{type(exc).__name__}: {exc}"


def acoustic_model(cfg: Config) -> str:
    return os.path.join(cfg.speech_model_dir, "en-us")


def cmu_dictionary(cfg: Config) -> str:
    return os.path.join(cfg.speech_model_dir, "cmudict-en-us.dict")


def speech_status(cfg: Config) -> dict:
    hmm = acoustic_model(cfg)
    dic = cmu_dictionary(cfg)
    info = {
        "model": "pocketsphinx en-us (keyword spotting + JSGF grammar)",
        "acousticModel": hmm,
        "dictionary": dic,
        "version": "pocketsphinx-en-us " + debian_package_version("pocketsphinx-en-us")
        + "; python3-pocketsphinx " + debian_package_version("python3-pocketsphinx"),
    }
    if Decoder is None:
        info.update(loaded=False, reason=f"pocketsphinx not importable ({_IMPORT_ERROR})")
    elif not os.path.isfile(os.path.join(hmm, "mdef")) or not os.path.isfile(dic):
        info.update(loaded=False, reason="acoustic model or dictionary missing")
    else:
        info.update(loaded=True)
    return info


def new_decoder(hmm: str, dict_path: str, kws_path: Optional[str] = None):
    c = Decoder.default_config()
    c.set_string("-hmm", hmm)
    c.set_string("-dict", dict_path)
    c.set_string("-logfn", os.devnull)
    # Keep every frame: with the default voice-activity filter, frame numbers
    # skip the silences and no longer point into the PCM for the grammar pass.
    c.set_boolean("-remove_silence", False)
    # Wide beam: with the default (1e-48) long names are pruned away before
    # their end and never reported; every candidate must get a score.
    c.set_float("-beam", 1e-300)
    c.set_float("-pbeam", 1e-300)
    c.set_float("-wbeam", 1e-300)
    c.set_int("-maxhmmpf", -1)
    # Grammar alignments cover the spotted span with the name alone.
    c.set_boolean("-fsgusefiller", False)
    if kws_path:
        c.set_string("-kws", kws_path)
    return Decoder(c)


def process(dec, pcm: bytes) -> None:
    """Decodes the whole of `pcm` as one utterance with the decoder's current search."""
    dec.start_utt()
    dec.process_raw(pcm, False, True)
    dec.end_utt()


def word_symbol(key: str, i: int) -> str:
    """Dictionary word of pronunciation `i` of the word `key` (one word per pronunciation)."""
    return f"{key}_v{i}"


def write_dictionary(path: str, keys: Iterable[str], words: Dict[str, List[Tuple[str, ...]]]) -> str:
    with open(path, "w", encoding="ascii") as fh:
        for k in sorted(set(keys)):
            for i, v in enumerate(words.get(k) or []):
                fh.write(f"{word_symbol(k, i)} {' '.join(v)}\n")
    return path
