"""Unknown keys in Connector.config and templates (ignored by the loaders, reported by `check`), with a guess."""

import difflib
import re
import typing
from collections.abc import Iterable

from pydantic import BaseModel

from summit_connector.adapters.config.connector_config import known_keys
from summit_connector.adapters.config.connector_model import SECTIONS
from summit_connector.adapters.config.template_file import URL_NAMES
from summit_connector.adapters.config.template_model import TemplateFile
from summit_connector.domain.findings import Finding, Severity

_INI_KEY = re.compile(r"\[(?P<section>[^\]]+)\](?: (?P<key>.+))?")
_INDEX = re.compile(r"\[\d+\]")


def config_key_findings(unknown: Iterable[str], source: str) -> list[Finding]:
    """`[GENERAL] TEMPLATEDIR` and `[EXTRA]`, as `ConnectorConfig.unknown_keys` names them."""
    known = known_keys()
    sections = ", ".join(f"[{name}]" for name in SECTIONS)
    findings = []
    for where in unknown:
        parts = _INI_KEY.fullmatch(where)
        if parts is None or parts["key"] is None:
            findings.append(_ignored(where, "section", f"the sections are {sections}", source))
        else:
            guess = _guess(parts["key"].lower(), known[parts["section"]])
            findings.append(_ignored(where, "key", _did_you_mean(guess.upper() if guess else None), source))
    return findings


def template_key_findings(unknown: Iterable[str], source: str) -> list[Finding]:
    """Dotted paths as `LoadedTemplate.unknown_keys` names them: `rules.includeTagRoutng`, `urls.viewIncidnt`."""
    keys = _model_keys(TemplateFile)
    findings = []
    for where in unknown:
        if where.startswith("urls."):
            findings.append(_ignored(where, "URL name", f"the URL names are {', '.join(URL_NAMES)}", source))
        else:
            name = _INDEX.sub("", where).rsplit(".", 1)[-1]
            findings.append(_ignored(where, "key", _did_you_mean(_guess(name, keys)), source))
    return findings


def _ignored(where: str, kind: str, hint: str, source: str) -> Finding:
    return Finding(where, Severity.WARNING, f"unknown {kind}; it is ignored", hint, source)


def _guess(name: str, known: Iterable[str]) -> str | None:
    return next(iter(difflib.get_close_matches(name, sorted(known), n=1)), None)


def _did_you_mean(guess: str | None) -> str:
    return f"did you mean {guess}?" if guess else "remove it or correct its spelling"


def _model_keys(model: type[BaseModel]) -> set[str]:
    """Every key the template schema takes, at any depth."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
        for inner in _models_in(info.annotation):
            keys |= _model_keys(inner)
    return keys


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]
