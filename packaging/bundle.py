"""Builds the offline bundle: one zip an operator copies to an OpCon server without internet, unzips and installs.

    python packaging/bundle.py --platform windows|linux [--out DIR] [--python 3.11 3.12 3.13]

The zip `opcon-summit-connector-<version>-<platform tag>.zip` holds one folder with `wheels/` (the connector's wheel
and every dependency's wheel for that platform and each Python version), `install.cmd` or `install.sh` (a virtualenv
in `.venv` beside it, installed with `pip --no-index`), `starter/` (a commented Connector.config and
templates/basic.json) and README.txt. It prints the zip's path; on failure one line on stderr and exit 1.

Run it from the project's virtualenv: the starter Connector.config is written by the same code as
`summit-connector init`, unless `packaging/starter/Connector.config` exists, which is then shipped as it is.
"""

import argparse
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # an interpreter without `packaging`: pip's own copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.tags import Tag, compatible_tags, cpython_tags
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename

PROJECT = "opcon-summit-connector"
REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
IN_THE_ZIP = HERE / "in_the_zip"
DEFAULT_PYTHONS = ("3.11", "3.12", "3.13")
PROJECT_SOURCES = ("pyproject.toml", "README.md", "src")

@dataclass(frozen=True)
class Target:
    """A platform the bundle is built for: pip's platform tags and the environment markers are evaluated in."""

    tag: str
    pip_platforms: tuple[str, ...]
    markers: dict[str, str]
    installer: str
    readme: str
    newline: str

    def marker_environment(self, python: str) -> dict[str, str]:
        return {**self.markers, "python_version": python, "python_full_version": f"{python}.0",
                "implementation_name": "cpython", "implementation_version": f"{python}.0",
                "platform_python_implementation": "CPython", "platform_release": "", "platform_version": "",
                "extra": ""}

    def supported_tags(self, python: str) -> set[Tag]:
        version = tuple(int(part) for part in python.split("."))
        interpreter = f"cp{version[0]}{version[1]}"
        return {*cpython_tags(version, [interpreter], self.pip_platforms),
                *compatible_tags(version, interpreter, self.pip_platforms)}


TARGETS = {
    "windows": Target(
        tag="win_amd64", pip_platforms=("win_amd64",),
        markers={"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64"},
        installer="install.cmd", readme="README-windows.txt", newline="\r\n"),
    "linux": Target(
        # glibc 2.17 or later (RHEL 7 and every current distribution), newest tag first as pip prefers it
        tag="manylinux_2_17_x86_64",
        pip_platforms=("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_12_x86_64",
                       "manylinux2010_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64"),
        markers={"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64"},
        installer="install.sh", readme="README-linux.txt", newline="\n"),
}


class BundleError(Exception):
    """A failure worth one line to the person building the bundle."""


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        pythons = checked_python_versions(arguments.python)
        zip_path = build_bundle(TARGETS[arguments.platform], pythons, Path(arguments.out))
    except BundleError as error:
        print(f"bundle: {error}", file=sys.stderr)
        return 1
    print(zip_path)
    return 0


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bundle.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", required=True, choices=sorted(TARGETS))
    parser.add_argument("--out", default=str(REPO / "dist"), help="folder the zip is written to (default: dist/)")
    parser.add_argument("--python", nargs="+", default=list(DEFAULT_PYTHONS), metavar="3.X",
                        help="CPython versions to download wheels for (default: 3.11 3.12 3.13)")
    return parser.parse_args(argv)


def checked_python_versions(versions: list[str]) -> list[str]:
    for version in versions:
        if not re.fullmatch(r"3\.\d+", version) or int(version.split(".")[1]) < 11:
            raise BundleError(f"--python {version}: give CPython versions as 3.11, 3.12, ... (3.11 at least)")
    return sorted(set(versions), key=lambda version: int(version.split(".")[1]))


