"""The import graph of src/: no circles, and nothing under entrypoints/ decides (issue "Decisions as records").

Every import node counts, including those inside functions and `if TYPE_CHECKING:` blocks.
"""

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.test_layers import PACKAGE, SRC, imported_modules

DECIDING = {  # the domain's decisions: only the application calls them, entrypoints print their records
    "plan_report", "plan_completion", "plan_adoption", "route_by_tags", "find_exit_tag", "resolve_attributes",
    "hours_layer",
    "blocks_new_incident", "last_incident_date", "window_end", "decide_existing_ticket", "classify_status",
    "current_ticket", "engineer_email", "contains", "windows_at", "window_at",
    "plan_recovery", "decide_sync", "matching_silence", "decide_maintenance", "decide_trigger_text", "decide_group", "decide_agent_down", "plan_agent_down",
    "plan_agent_up",
}


def module_sources(root: Path = SRC) -> dict[str, tuple[str, str]]:
    """`module name -> (its package, its source)` for every module below `root`."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        package = name if is_package else ".".join(parts[:-1])
        found[name] = (package, path.read_text(encoding="utf-8"))
    return found


def import_graph(sources: Mapping[str, tuple[str, str]]) -> dict[str, set[str]]:
    """Edges to the modules of `sources` each one imports (`from a import b` counts `a.b` when it is a module)."""
    graph = {}
    for name, (package, source) in sources.items():
        targets = set()
        for imported in imported_modules(source, package):
            while imported and imported not in sources:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One path per circle found by a depth-first walk."""
    found, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def deciding_calls(sources: Mapping[str, tuple[str, str]], under: str) -> Iterator[str]:
    """Each use of a domain decision by name, whether imported (`from x import plan_report`) or reached through
    a module (`tags.route_by_tags(...)`)."""
    for name, (_, source) in sources.items():
        if name.startswith(under):
            for node in ast.walk(ast.parse(source)):
                used = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
                imported = [a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []
                yield from (f"{name} uses {word}" for word in (used, *imported) if word in DECIDING)


def view_imports(sources: Mapping[str, tuple[str, str]]) -> Iterator[str]:
    """Views import records: never a command, the container or an adapter."""
    forbidden = (f"{PACKAGE}.entrypoints.commands", f"{PACKAGE}.entrypoints.container", f"{PACKAGE}.adapters")
    for name, (package, source) in sources.items():
        if name.startswith(f"{PACKAGE}.entrypoints.views"):
            yield from (f"{name} imports {module}" for module in imported_modules(source, package)
                        if module.startswith(forbidden))


def test_src_has_no_import_circles():
    assert circles(import_graph(module_sources())) == []


def test_the_circle_check_catches_a_made_up_circle():
    sources = {
        f"{PACKAGE}.views.explain": (f"{PACKAGE}.views", "from summit_connector.commands.explain import Explanation\n"),
        f"{PACKAGE}.commands.explain": (f"{PACKAGE}.commands", "def run():\n    from ..views import explain\n"),
    }

    assert circles(import_graph(sources)) == [[f"{PACKAGE}.commands.explain", f"{PACKAGE}.views.explain",
                                               f"{PACKAGE}.commands.explain"]]


def test_the_circle_check_counts_type_checking_imports():
    sources = {
        f"{PACKAGE}.a": (PACKAGE, "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n"),
        f"{PACKAGE}.b": (PACKAGE, "from summit_connector import a\n"),
    }
    found = circles(import_graph(sources))

    assert [f"{PACKAGE}.a", f"{PACKAGE}.b", f"{PACKAGE}.a"] in found, f"expected the circle a -> b -> a, got {found}"


def test_nothing_under_entrypoints_calls_a_domain_decision():
    assert list(deciding_calls(module_sources(), f"{PACKAGE}.entrypoints")) == []


@pytest.mark.parametrize(("source", "decision"), [
    ("from summit_connector.domain.tags import route_by_tags\n", "route_by_tags"),
    ("from summit_connector.domain import tags\nrouting = tags.route_by_tags((), rules, ())\n", "route_by_tags"),
    ("def f(template, now):\n    return template.working_hours.contains(now)\n", "contains"),
])
def test_the_decision_check_catches_an_entrypoint_that_decides(source, decision):
    sources = {f"{PACKAGE}.entrypoints.views.x": (f"{PACKAGE}.entrypoints.views", source)}
    found = list(deciding_calls(sources, f"{PACKAGE}.entrypoints"))

    assert f"{PACKAGE}.entrypoints.views.x uses {decision}" in found, f"expected the use of {decision}, got {found}"


def test_views_import_records_only():
    assert list(view_imports(module_sources())) == []


def test_the_view_check_catches_a_view_importing_a_command():
    sources = {f"{PACKAGE}.entrypoints.views.x": (f"{PACKAGE}.entrypoints.views",
                                                  "from ..commands.explain import Explanation\n")}
    found = list(view_imports(sources))

    assert any(v.startswith(f"{PACKAGE}.entrypoints.views.x imports {PACKAGE}.entrypoints.commands.explain")
               for v in found), f"expected the view's import of the explain command, got {found}"


def test_the_circle_check_catches_a_circle_through_a_package():
    sources = {
        f"{PACKAGE}.emulator": (f"{PACKAGE}.emulator", "from .core import Emulator\n"),
        f"{PACKAGE}.emulator.core": (f"{PACKAGE}.emulator", "from . import control\n"),
        f"{PACKAGE}.emulator.control": (f"{PACKAGE}.emulator", "from summit_connector.emulator import Emulator\n"),
    }
    found = circles(import_graph(sources))

    expected = [f"{PACKAGE}.emulator", f"{PACKAGE}.emulator.core", f"{PACKAGE}.emulator.control", f"{PACKAGE}.emulator"]
    assert expected in found, f"expected the circle through the package emulator -> core -> control, got {found}"
