"""JSON request bodies that a route reads itself (imports, the webhook): one parser, so
malformed and absurdly nested JSON are refused alike everywhere. FastAPI parses the other
routes' bodies and answers both with 400 itself."""

from __future__ import annotations

import json
from typing import Any

from dinsos_api.core.errors import Masalah


def json_dari_body(isi: bytes) -> Any:
    """The parsed body, or 400: malformed JSON, or nesting deeper than the parser follows
    (about a thousand levels: no request of this API nests more than four)."""
    try:
        return json.loads(isi)
    except (ValueError, UnicodeDecodeError):
        raise Masalah(
            400, "Isi permintaan bukan JSON yang valid.", jenis="json-tidak-valid"
        ) from None
    except RecursionError:
        raise Masalah(
            400,
            "Isi permintaan JSON terlalu bersarang; kirim data dengan struktur yang datar.",
            jenis="json-tidak-valid",
        ) from None
