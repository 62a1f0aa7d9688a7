"""Qurbani proof-video model service (scene check + name check).

Standard library + Debian python3-* packages only; no weights are downloaded.
"""

__version__ = "0.1.0"
