"""Test media made on the fly: speech from espeak-ng / flite, clips from ffmpeg.

Used by the tests and by tools/calibrate.py. Nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zlib
from typing import List, Optional, Sequence, Tuple

# (engine, voice, extra args). Chosen among voices that install from Debian.
ESPEAK_VOICES: List[Tuple[str, str, Tuple[str, ...]]] = [
    ("espeak-ng", "en-us", ("-s", "140")),
    ("espeak-ng", "en-us+f3", ("-s", "140")),
    ("espeak-ng", "en-gb-x-rp", ("-s", "140")),
    ("espeak-ng", "en-us+m3", ("-s", "150")),
    ("espeak-ng", "en-gb-scotland", ("-s", "140")),
    ("espeak-ng", "en-029", ("-s", "140")),
]
FLITE_VOICES: List[Tuple[str, str, Tuple[str, ...]]] = [
    ("flite", "slt", ()),
    ("flite", "kal16", ()),
    ("flite", "awb", ()),
    ("flite", "rms", ()),
    ("flite", "kal", ()),
]


def have(binary: str) -> bool:
    return shutil.which(binary) is not None


def available_voices() -> List[Tuple[str, str, Tuple[str, ...]]]:
    out = []
    if have("espeak-ng"):
        out += ESPEAK_VOICES
    if have("flite"):
        out += FLITE_VOICES
    return out


def voice_label(v) -> str:
    return f"{v[0]}:{v[1]}"


def synth_wav(text: str, voice, path: str) -> str:
    engine, name, extra = voice
    if engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", name, *extra, "-w", path, text]
    elif engine == "flite":
        cmd = ["flite", "-voice", name, *extra, "-t", text, "-o", path]
    else:
        raise ValueError(engine)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return path


def to_pcm16k(wav: str, noise_db: Optional[float] = None, seed: int = 1) -> bytes:
    """16 kHz mono s16le; optionally mix pink noise at noise_db dBFS (the same noise for the same seed)."""
    if noise_db is None:
        cmd = ["ffmpeg", "-v", "error", "-i", wav, "-ar", "16000", "-ac", "1", "-f", "s16le", "-"]
    else:
        cmd = ["ffmpeg", "-v", "error", "-i", wav, "-f", "lavfi", "-i",
               f"anoisesrc=color=pink:amplitude=1:sample_rate=16000:seed={seed}",
               "-filter_complex",
               f"[1]volume={noise_db}dB[n];[0]aresample=16000[s];[s][n]amix=inputs=2:duration=first:normalize=0",
               "-ar", "16000", "-ac", "1", "-f", "s16le", "-"]
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, timeout=60).stdout


def speech_pcm(text: str, voice, noise_db: Optional[float] = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tts-") as tmp:
        wav = synth_wav(text, voice, os.path.join(tmp, "s.wav"))
        # The noise is seeded by what is said and by whom, so a clip is the same in every run
        # (with random noise, two runs of the same code gave every noisy clip other scores and moved
        # 3 of 120 verdicts on the development set).
        return to_pcm16k(wav, noise_db, zlib.crc32(f"{text}|{voice}".encode()))


def carrier(names: Sequence[str]) -> str:
    if len(names) == 1:
        who = names[0]
    else:
        who = ", ".join(names[:-1]) + " and " + names[-1]
    return f"Bismillah, Allahu akbar. On behalf of {who}."


def make_clip(path: str, *, seconds: float, audio_wav: Optional[str] = None, image: Optional[str] = None,
              black: bool = False, size: str = "1280x720", faststart: bool = True) -> str:
    """An H.264 mp4: a test pattern, a still image or black video; the speech (if any)
    is placed 1 s in and the rest of the clip is silent."""
    cmd = ["ffmpeg", "-v", "error", "-y"]
    if image:
        cmd += ["-loop", "1", "-framerate", "25", "-t", str(seconds), "-i", image]
    elif black:
        cmd += ["-f", "lavfi", "-i", f"color=c=black:s={size}:r=25:d={seconds}"]
    else:
        cmd += ["-f", "lavfi", "-i", f"testsrc2=s={size}:r=25:d={seconds}"]
    if audio_wav:
        cmd += ["-i", audio_wav, "-filter_complex",
                f"[1:a]adelay=1000:all=1,apad,atrim=0:{seconds}[a]", "-map", "0:v", "-map", "[a]",
                "-c:a", "aac", "-b:a", "96k"]
    vf = "scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,format=yuv420p"
    cmd += ["-vf", vf, "-c:v", "libx264", "-preset", "ultrafast", "-t", str(seconds)]
    if faststart:
        cmd += ["-movflags", "+faststart"]
    cmd.append(path)
    subprocess.run(cmd, check=True, timeout=120)
    return path


def skimage_photo(path: str, name: str = "astronaut") -> Optional[str]:
    """Save one of scikit-image's bundled photos as PNG (None when skimage is missing)."""
    try:
        import numpy as np  # noqa: F401
        from skimage import data  # type: ignore
        import cv2  # type: ignore
    except Exception:
        return None
    img = getattr(data, name)()
    if img.ndim == 2:
        bgr = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    else:
        bgr = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    cv2.imwrite(path, bgr)
    return path


def make_fake_yolo(path: str, planted, num_classes: int = 80, grid: int = 80) -> Optional[str]:
    """A tiny ONNX "detector" with a YOLOv8-shaped output (1, 4 + C, grid*grid) that
    cv2.dnn can run. planted: {class_id: (anchor, (cx, cy, w, h), gain)}. A planted
    class scores gain x the mean brightness of the 8x8 input cell of its anchor, so a
    black frame scores 0 and a bright one up to gain. Needs python3-onnx (None if absent).
    """
    try:
        import numpy as np
        import onnx  # type: ignore
        from onnx import helper, numpy_helper, TensorProto  # type: ignore
    except Exception:
        return None
    n = grid * grid
    size = grid * 8
    mask = np.zeros((1, 4 + num_classes, n), np.float32)
    boxes = np.zeros((1, 4 + num_classes, n), np.float32)
    for cid, (anchor, box, gain) in planted.items():
        boxes[0, :4, anchor] = box
        mask[0, 4 + cid, anchor] = gain
    # Every output channel = mean brightness of its 8x8 cell (weights 1/(3*64)).
    weights = np.full((4 + num_classes, 3, 8, 8), 1.0 / (3 * 64), np.float32)
    inp = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 4 + num_classes, n])
    nodes = [
        helper.make_node("Conv", ["images", "W"], ["c"], kernel_shape=[8, 8], strides=[8, 8]),
        helper.make_node("Reshape", ["c", "shape"], ["r"]),
        helper.make_node("Mul", ["r", "mask"], ["s"]),
        helper.make_node("Add", ["s", "boxes"], ["output0"]),
    ]
    inits = [numpy_helper.from_array(weights, "W"), numpy_helper.from_array(mask, "mask"),
             numpy_helper.from_array(boxes, "boxes"),
             numpy_helper.from_array(np.array([1, 4 + num_classes, n], np.int64), "shape")]
    model = helper.make_model(helper.make_graph(nodes, "fake_yolo", [inp], [out], inits),
                              opset_imports=[helper.make_opsetid("", 13)])
    onnx.save(model, path)
    return path


def center_anchor(grid: int = 80, dx: int = 0, dy: int = 0) -> int:
    """Anchor index of a cell near the centre of the input (inside the picture, not the letterbox)."""
    return (grid // 2 + dy) * grid + grid // 2 + dx
