"""The service token: every endpoint but /health needs `Authorization: Bearer <MODEL_SERVICE_TOKEN>`."""

from __future__ import annotations

import hmac
from typing import Optional

HEALTH_PATHS = ("/health", "/healthz")
UNAUTHORIZED = {"error": "unauthorized", "message": "this service needs its service token"}
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="qurbani-model"'}


def token_matches(header: Optional[str], token: Optional[str]) -> bool:
    """`Authorization: Bearer <token>`, compared in constant time; never true without a token."""
    if not token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].strip().encode("utf-8"), token.encode("utf-8"))
