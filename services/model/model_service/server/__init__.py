"""HTTP JSON API (http.server.ThreadingHTTPServer) in front of a bounded process pool.

GET  /health       models loaded, their versions, tools, pool load (no token: load balancers ask it)
POST /v1/analyze   scene check + name check of one proof video

Every endpoint but /health needs `Authorization: Bearer <MODEL_SERVICE_TOKEN>`, checked before
anything else (an unknown path without it is 401, not 404). The service binds 127.0.0.1 by default
and refuses to start without a token or without MODEL_ALLOWED_DIRS.

Each analysis runs in a worker process (spawned, one per core by default): the
pocketsphinx binding holds the GIL, and a crash in native code takes down one
worker, not the service. At most `workers + queue_limit` analyses are admitted;
the next request gets 503 with Retry-After so the orchestrator backs off.

One job per module: auth (the service token), pool (worker processes and admission),
app (what /health reports), routes (routing and answers), analyze_route (POST /v1/analyze)
and main (configuration check, listen, graceful stop).
"""

from .app import App
from .auth import token_matches
from .main import main
from .pool import Pool
from .routes import make_handler

__all__ = ["App", "Pool", "main", "make_handler", "token_matches"]
