"""The running service: its pool, and what /health reports about models, tools and load."""

from __future__ import annotations

import time

from .. import __version__, config as config_mod, media
from ..phonetics import Espeak
from ..scene import SceneModel, cv2 as _cv2
from ..speech import speech_status
from .pool import Pool
from .tracing import Tracer


class App:
    def __init__(self, cfg: config_mod.Config):
        self.cfg = cfg
        self.pool = Pool(cfg)
        self.tracer = Tracer.from_env()
        self.scene_status = SceneModel(cfg).status()  # validates SCENE_MODEL_PATH at start
        self.started = time.time()
        self.tools = {
            "ffmpeg": media.tool_version(cfg.ffmpeg),
            "ffprobe": media.tool_version(cfg.ffprobe),
            "espeak-ng": Espeak(cfg.espeak).version(),
            "opencv": getattr(_cv2, "__version__", "missing"),
        }

    def health(self) -> dict:
        cfg = self.cfg
        speech = speech_status(cfg)
        hog = {"model": "OpenCV HOG people detector (default SVM)", "version": self.tools["opencv"],
               "loaded": bool(_cv2 is not None and cfg.scene_hog), "use": "evidence only"}
        return {
            "status": "ok" if speech.get("loaded") and self.tools["ffmpeg"] != "missing" else "degraded",
            "service": "qurbani-model", "version": __version__,
            "uptimeSeconds": round(time.time() - self.started, 1),
            "models": {"speech": speech, "scene": self.scene_status, "personHog": hog},
            "tools": self.tools,
            "pool": self.pool.stats(),
            "limits": {"maxNames": cfg.max_names, "maxVideoSeconds": cfg.max_video_seconds,
                       "maxConfusableNames": cfg.max_confusable_names},
            "thresholds": {"namePass": cfg.name_pass_score, "nameFail": cfg.name_fail_score,
                           "nameGrammarMargin": cfg.name_grammar_margin,
                           "nameMinLlr": cfg.name_min_llr, "nameWordGap": cfg.name_word_gap,
                           "confusableDistance": cfg.confusable_distance,
                           "sceneScore": cfg.scene_score_threshold,
                           "sceneClassScores": dict(cfg.scene_class_thresholds)},
        }