def build_bundle(target: Target, pythons: list[str], out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="summit-bundle-") as work:
        project_wheel = build_project_wheel(Path(work))
        version = parse_wheel_filename(project_wheel.name)[1]
        folder = Path(work) / f"{PROJECT}-{version}-{target.tag}"
        wheels = folder / "wheels"
        wheels.mkdir(parents=True)
        shutil.copy2(project_wheel, wheels)
        write_starter_files(folder / "starter", project_wheel, target)
        for python in pythons:
            download_dependency_wheels(wheels, target, python)
        write_installer(folder, target, str(version), pythons)
        write_readme(folder, target, str(version), pythons)
        return zip_folder(folder, out)


def build_project_wheel(work: Path) -> Path:
    """`pip wheel --no-deps` of a copy of the sources, so the build leaves nothing behind in the repository."""
    source = work / "source"
    for name in PROJECT_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    progress(f"building the {PROJECT} wheel")
    run_pip(["wheel", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)], f"build the {PROJECT} wheel")
    return next((work / "dist").glob("*.whl"))


def download_dependency_wheels(wheels: Path, target: Target, python: str) -> None:
    """pip's resolver for the target, then again for what it left out: pip evaluates environment markers such as
    `platform_system == 'Windows'` on this machine, not on the target."""
    progress(f"downloading wheels for CPython {python} ({target.tag})")
    requirements = [str(next(wheels.glob(f"{PROJECT.replace('-', '_')}-*.whl")))]
    for _ in range(5):
        pip_download(requirements, wheels, target, python)
        requirements = unmet_requirements(wheels, target, python)
        if not requirements:
            return
    raise BundleError(f"no wheel for CPython {python} on {target.tag} satisfies {', '.join(requirements)}")


def pip_download(requirements: list[str], wheels: Path, target: Target, python: str) -> None:
    abi = "cp" + python.replace(".", "")
    platforms = [option for platform in target.pip_platforms for option in ("--platform", platform)]
    run_pip(["download", "--dest", str(wheels), "--only-binary=:all:", *platforms, "--python-version", python,
             "--implementation", "cp", "--abi", abi, *requirements],
            f"download wheels for CPython {python} on {target.tag}")


def unmet_requirements(wheels: Path, target: Target, python: str) -> list[str]:
    """The requirements (markers evaluated for the target) that no wheel in `wheels` satisfies for `python`,
    following the project's dependencies from its own wheel down."""
    environment = target.marker_environment(python)
    supported = target.supported_tags(python)
    installable = [wheel for wheel in wheels.glob("*.whl") if parse_wheel_filename(wheel.name)[3] & supported]
    pending, done, unmet = [Requirement(PROJECT)], set(), []
    while pending:
        requirement = pending.pop()
        wheel = best_wheel(installable, requirement)
        if wheel is None:
            extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
            unmet.append(f"{requirement.name}{extras}{requirement.specifier}")
            continue
        key = (wheel.name, frozenset(requirement.extras))
        if key in done:
            continue
        done.add(key)
        for dependency in requires_dist(wheel):
            if dependency.marker is None or any(dependency.marker.evaluate({**environment, "extra": extra})
                                                for extra in ("", *requirement.extras)):
                pending.append(dependency)
    return sorted(set(unmet))


def best_wheel(wheels: list[Path], requirement: Requirement) -> Path | None:
    name = canonicalize_name(requirement.name)
    matching = [(parse_wheel_filename(wheel.name)[1], wheel) for wheel in wheels
                if parse_wheel_filename(wheel.name)[0] == name]
    matching = [(version, wheel) for version, wheel in matching
                if requirement.specifier.contains(version, prereleases=True)]
    return max(matching)[1] if matching else None


