"""Route tables: `api/dailyjobs/{uid}/incidenttickets` matched case-insensitively against decoded segments."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from summit_connector.adapters.emulator.exchange import Request


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str
    handler: Callable[..., Any]
    auth: bool = True

    def bind(self, segments: tuple[str, ...]) -> dict[str, str] | None:
        """The `{name}` values when the path fits the pattern, else None."""
        parts = self.pattern.split("/")
        if len(parts) != len(segments):
            return None
        values: dict[str, str] = {}
        for part, segment in zip(parts, segments):
            if part.startswith("{"):
                values[part.strip("{}")] = segment
            elif part != segment.lower():
                return None
        return values


def find(routes: tuple[Route, ...], request: Request) -> tuple[Route, dict[str, str]] | str:
    """The matching route and its values; else "method" when only the method is wrong, or "path"."""
    fits_path = False
    for route in routes:
        values = route.bind(request.segments)
        if values is None:
            continue
        if route.method == request.method:
            return route, values
        fits_path = True
    return "method" if fits_path else "path"
