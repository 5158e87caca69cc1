"""Field types for request bodies that every domain shares.

Pydantic's lax mode reads `0.0`, `"yes"` or `"off"` as a boolean; the published schema says
`boolean`, and a client sending `0.0` for `aktif` has made a mistake worth naming.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Strict

# JSON `true` or `false`, nothing else.
BoolKetat = Annotated[bool, Strict()]
