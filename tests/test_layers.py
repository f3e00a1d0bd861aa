"""Layer rules, checked on the imports themselves (style point 2).

The domain imports the standard library and itself only; domain and application import no framework
(httpx, rich, dotenv, dependency_injector) and nothing from the adapters or entrypoints.
"""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "summit_connector"
DOMAIN = f"{PACKAGE}.domain"
APPLICATION = f"{PACKAGE}.application"
FRAMEWORKS = ("httpx", "rich", "dotenv", "dependency_injector")
OUTER_LAYERS = (f"{PACKAGE}.adapters", f"{PACKAGE}.entrypoints")


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def imported_modules(source: str, package: str) -> Iterator[str]:
    """Every module a source imports, anywhere in it; `from a import b` yields `a.b`, relative imports resolved."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            yield from (f"{base}.{alias.name}" for alias in node.names)


def layer_violations(source: str, package: str) -> list[str]:
    """What a module of `package` imports against the layer rules."""
    in_domain = is_within(package, DOMAIN)
    violations = []
    for module in imported_modules(source, package):
        top = module.split(".")[0]
        if in_domain and top not in sys.stdlib_module_names and not is_within(module, DOMAIN):
            violations.append(f"{module}: the domain imports the standard library and itself only")
        if top in FRAMEWORKS or any(is_within(module, outer) for outer in OUTER_LAYERS):
            violations.append(f"{module}: domain and application import no framework and no outer layer")
    return violations


def inner_modules() -> dict[str, str]:
    """Package of every module file in src/domain and src/application, by its path below src/."""
    return {
        path.relative_to(SRC).as_posix(): ".".join([PACKAGE, *path.relative_to(SRC).parent.parts])
        for layer in ("domain", "application")
        for path in sorted((SRC / layer).rglob("*.py"))
    }


@pytest.mark.parametrize(("path", "package"), inner_modules().items(), ids=list(inner_modules()))
def test_domain_and_application_modules_keep_the_layer_rules(path, package):
    assert layer_violations((SRC / path).read_text(encoding="utf-8"), package) == []


def test_the_check_reads_the_domain_and_application_modules():
    checked = set(inner_modules())

    assert {"domain/plan.py", "domain/tags.py", "application/report.py", "application/ports.py"} <= checked


def test_the_check_accepts_the_standard_library_and_the_domain_itself():
    source = "import re\nfrom datetime import date\nfrom . import tags\nfrom summit_connector.domain import model\n"

    assert layer_violations(source, DOMAIN) == []


def test_the_check_catches_a_third_party_import_in_the_domain():
    found = layer_violations("from pydantic import BaseModel\n", DOMAIN)

    assert any(v.startswith("pydantic.BaseModel:") and "standard library and itself only" in v for v in found), \
        f"expected pydantic named as not the standard library in the domain, got {found}"


def test_the_check_catches_the_domain_importing_the_application():
    found = layer_violations("from summit_connector.application.errors import InvalidInput\n", DOMAIN)

    assert any(v.startswith(f"{APPLICATION}.errors.InvalidInput:") and "standard library and itself only" in v
               for v in found), f"expected the domain's import of the application named, got {found}"


@pytest.mark.parametrize(("source", "offender"), [
    ("import httpx\n", "httpx"),
    ("from rich.console import Console\n", "rich.console.Console"),
    ("from dotenv import load_dotenv\n", "dotenv.load_dotenv"),
    ("from dependency_injector import containers\n", "dependency_injector.containers"),
    ("from summit_connector.adapters.memory import FixedClock\n", "summit_connector.adapters.memory.FixedClock"),
    ("from summit_connector import entrypoints\n", "summit_connector.entrypoints"),
    ("from ..adapters import memory\n", "summit_connector.adapters.memory"),
    ("def run():\n    import httpx\n", "httpx"),
])
def test_the_check_catches_a_framework_or_outer_layer_in_the_application(source, offender):
    found = layer_violations(source, APPLICATION)

    assert any(v.startswith(f"{offender}:") and "no framework and no outer layer" in v for v in found), \
        f"expected {offender} named as a framework or outer layer in the application, got {found}"


def test_the_check_lets_the_application_use_the_domain():
    source = "from summit_connector.domain.plan import plan_report\nfrom ..domain import tags\nfrom .errors import X\n"

    assert layer_violations(source, APPLICATION) == []
