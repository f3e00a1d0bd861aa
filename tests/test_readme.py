"""The README's Embedding example runs as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def embedding_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Embedding", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_readme_embedding_example_runs_the_whole_flow_on_in_memory_adapters():
    namespace: dict[str, object] = {}

    exec(compile(embedding_example(), "README.md#embedding", "exec"), namespace)

    assert namespace["outcome"].ticket_number == "1001"


def layout_section() -> str:
    return README.read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]


def test_the_layout_table_names_every_module_of_src():
    """Each module by name, except those of the folders the table describes as one per thing: the emulator,
    `commands/` (one per sub-command) and `views/` (one per command's output)."""
    src = README.parent / "src"
    layout = layout_section()
    grouped = [src / "adapters" / "emulator", src / "entrypoints" / "commands", src / "entrypoints" / "views"]
    modules = [path for path in src.rglob("*.py") if path.name != "__init__.py" and path.parent != src
               and not any(folder in path.parents for folder in grouped)]

    unnamed = [str(path.relative_to(src)) for path in modules
               if f"`{path.name}`" not in layout and f"`{path.parent.name}/{path.name}`" not in layout]

    assert all(f"`{folder.name}/`" in layout for folder in grouped)
    assert unnamed == []
