"""Log format of the service and of its worker processes (request ids and counts, never names or paths)."""

import logging
import os


def configure_logging() -> None:
    logging.basicConfig(level=os.environ.get("MODEL_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s")
