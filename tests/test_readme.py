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
