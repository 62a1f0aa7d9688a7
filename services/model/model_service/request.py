"""The body of POST /v1/analyze: checks that need no file access, and the normalised request."""

from __future__ import annotations

from .config import Config
from .errors import ClientError

MAX_NAME_CHARS = 200
SPECIES = ("sheep", "goat", "cow", "camel")


def validate(body, cfg: Config) -> dict:
    """Checks that need no file access; returns the normalised request."""
    if not isinstance(body, dict):
        raise ClientError("the body must be a JSON object", "invalid_request", 400)
    names = body.get("expectedNames")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ClientError("expectedNames must be a list of strings", "invalid_request", 400)
    names = [n.strip() for n in names]
    if not names:
        raise ClientError("expectedNames must hold at least one name", "no_names", 400)
    if len(names) > cfg.max_names:
        raise ClientError(f"at most {cfg.max_names} names can be checked for one animal (a cow or camel "
                          f"carries 7 shares); got {len(names)}", "too_many_names", 400)
    if any(not n or len(n) > MAX_NAME_CHARS for n in names):
        raise ClientError(f"every expected name must be 1..{MAX_NAME_CHARS} characters", "invalid_request", 400)
    conf = body.get("confusableNames", [])
    if conf is None:
        conf = []
    if not isinstance(conf, list) or not all(isinstance(n, str) for n in conf):
        raise ClientError("confusableNames must be a list of strings", "invalid_request", 400)
    conf = [n.strip() for n in conf if n and n.strip() and len(n.strip()) <= MAX_NAME_CHARS]
    if len(conf) > cfg.max_confusable_names:
        raise ClientError(f"at most {cfg.max_confusable_names} confusable names", "too_many_names", 400)
    species = body.get("species")
    if species is not None:
        if not isinstance(species, str) or species.strip().lower() not in SPECIES:
            raise ClientError("species must be one of " + ", ".join(SPECIES), "invalid_request", 400)
        species = species.strip().lower()
    rid = body.get("requestId")
    if rid is not None and (not isinstance(rid, str) or len(rid) > 128):
        raise ClientError("requestId must be a string of at most 128 characters", "invalid_request", 400)
    path, url = body.get("videoPath"), body.get("videoUrl")
    if (path is None) == (url is None):
        raise ClientError("give the video as videoPath (a shared disk) or videoUrl (object storage), one of them",
                          "invalid_request", 400)
    if path is not None and (not isinstance(path, str) or not path):
        raise ClientError("videoPath must be a non-empty string", "invalid_request", 400)
    if url is not None and (not isinstance(url, str) or not url):
        raise ClientError("videoUrl must be a non-empty string", "invalid_request", 400)
    return {"videoPath": path, "videoUrl": url, "expectedNames": names, "confusableNames": conf, "species": species,
            "requestId": rid}
