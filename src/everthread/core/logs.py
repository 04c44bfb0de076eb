"""One JSON object a line, for log collectors (EVERTHREAD_LOG_JSON=true)."""

from __future__ import annotations

import datetime
import json
import logging

# What Django and gunicorn attach to request log records, worth a field of its own.
_EXTRA = ("status_code", "method", "path", "duration_ms", "task_id", "customer_id")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, request.path
        for name in _EXTRA:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
