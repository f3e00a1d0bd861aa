"""What is wrong in Connector.config or a template, as findings built where it is found (B-1.4, B-7).

An error is raised as `InvalidInput` carrying its finding; pydantic's first error becomes one, its location
worded by the file's loader. Unknown keys become warnings with a guess at the key that was meant.
"""

import difflib
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from summit_connector.adapters.redaction import is_secret_name
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Finding, Severity

AGAIN = "then run check again"
CORRECT_IT = f"correct it, {AGAIN}"
Location = tuple[int | str, ...]
Model = TypeVar("Model", bound=BaseModel)
T = TypeVar("T")

_PROBLEMS: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda ctx: "is required",
    "int_parsing": lambda ctx: "must be a whole number",
    "int_from_float": lambda ctx: "must be a whole number",
    "int_type": lambda ctx: "must be a whole number",
    "float_parsing": lambda ctx: "must be a number",
    "float_type": lambda ctx: "must be a number",
    "string_type": lambda ctx: "must be text",
    "string_too_short": lambda ctx: "must not be empty",
    "too_short": lambda ctx: "must not be empty" if ctx["min_length"] == 1 else
    f"must hold at least {ctx['min_length']} items",
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

_NOTHING_TO_SHOW = {"missing", "too_short"}
"""Errors whose value says nothing more than the problem does (an absent key, an empty list)."""


class Problem(ValueError):
    """A validator's complaint that knows its own fix (`must be four digits HHMM` → write "0800")."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.hint = hint


def invalid(file: str, location: str, problem: str, hint: str = CORRECT_IT) -> InvalidInput:
    return InvalidInput(Finding(location, Severity.ERROR, problem, hint, file))


def validated(model: type[Model], data: object, source: str, where: Callable[[Location], str]) -> Model:
    """`data` as `model`; every error is raised at once (B-16.4), one finding each in the model's field order,
    `where` wording its location; the first is the error's one line."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        found = [invalid(source, where(detail["loc"]), _problem(detail), _hint(detail)).finding
                 for detail in error.errors(include_url=False)]
        raise InvalidInput(found[0], tuple(found[1:])) from None


class Collected:
    """The problems of independent loading steps, raised together once every step was tried (B-16.4)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def attempt(self, step: Callable[[], T], otherwise: T) -> T:
        try:
            return step()
        except InvalidInput as error:
            self.findings.extend(error.findings)
            return otherwise

    def raise_any(self, warnings: Iterable[Finding] = ()) -> None:
        """Raises every problem found, followed by `warnings` the steps that went well found, so `check` lists
        them in the same run."""
        if self.findings:
            raise InvalidInput(self.findings[0], (*self.findings[1:], *warnings))


def _problem(detail: ErrorDetails) -> str:
    """The wording of one error; a secret field's value is never shown."""
    describe = _PROBLEMS.get(detail["type"])
    problem = describe(detail.get("ctx", {})) if describe else detail["msg"]
    if detail["type"] in _NOTHING_TO_SHOW or any(is_secret_name(part) for part in detail["loc"]):
        return problem
    return f"{problem}, {_got(detail['input'])}"


def _hint(detail: ErrorDetails) -> str:
    return getattr(detail.get("ctx", {}).get("error"), "hint", CORRECT_IT)


def _number(bound: float) -> float:
    return int(bound) if float(bound).is_integer() else bound


def _got(value: object) -> str:
    if isinstance(value, dict):
        return "got an object"
    if isinstance(value, list):
        return "got a list"
    shown = repr(value)
    return f"got {shown if len(shown) <= 60 else shown[:57] + '...'}"


def ignored(location: str, kind: str, hint: str, source: str) -> Finding:
    return Finding(location, Severity.WARNING, f"unknown {kind}; it is ignored", hint, source)


def closest(name: str, known: Iterable[str]) -> str | None:
    return next(iter(difflib.get_close_matches(name, sorted(known), n=1)), None)


def did_you_mean(guess: str | None) -> str:
    return f"did you mean {guess}?" if guess else "remove it or correct its spelling"


def unknown_keys(model: BaseModel, source: str) -> tuple[Finding, ...]:
    """A warning for each key the schema does not know, at its dotted path (`rules.includeTagRoutng`)."""
    return _unknown_in(model, "", source, _schema_keys(type(model)))


def _unknown_in(model: BaseModel, prefix: str, source: str, known: set[str]) -> tuple[Finding, ...]:
    extra = model.model_extra or {}
    found = tuple(ignored(f"{prefix}{key}", "key", did_you_mean(closest(key, known)), source) for key in extra)
    for name, info in type(model).model_fields.items():
        found += _unknown_below(getattr(model, name), f"{prefix}{info.alias or name}", source, known)
    return found


def _unknown_below(value: object, path: str, source: str, known: set[str]) -> tuple[Finding, ...]:
    if isinstance(value, BaseModel):
        return _unknown_in(value, f"{path}.", source, known)
    if isinstance(value, tuple):
        return sum((_unknown_below(item, f"{path}[{index}]", source, known) for index, item in enumerate(value)), ())
    if isinstance(value, dict):
        return sum((_unknown_below(item, f"{path}.{key}", source, known) for key, item in value.items()), ())
    return ()


def _schema_keys(model: type[BaseModel]) -> set[str]:
    """Every key the schema takes, at any depth: the names a misspelt key is compared with."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
        for inner in _models_in(info.annotation):
            keys |= _schema_keys(inner)
    return keys


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]
