"""One-line messages for bad configuration: `<file>: <where>: <problem>, got <value>` (B-1.4)."""

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from summit_connector.application.errors import InvalidInput

SECRET_FIELDS = frozenset({"apikey", "token"})

_PROBLEMS: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda ctx: "is required",
    "int_parsing": lambda ctx: "must be a whole number",
    "int_from_float": lambda ctx: "must be a whole number",
    "int_type": lambda ctx: "must be a whole number",
    "float_parsing": lambda ctx: "must be a number",
    "float_type": lambda ctx: "must be a number",
    "string_type": lambda ctx: "must be text",
    "string_too_short": lambda ctx: "must not be empty",
    "greater_than": lambda ctx: f"must be greater than {ctx['gt']}",
    "greater_than_equal": lambda ctx: f"must be at least {ctx['ge']}",
    "less_than": lambda ctx: f"must be less than {ctx['lt']}",
    "less_than_equal": lambda ctx: f"must be at most {ctx['le']}",
    "model_type": lambda ctx: "must be an object",
    "model_attributes_type": lambda ctx: "must be an object",
    "dict_type": lambda ctx: "must be an object",
    "list_type": lambda ctx: "must be a list",
    "tuple_type": lambda ctx: "must be a list",
    "value_error": lambda ctx: str(ctx["error"]),
}


def invalid(source: str, where: str, problem: str) -> InvalidInput:
    return InvalidInput(": ".join(part for part in (source, where, problem) if part))


def got(value: object) -> str:
    if isinstance(value, dict):
        return "got an object"
    if isinstance(value, list):
        return "got a list"
    shown = repr(value)
    return f"got {shown if len(shown) <= 60 else shown[:57] + '...'}"


def first_problem(error: ValidationError) -> tuple[tuple[int | str, ...], str]:
    """The location and wording of the first error; a secret field's value is never shown."""
    detail: ErrorDetails = error.errors(include_url=False)[0]
    describe = _PROBLEMS.get(detail["type"])
    problem = describe(detail.get("ctx", {})) if describe else detail["msg"]
    location = detail["loc"]
    if detail["type"] == "missing" or _is_secret(location):
        return location, problem
    return location, f"{problem}, {got(detail['input'])}"


def _is_secret(location: tuple[int | str, ...]) -> bool:
    return bool(location) and str(location[-1]).lower() in SECRET_FIELDS