def requires_dist(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(name for name in archive.namelist()
                        if name.count("/") == 1 and name.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(archive.read(metadata).decode("utf-8"), headersonly=True)
    return [Requirement(line) for line in headers.get_all("Requires-Dist") or []]


def write_starter_files(starter: Path, project_wheel: Path, target: Target) -> None:
    (starter / "templates").mkdir(parents=True)
    write_text(starter / "Connector.config", starter_connector_config(project_wheel), target)
    for template in sorted((REPO / "templates").glob("*.json")):
        shutil.copy2(template, starter / "templates" / template.name)


def starter_connector_config(project_wheel: Path) -> str:
    """`packaging/starter/Connector.config` when there is one, else what `summit-connector init` writes, taken from
    the wheel just built (the dependencies come from the Python running this script)."""
    override = HERE / "starter" / "Connector.config"
    if override.is_file():
        return override.read_text(encoding="utf-8")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "from summit_connector.adapters.config.starter_files import starter_config; "
            "sys.stdout.write(starter_config())")
    done = subprocess.run([sys.executable, "-c", code, str(project_wheel)], capture_output=True, text=True,
                          encoding="utf-8")
    if done.returncode != 0:
        raise BundleError("could not write the starter Connector.config (" + last_line(done.stderr) + "): run "
                          "bundle.py with the project's virtualenv Python (pip install -e .), or put one in "
                          f"{override}")
    return done.stdout


def write_installer(folder: Path, target: Target, version: str, pythons: list[str]) -> None:
    template = (IN_THE_ZIP / target.installer).read_text(encoding="utf-8")
    newest_first = sorted(pythons, key=lambda python: int(python.split(".")[1]), reverse=True)
    filled = (template.replace("@VERSION@", version).replace("@PYTHONS@", " ".join(pythons))
              .replace("@PY_LAUNCHER_TRIES@", "\n".join(f"if not defined PY call :pick py -{python}"
                                                        for python in newest_first)))
    write_text(folder / target.installer, filled, target)


def write_readme(folder: Path, target: Target, version: str, pythons: list[str]) -> None:
    template = (IN_THE_ZIP / target.readme).read_text(encoding="utf-8")
    text = template.replace("@VERSION@", version).replace("@PYTHONS@", ", ".join(pythons)).replace("@TAG@", target.tag)
    write_text(folder / "README.txt", text, target)


def write_text(path: Path, text: str, target: Target) -> None:
    path.write_bytes(text.replace("\r\n", "\n").replace("\n", target.newline).encode("utf-8"))


def zip_folder(folder: Path, out: Path) -> Path:
    """The folder as the zip's single top-level folder; wheels stored as they are (already compressed), and
    install.sh executable once unzipped."""
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / f"{folder.name}.zip"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo.from_file(path, path.relative_to(folder.parent).as_posix())
                info.external_attr = (0o755 if path.suffix == ".sh" else 0o644) << 16
                info.compress_type = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return zip_path.resolve()


def run_pip(arguments: list[str], what: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *arguments, "--disable-pip-version-check",
                           "--no-input"], capture_output=True, text=True)
    if done.returncode != 0:
        raise BundleError(pip_failure(done.stdout + done.stderr, what))


def pip_failure(output: str, what: str) -> str:
    index = index_url(output)
    problem = index_unreachable(index)
    if problem:
        return (f"could not {what}: the package index {index} could not be reached ({problem}); build the bundle "
                "on a machine that reaches it, or name another with PIP_INDEX_URL")
    errors = [line.strip() for line in output.splitlines() if line.strip().startswith("ERROR:")]
    return f"could not {what}: " + (errors[0] if errors else last_line(output))


def index_url(pip_output: str) -> str:
    """The index pip used: it names it unless it is PyPI."""
    named = re.search(r"Looking in indexes: ([^\s,]+)", pip_output)
    return named.group(1) if named else "https://pypi.org/simple/"


def index_unreachable(url: str, timeout: float = 10) -> str:
    """Why `url` cannot be reached, or "" when it answers (any HTTP status counts as an answer)."""
    if url.startswith("file:"):
        return "" if Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path)).exists() else "no such folder"
    context = ssl.create_default_context(cafile=os.environ.get("PIP_CERT") or None)
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout, context=context).close()
    except urllib.error.HTTPError:
        return ""
    except (urllib.error.URLError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))
    return ""


def last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def progress(message: str) -> None:
    print(f"bundle: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
