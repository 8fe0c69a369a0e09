"""What the server's logs may carry: methods, paths, status codes — never client text.

uvicorn's access log writes the full request target; query strings carry search terms
(an audit search for a name, a catalog filter), so they are cut off before the line is
written. The gateway's own log lines name request ids and error kinds only.
"""

from __future__ import annotations

import logging

__all__ = ["QueryStringFilter", "install_log_filters"]


class QueryStringFilter(logging.Filter):
    """Drops the query string from uvicorn access-log records (and any control
    characters a client put in the path, so one request is always one log line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2].split("?", 1)[0]
            path = "".join(c if c.isprintable() else "?" for c in path)[:300]
            record.args = (*args[:2], path, *args[3:])
        return True


def install_log_filters() -> None:
    """Idempotent: add the filter to uvicorn's access logger once."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, QueryStringFilter) for f in logger.filters):
        logger.addFilter(QueryStringFilter())
