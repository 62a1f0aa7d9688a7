"""The same-frame rule: person, animal and knife must be detected together in one sampled frame."""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

from ..config import Config
from .frames import FrameScan, scan
from .labels import norm
from .model import SceneModel
from .opencv import CV2_ERROR, cv2
from .species import frames_with_declared, never_auto_pass, other_species
from .thresholds import class_minimums


def check_scene(frames: Sequence[Tuple[float, str]], cfg: Config, model: SceneModel,
                species: Optional[str] = None) -> dict:
    """Run the same-frame rule over the sampled frames; returns a Check."""
    def done(result: str) -> dict:
        return {"model": model.name if model.loaded or cfg.scene_model_path else "none configured",
                "version": model.version, "result": result, "evidence": evidence}

    evidence: dict = {"framesSampled": len(frames), "fps": cfg.frames_per_second}
    if cv2 is None:
        evidence["reason"] = f"OpenCV missing ({CV2_ERROR})"
        return done("unavailable")

    seen = scan(frames, cfg, model)
    if seen.failure:
        evidence["reason"] = seen.failure
        return done("unavailable")
    evidence["blackFrames"] = seen.black
    if cfg.scene_hog:
        evidence["hogPersonFrames"] = seen.hog_frames[:20]
        evidence["hogNote"] = "OpenCV HOG people detector: a person-only signal, not used for the verdict"

    if not model.loaded:
        evidence["reason"] = model.error or "no scene model"
        return done("unavailable")
    evidence["classMinScores"] = class_minimums(cfg)
    return done(_verdict(seen, len(frames), model, species, evidence))


def _verdict(seen: FrameScan, sampled: int, model: SceneModel, species: Optional[str], evidence: dict) -> str:
    """The result, with its reason and the frames that show it written into `evidence`."""
    missing = model.missing_roles()
    evidence["modelClasses"] = {role: [model.labels[i] for i in model.role_ids[role]]
                                for role in ("person", "animal", "knife")}
    if model.missing_animals:
        evidence["undetectableAnimals"] = model.missing_animals
        evidence["classNote"] = ("this model has no class for " + ", ".join(model.missing_animals)
                                 + ": such animals cannot be detected and their videos go to a reviewer")
    if missing:
        evidence["reason"] = ("the model has no class for " + ", ".join(missing)
                              + ": the same-frame rule cannot be checked with it")
        evidence["framesWithDetections"] = seen.per_frame[:20]
        return "unavailable"

    species_norm = norm(species) if species else None
    species_undetectable = bool(species_norm and species_norm in model.missing_animals)
    if species_norm:
        evidence["species"] = species_norm
    if seen.species_seen:
        evidence["speciesSeen"] = seen.species_seen
    species_problem = never_auto_pass(species_norm) or other_species(species_norm, seen.species_seen)
    if species_problem:
        evidence["speciesCheck"] = species_problem
    if species_undetectable:
        evidence["speciesNote"] = (f"the model has no class for {species_norm}: the animal role cannot be checked, "
                                   "so this video is never a pass")

    valid = sampled - seen.black
    if sampled == 0 or valid <= 0 or seen.black >= 0.9 * sampled:
        evidence["reason"] = "the video is black (or nearly all its frames are)"
        return "fail_suspected"

    if seen.together:
        bestf = max(seen.together, key=lambda e: e["minScore"])
        evidence.update(frame=bestf, framesTogether=len(seen.together))
        if species_undetectable:
            # The animal seen is not the expected one's class (COCO has no goat or camel):
            # the animal role cannot be checked, so this is never a pass.
            evidence["reason"] = (f"person, knife and an animal ({bestf['detections']['animal']['label']}) seen "
                                  f"in one frame, but the model cannot detect a {species_norm}: a reviewer must look")
            return "manual_review"
        if species_problem:
            evidence["reason"] = "person, animal and knife seen in one frame, but " + species_problem
            return "manual_review"
        fitting = frames_with_declared(species_norm, seen.together)
        if not fitting:
            evidence["reason"] = (f"person, knife and a {bestf['detections']['animal']['label']} seen in one frame, "
                                  f"but the order is for a {species_norm}: a reviewer must look")
            return "manual_review"
        bestf = max(fitting, key=lambda e: e["minScore"])
        evidence.update(frame=bestf, framesTogether=len(fitting))
        evidence["reason"] = "person, animal and knife detected in the same frame"
        return "pass"

    evidence["bestPerRole"] = seen.best_role
    evidence["framesWithDetections"] = seen.per_frame[:20]
    if seen.below_min:
        evidence["belowClassMinimum"] = seen.below_min
    if not seen.best_role:
        if seen.below_min:
            # Something was seen, only not surely enough: a person decides, it is no suspected fraud.
            evidence["reason"] = ("only detections under their class minimum ("
                                  + ", ".join(sorted(seen.below_min)) + "): a reviewer must look")
            return "manual_review"
        evidence["reason"] = "no person, animal or knife detected in any sampled frame"
        return "fail_suspected"
    if species_undetectable:
        evidence["reason"] = (f"the model cannot detect a {species_norm}; found "
                              + ", ".join(sorted(seen.best_role)) + ": a reviewer must look")
        return "manual_review"
    evidence["reason"] = ("found " + ", ".join(sorted(seen.best_role))
                          + " but never person, animal and knife in one frame")
    return "manual_review"
