"""Keep share-link tokens out of access logs (issue 10: no token in clear in the logs).

A share link's token is its URL path (``/s/<token>``), and uvicorn's access log prints every
path. Whoever reads the logs could open every shared design; the filter prints ``/s/…`` instead.
"""

from __future__ import annotations

import logging
import re

SHARE_PATH = re.compile(r"/s/[^/?#\s\"]+")
REDACTED = "/s/…"


def redact(text: str) -> str:
    """``/s/<token>/sheet?x=1`` → ``/s/…/sheet?x=1``."""
    return SHARE_PATH.sub(REDACTED, text)


class ShareTokenFilter(logging.Filter):
    """Rewrites the arguments of uvicorn's access-log records (client, method, path, …)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install() -> None:
    """Add the filter to uvicorn's access logger once per process."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, ShareTokenFilter) for f in logger.filters):
        logger.addFilter(ShareTokenFilter())
