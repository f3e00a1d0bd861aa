"""The import graph of src/: no circles, and nothing under entrypoints/ decides (issue "Decisions as records").

Every import node counts, including those inside functions and `if TYPE_CHECKING:` blocks.
"""

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

from test_layers import PACKAGE, SRC, imported_modules

DECIDING = {  # the domain's decisions: only the application calls them, entrypoints print their records
    "plan_report", "plan_completion", "route_by_tags", "find_exit_tag", "resolve_attributes", "hours_layer",
    "blocks_new_incident", "last_incident_date", "window_end", "decide_existing_ticket", "classify_status",
    "current_ticket", "needs_ticket_status", "engineer_email",
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
            if imported and imported != name and not name.startswith(f"{imported}."):
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
    for name, (_, source) in sources.items():
        if name.startswith(under):
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.ImportFrom) and any(alias.name in DECIDING for alias in node.names):
                    yield f"{name} imports {', '.join(a.name for a in node.names if a.name in DECIDING)}"


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

    assert circles(import_graph(sources)) != []


def test_nothing_under_entrypoints_calls_a_domain_decision():
    assert list(deciding_calls(module_sources(), f"{PACKAGE}.entrypoints")) == []


def test_the_decision_check_catches_an_entrypoint_that_routes():
    sources = {f"{PACKAGE}.entrypoints.views.x": (f"{PACKAGE}.entrypoints.views",
                                                  "from summit_connector.domain.tags import route_by_tags\n")}

    assert list(deciding_calls(sources, f"{PACKAGE}.entrypoints")) != []
