"""ffprobe / ffmpeg: probe the upload, 1 fps frames, 16 kHz mono audio.

One job per module: paths (may this file be read), fetch (may this URL be read, and read it), probe
(is it a usable video), frames (frame sampling), audio (audio decoding) and tools (ffmpeg's version,
its damage messages).
"""

from .audio import audio_level, extract_audio
from .fetch import check_url, download
from .frames import finish_frames, start_frames
from .paths import check_path
from .probe import Probe, probe
from .tools import tool_version

__all__ = ["Probe", "audio_level", "check_path", "check_url", "download", "extract_audio", "finish_frames", "probe",
           "start_frames", "tool_version"]
