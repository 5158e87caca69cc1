"""Put src/kinerja_core into the wheel as `kinerja_core`, for a built wheel only.

The package lives two levels up, next to the service that uses it. A regular wheel copies it;
an editable install (what `uv sync` does in the repository) must not, so that the code imported
in the repository is the one in src/ (`dev-mode-dirs` puts src/ on the path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_PAKET = Path(__file__).resolve().parent.parent.parent / "src" / "kinerja_core"


class SalinKinerjaCore(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"][str(_PAKET)] = "kinerja_core"
