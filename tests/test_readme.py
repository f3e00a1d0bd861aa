"""README.md and docs/ say what the code does: the README stays short and keeps the commands CI runs, every docs
page is on its map, the embedding example runs as written, and the Layout table names every module of src."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
ARCHITECTURE = DOCS / "architecture.md"
EMBEDDING = DOCS / "embedding.md"
SRC = ROOT / "src"
README_LIMIT = 12_500
GROUPED = ("adapters/emulator", "entrypoints/commands", "entrypoints/views")  # one module per thing, named as one


def test_the_readme_stays_short():
    size = len(README.read_bytes())

    assert size <= README_LIMIT, f"README.md is {size} bytes, over {README_LIMIT}: move detail into docs/"


def test_the_readme_keeps_the_demo_and_test_commands_ci_runs():
    text = README.read_text(encoding="utf-8")
    commands = [
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && summit-connector demo",
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest",
    ]

    missing = [command for command in commands if command not in text]

    assert missing == [], f"README.md lost these commands: {missing}"


def test_the_readme_keeps_the_notification_manager_command_line():
    line = ('summit-connector -a "[[$MACHINE NAME]]" -s "[[$SCHEDULE NAME]]" -jn "[[$JOB NAME]]" '
            '-e "[[$JOB TERMINATION]]" -sd [[$SCHEDULE DATE-SSUM]] -si [[$SCHEDULE ID]] -sn [[$SCHEDULE INST]] '
            '-t basic.json\n')

    assert line in README.read_text(encoding="utf-8"), "README.md lost the Job Failed Run Command line"


def test_the_readme_maps_every_docs_page():
    text = README.read_text(encoding="utf-8")

    unmapped = [page.name for page in sorted(DOCS.glob("*.md")) if f"](docs/{page.name})" not in text]

    assert unmapped == [], f"README.md's Documentation list links no line to: {unmapped}"


def embedding_example() -> str:
    section = EMBEDDING.read_text(encoding="utf-8").split("## The whole flow on in-memory adapters", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_embedding_example_runs_the_whole_flow_on_in_memory_adapters():
    namespace: dict[str, object] = {}

    exec(compile(embedding_example(), "docs/embedding.md", "exec"), namespace)

    assert namespace["outcome"].ticket_number == "1001"


def test_the_embedding_page_lists_exactly_what_the_application_exports():
    import summit_connector.application as application
    page = EMBEDDING.read_text(encoding="utf-8").split("## The documented API", 1)[1].split("\n## ", 1)[0]
    listed = {name for row in page.splitlines() if row.startswith("| `summit_connector.application.")
              for name in re.findall(r"`(\w+)`", row.split("|")[2])}

    assert listed == set(application.__all__), (
        f"docs/embedding.md's API table differs from summit_connector.application.__all__: "
        f"not listed {sorted(set(application.__all__) - listed)}, not exported {sorted(listed - set(application.__all__))}")


def layout_rows() -> dict[str, str]:
    """`src/...` folder (relative to src, no trailing slash) -> the text of its row in the Layout table."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        found = re.match(r"\| `src/([\w/]*?)/?` \|(.*)", line)
        if found:
            rows[found.group(1)] = found.group(2)
    return rows


def row_of(module: Path, rows: dict[str, str]) -> str:
    """The deepest row whose folder holds the module."""
    folder = module.parent.relative_to(SRC).as_posix()
    while folder not in rows and "/" in folder:
        folder = folder.rsplit("/", 1)[0]
    return folder


def is_grouped(module: Path) -> bool:
    return module.relative_to(SRC).as_posix().startswith(tuple(f"{folder}/" for folder in GROUPED))


def test_the_layout_table_names_every_module_of_src_in_the_row_of_its_folder():
    """Each module by name in its folder's row, except those of the folders described as one per thing: the
    emulator, `commands/` (the module each command runs) and `views/` (one per command's output)."""
    rows = layout_rows()
    modules = [path for path in sorted(SRC.rglob("*.py"))
               if path.name != "__init__.py" and path.parent != SRC and not is_grouped(path)]

    unnamed = []
    for module in modules:
        folder = row_of(module, rows)
        below = module.relative_to(SRC / folder).as_posix() if folder in rows else ""
        if folder not in rows or f"`{below}`" not in rows[folder]:
            unnamed.append(module.relative_to(SRC).as_posix())

    assert unnamed == [], f"docs/architecture.md's Layout table names no row for: {unnamed}"


def test_the_layout_table_describes_each_grouped_folder():
    rows = layout_rows()

    undescribed = [folder for folder in GROUPED
                   if folder not in rows and f"`{folder.rsplit('/', 1)[1]}/`" not in rows.get(folder.split("/")[0], "")]

    assert undescribed == [], f"docs/architecture.md's Layout table does not describe: {undescribed}"


def test_the_layout_table_names_no_module_that_is_gone():
    rows = layout_rows()

    gone = [f"{folder}/{name}" for folder, text in rows.items() for name in re.findall(r"`([\w/]+\.py)`", text)
            if not any(name in (path.name, path.relative_to(SRC / folder).as_posix())
                       for path in (SRC / folder).rglob("*.py"))]

    assert gone == [], f"docs/architecture.md's Layout table names modules src/ does not hold: {gone}"


def test_every_row_of_the_layout_table_is_a_folder_of_src():
    missing = [folder for folder in layout_rows() if not (SRC / folder).is_dir()]

    assert missing == [], f"docs/architecture.md's Layout table has rows for folders src/ does not hold: {missing}"


def defined_names(module: Path) -> set[str]:
    """Functions and classes a module defines, and each class's methods as `Class.method`."""
    names = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names |= {f"{node.name}.{item.name}" for item in node.body if isinstance(item, ast.FunctionDef)}
    return names


def test_each_rule_is_decided_where_the_architecture_page_says():
    section = ARCHITECTURE.read_text(encoding="utf-8").split("## Where each rule lives", 1)[1].split("\n## ", 1)[0]
    rows = [row.split(" | ") for row in section.splitlines() if row.startswith("| ") and row.count(" | ") == 2]

    misplaced = []
    for rule, modules, deciders in rows[1:]:
        defined = set().union(*(defined_names(SRC / path) for path in re.findall(r"\(\.\./src/([\w/]+\.py)\)", modules)))
        misplaced += [f"{rule.strip('| ')}: {name}" for name in re.findall(r"`([\w.]+)`", deciders)
                      if name not in defined]

    assert rows[1:], "docs/architecture.md has no table under 'Where each rule lives'"
    assert misplaced == [], f"docs/architecture.md names deciders its modules do not define: {misplaced}"
