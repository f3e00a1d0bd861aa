"""One-line messages for bad configuration: `<file>: <where>: <problem>, got <value>` (B-1.4)."""

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from summit_connector.application.errors import InvalidInput

SECRET_FIELDS = frozenset({"apikey", "token"})
Location = tuple[int | str, ...]
Model = TypeVar("Model", bound=BaseModel)

_PROBLEMS: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda ctx: "is required",
    "int_parsing": lambda ctx: "must be a whole number",
    "int_from_float": lambda ctx: "must be a whole number",
    "int_type": lambda ctx: "must be a whole number",
    "float_parsing": lambda ctx: "must be a number",
    "float_type": lambda ctx: "must be a number",
    "string_type": lambda ctx: "must be text",
    "string_too_short": lambda ctx: "must not be empty",
    "greater_than": lambda ctx: f"must be greater than {_number(ctx['gt'])}",
    "greater_than_equal": lambda ctx: f"must be at least {_number(ctx['ge'])}",
    "less_than": lambda ctx: f"must be less than {_number(ctx['lt'])}",
    "less_than_equal": lambda ctx: f"must be at most {_number(ctx['le'])}",
    "model_type": lambda ctx: "must be an object",
    "model_attributes_type": lambda ctx: "must be an object",
    "dict_type": lambda ctx: "must be an object",
    "list_type": lambda ctx: "must be a list",
    "tuple_type": lambda ctx: "must be a list",
    "value_error": lambda ctx: str(ctx["error"]),
}


def _number(bound: float) -> float:
    return int(bound) if float(bound).is_integer() else bound


def invalid(source: str, where: str, problem: str) -> InvalidInput:
    return InvalidInput(": ".join(part for part in (source, where, problem) if part))


def _got(value: object) -> str:
    if isinstance(value, dict):
        return "got an object"
    if isinstance(value, list):
        return "got a list"
    shown = repr(value)
    return f"got {shown if len(shown) <= 60 else shown[:57] + '...'}"


def validated(model: type[Model], data: object, source: str, where: Callable[[Location], str]) -> Model:
    """`data` as `model`; the first error becomes one InvalidInput line, `where` wording its location."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        location, problem = _first_problem(error)
        raise invalid(source, where(location), problem) from None


def _first_problem(error: ValidationError) -> tuple[Location, str]:
    """The location and wording of the first error; a secret field's value is never shown."""
    detail: ErrorDetails = error.errors(include_url=False)[0]
    describe = _PROBLEMS.get(detail["type"])
    problem = describe(detail.get("ctx", {})) if describe else detail["msg"]
    location = detail["loc"]
    if detail["type"] == "missing" or _is_secret(location):
        return location, problem
    return location, f"{problem}, {_got(detail['input'])}"


def _is_secret(location: Location) -> bool:
    """Any part naming a secret hides the value: `credentials` given as a string is the key itself."""
    return any(str(part).lower() in SECRET_FIELDS | {"credentials"} for part in location)
