"""JSON logs, one object per line, each carrying the request id."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asgi_correlation_id import CorrelationIdFilter


def jejak_tanpa_pesan(exc: BaseException) -> str:
    """Exception types and stack frames, without the messages: a database error quotes the
    row it choked on, and a log must not hold a NIK."""
    bagian: list[str] = []
    sekarang: BaseException | None = exc
    while sekarang is not None and len(bagian) < 5:
        frames = traceback.extract_tb(sekarang.__traceback__)
        tempat = " <- ".join(
            f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames[-8:])
        )
        bagian.append(f"{type(sekarang).__module__}.{type(sekarang).__qualname__} at {tempat}")
        sekarang = sekarang.__cause__ or sekarang.__context__
    return " | caused by ".join(bagian)


class FormatTanpaPesan(logging.Formatter):
    """Every logged exception, ours or the server's, loses its message here."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        return jejak_tanpa_pesan(ei[1]) if ei[1] is not None else ""


class JsonFormatter(FormatTanpaPesan):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def atur_logging(level: str = "INFO", json_format: bool = True) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(CorrelationIdFilter(uuid_length=32, default_value="-"))
    if json_format:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            FormatTanpaPesan("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log repeats what our request log says and includes query strings,
    # which may carry personal identifiers.
    logging.getLogger("uvicorn.access").disabled = True
