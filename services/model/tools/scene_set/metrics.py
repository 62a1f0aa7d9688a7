"""Per-class detection rates and same-frame rule outcomes, from raw detections and verdicts."""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence

DETECTABLE = ("person", "sheep", "cow", "knife")   # COCO classes the rule uses (COCO has no goat, camel)
RULE_SPECIES = ("sheep", "cow")                     # the only species an order may auto-pass on


def best_scores(detections: Sequence[dict]) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for d in detections:
        lab = str(d["label"]).lower()
        out[lab] = max(out.get(lab, 0.0), float(d["score"]))
    return out


def per_class(items: Iterable[dict], thresholds: Dict[str, float]) -> List[dict]:
    """items: {labels, scores}. For each class: recall at its threshold, false positives among the
    items without that class, the highest score on such an item (the zero-false-positive floor)."""
    items = list(items)
    rows = []
    for c in DETECTABLE:
        thr = thresholds[c]
        pos = [it["scores"].get(c, 0.0) for it in items if c in it["labels"]]
        neg = [(it["scores"].get(c, 0.0), it["id"]) for it in items if c not in it["labels"]]
        worst = max(neg) if neg else (0.0, None)
        rows.append({
            "class": c, "threshold": thr, "positives": len(pos), "found": sum(s >= thr for s in pos),
            "negatives": len(neg), "falsePositives": sum(s >= thr for s, _ in neg),
            "maxNegativeScore": round(worst[0], 3), "maxNegativeItem": worst[1],
            "positiveScores": sorted((round(s, 2) for s in pos), reverse=True),
        })
    return rows


def seen_as(items: Iterable[dict], label: str) -> List[dict]:
    """What an undetectable class (goat, camel) is taken for: its items' best two labels."""
    out = []
    for it in items:
        if label in it["labels"]:
            top = sorted(it["scores"].items(), key=lambda kv: -kv[1])[:2]
            out.append({"id": it["id"], "top": [[k, round(v, 2)] for k, v in top]})
    return out


def should_pass(labels: Sequence[str], animal: Optional[str], declared: str) -> bool:
    """A frame that may pass: a person, a real knife and the declared animal, of a species that may pass."""
    return "person" in labels and "knife" in labels and animal == declared and declared in RULE_SPECIES


def rule_summary(cases: Iterable[dict]) -> dict:
    """cases: {kind, result, shouldPass}. Passes among frames that may pass; false passes among the rest."""
    out: Dict[str, dict] = {}
    for c in cases:
        k = out.setdefault(c["kind"], {"frames": 0, "pass": 0, "manual_review": 0, "fail_suspected": 0,
                                       "unavailable": 0, "shouldPass": 0, "falsePass": 0})
        k["frames"] += 1
        k[c["result"]] = k.get(c["result"], 0) + 1
        k["shouldPass"] += int(c["shouldPass"])
        k["falsePass"] += int(c["result"] == "pass" and not c["shouldPass"])
    return out
