"""Every relative link in README.md and docs/*.md reaches a file, and a `#anchor` on a Markdown file reaches one of
its headings, slugged as GitHub slugs them."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^()\s]+)\)")
EXTERNAL = ("http://", "https://", "mailto:")


def prose(text: str) -> str:
    """The text without fenced code blocks and inline code spans, where brackets are not links."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)
    return re.sub(r"`[^`\n]*`", "", text)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped except hyphens and underscores, spaces to
    hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Each heading's slug; a repeated slug gets `-1`, `-2`, ... as on GitHub."""
    found: set[str] = set()
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", text, flags=re.MULTILINE):
        base = slug(heading)
        name, count = base, 0
        while name in found:
            count += 1
            name = f"{base}-{count}"
        found.add(name)
    return found


def broken_links(page: Path) -> Iterator[str]:
    for target in LINK.findall(prose(page.read_text(encoding="utf-8"))):
        if target.startswith(EXTERNAL):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            yield f"{target}: no file {linked.relative_to(ROOT) if linked.is_relative_to(ROOT) else linked}"
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            yield f"{target}: {linked.name} has no heading #{anchor}"


@pytest.mark.parametrize("page", PAGES, ids=[page.relative_to(ROOT).as_posix() for page in PAGES])
def test_every_relative_link_reaches_its_file_and_heading(page):
    broken = list(broken_links(page))

    assert broken == [], f"{page.relative_to(ROOT)} has broken links: {broken}"


def test_the_docs_folder_has_pages_to_check():
    assert len(PAGES) > 1, "no docs/*.md found next to README.md"


@pytest.mark.parametrize(("heading", "expected"), [
    ("Sync: Summit's status back to OpCon", "sync-summits-status-back-to-opcon"),
    ("Notification Manager setup (operators)", "notification-manager-setup-operators"),
    ("What changed for start-up (issue 12)", "what-changed-for-start-up-issue-12"),
    ("A 20 MB job log", "a-20-mb-job-log"),
    ("snake_case and kebab-case", "snake_case-and-kebab-case"),
])
def test_headings_slug_as_on_github(heading, expected):
    assert slug(heading) == expected


def test_the_check_catches_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n\n## Known limits\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("[ok](other.md#known-limits) [gone](missing.md) [no heading](other.md#nothing-lost)\n"
                    "[web](https://example.com/x.md) `[code](missing.md)`\n", encoding="utf-8")

    broken = list(broken_links(page))

    assert [line.split(":")[0] for line in broken] == ["missing.md", "other.md#nothing-lost"]


def test_the_check_reads_an_anchor_on_the_same_page_and_repeated_headings(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n## Steps\n\n## Steps\n\n[first](#steps) [second](#steps-1) [third](#steps-2)\n",
                    encoding="utf-8")

    broken = list(broken_links(page))

    assert broken == ["#steps-2: page.md has no heading #steps-2"]
