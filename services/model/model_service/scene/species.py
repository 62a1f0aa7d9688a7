"""Does what the frames show fit the species the order declares?

A detector that confuses species (camels scored "sheep" 0.61, a goat "cow" 0.53 on real photos) must
not turn a wrong animal into a pass: another livestock species seen anywhere, or an animal seen with
the person and knife that is not the declared one, sends the video to a reviewer.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from .labels import ANIMAL_SYNONYMS, norm

# No detector here can tell a goat or a camel (COCO has neither class): these orders always go to a person,
# whatever the model's class list says.
NEVER_AUTO_PASS = ("goat", "camel")


def species_of(label: str) -> str:
    n = norm(label)
    return ANIMAL_SYNONYMS.get(n, n)


def never_auto_pass(declared: Optional[str]) -> Optional[str]:
    if declared in NEVER_AUTO_PASS:
        return f"a {declared} order is never passed automatically: a reviewer must confirm the animal"
    return None


def other_species(declared: Optional[str], seen: Dict[str, dict]) -> Optional[str]:
    """Why the animals seen (species -> best detection) do not fit the declared species; None if they do."""
    if not declared:
        return None
    others = sorted((s, d) for s, d in seen.items() if s != declared)
    if not others:
        return None
    shown = ", ".join(f"{s} ({d['score']:.2f} at {d['t']} s)" for s, d in others)
    return f"the order is for a {declared} but the frames show {shown}: a reviewer must look"


def frames_with_declared(declared: Optional[str], together: List[dict]) -> List[dict]:
    """Same-frame frames whose animal is the declared species (all of them when none is declared)."""
    if not declared:
        return together
    return [e for e in together if species_of(e["detections"]["animal"]["label"]) == declared]
