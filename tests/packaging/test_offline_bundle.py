"""The offline bundle (`packaging/bundle.py`, issue 12 item 5): the Linux zip installs into a fresh virtualenv with
pip's network access shut off and runs `summit-connector demo`; the Windows zip holds only wheels a Windows x64
CPython 3.11 to 3.13 can install, every dependency included.

Building a bundle needs the package index; these tests are skipped, saying so, only when it cannot be reached.
Both bundles are built once per session, into one session folder (pip's own cache shares the downloads).
"""

import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import summit_connector

REPO = Path(__file__).resolve().parents[2]
BUNDLE_SCRIPT = REPO / "packaging" / "bundle.py"
WINDOWS_PYTHONS = ("3.11", "3.12", "3.13")
RUNNING_PYTHON = "%d.%d" % sys.version_info[:2]
VERSION = summit_connector.__version__
NOTHING_LISTENS = "http://127.0.0.1:9"  # the discard port on loopback: a request there never reaches a network


def load_bundle_script():
    spec = importlib.util.spec_from_file_location("offline_bundle_script", BUNDLE_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bundle = load_bundle_script()


def pip_free_environment(**extra: str) -> dict[str, str]:
    """This process's environment without pip's settings, this checkout's virtualenv or Python path."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PIP_") and name not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return {**environment, "PIP_CONFIG_FILE": os.devnull, **extra}


def offline_environment(**extra: str) -> dict[str, str]:
    """pip cannot reach any network: no index, an index URL and proxies where nothing listens, no config file."""
    proxies = {name: NOTHING_LISTENS for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
                                                   "https_proxy", "all_proxy")}
    return pip_free_environment(PIP_NO_INDEX="1", PIP_INDEX_URL=f"{NOTHING_LISTENS}/simple", PIP_RETRIES="0",
                                NO_PROXY="", no_proxy="", **proxies, **extra)


def build(platform: str, out: Path, *pythons: str) -> Path:
    done = subprocess.run([sys.executable, str(BUNDLE_SCRIPT), "--platform", platform, "--out", str(out),
                           "--python", *pythons], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def unzip(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(into)
    return into / archive.stem


def wheel_names(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as opened:
        return sorted(Path(name).name for name in opened.namelist() if name.endswith(".whl"))


@pytest.fixture(scope="session")
def package_index():
    url = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/")
    problem = bundle.index_unreachable(url)
    if problem:
        pytest.skip(f"the package index {url} could not be reached ({problem}); the offline bundle is built from it")


@pytest.fixture(scope="session")
def bundles(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bundles")


@pytest.fixture(scope="session")
def linux_bundle(package_index, bundles) -> Path:
    """For the running Python only, to save time: the install test can only use that one."""
    return build("linux", bundles, RUNNING_PYTHON)


@pytest.fixture(scope="session")
def windows_bundle(package_index, bundles) -> Path:
    return build("windows", bundles, *WINDOWS_PYTHONS)


def test_the_linux_bundle_installs_with_no_network_into_a_fresh_virtualenv_and_runs_the_demo(linux_bundle, tmp_path):
    assert linux_bundle.name == f"opcon-summit-connector-{VERSION}-manylinux_2_17_x86_64.zip"
    folder = unzip(linux_bundle, tmp_path)

    installed = subprocess.run(["sh", str(folder / "install.sh")], capture_output=True, text=True, timeout=180,
                               env=offline_environment(PYTHON=sys.executable), cwd=tmp_path)

    assert installed.returncode == 0, installed.stdout + installed.stderr
    cli = folder / ".venv" / "bin" / "summit-connector"
    assert f"{cli} demo" in installed.stdout
    demo = subprocess.run([str(cli), "demo"], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env=pip_free_environment())
    assert demo.returncode == 0, demo.stderr
    assert re.search(r"^Incident \d+ created for JOB001 ", demo.stdout, re.MULTILINE), demo.stdout
    package = subprocess.run([str(folder / ".venv" / "bin" / "python"), "-c",
                              "import summit_connector; print(summit_connector.__file__)"],
                             capture_output=True, text=True, env=pip_free_environment())
    assert Path(package.stdout.strip()).is_relative_to(folder / ".venv"), "installed from the bundle, not the checkout"


def test_every_wheel_of_the_windows_bundle_is_for_windows_x64_or_pure_python(windows_bundle):
    names = wheel_names(windows_bundle)

    assert windows_bundle.name == f"opcon-summit-connector-{VERSION}-win_amd64.zip"
    assert [name for name in names if not name.endswith(("-win_amd64.whl", "-none-any.whl"))] == []
    for python in WINDOWS_PYTHONS:
        cp = "cp" + python.replace(".", "")
        assert any(re.fullmatch(rf"pydantic_core-[^-]+-{cp}-{cp}-win_amd64\.whl", name) for name in names), python
    assert any(re.fullmatch(r"dependency_injector-[^-]+-cp3\d+-(abi3|cp3\d+)-win_amd64\.whl", name) for name in names)
    assert any(re.fullmatch(r"cryptography-[^-]+-cp3\d+-abi3-win_amd64\.whl", name) for name in names)
    assert any(name.startswith("tzdata-") for name in names), "tzdata is required on Windows only"
    assert f"opcon_summit_connector-{VERSION}-py3-none-any.whl" in names


@pytest.mark.parametrize("python", WINDOWS_PYTHONS)
def test_every_dependency_of_the_windows_install_resolves_from_the_bundle_alone(windows_bundle, tmp_path, python):
    """pip's resolver, offline, for the Windows target; it evaluates markers on this machine, so the bundle script's
    own check covers those (tzdata's `platform_system == 'Windows'`)."""
    wheels = unzip(windows_bundle, tmp_path) / "wheels"
    cp = "cp" + python.replace(".", "")

    resolved = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--report", "-", "--no-index", "--find-links",
         str(wheels), "--only-binary=:all:", "--platform", "win_amd64", "--python-version", python,
         "--implementation", "cp", "--abi", cp, "--target", str(tmp_path / "target"),
         f"opcon-summit-connector=={VERSION}"],
        capture_output=True, text=True, timeout=120, env=offline_environment())

    assert resolved.returncode == 0, resolved.stderr
    files = sorted(Path(item["download_info"]["url"]).name for item in json.loads(resolved.stdout)["install"])
    assert [name for name in files if not name.endswith(("-win_amd64.whl", "-none-any.whl"))] == []
    assert any(name.startswith("pydantic_core-") and f"-{cp}-win_amd64" in name for name in files)
    assert bundle.unmet_requirements(wheels, bundle.TARGETS["windows"], python) == []


def test_the_windows_bundle_holds_install_cmd_and_the_starter_files(windows_bundle, tmp_path):
    folder = unzip(windows_bundle, tmp_path)
    install = (folder / "install.cmd").read_bytes().decode("ascii")

    assert "\n" not in install.replace("\r\n", "")
    assert all(f"call :pick py -{python}" in install for python in WINDOWS_PYTHONS)
    assert '--no-index --find-links "%HERE%wheels"' in install
    assert f"opcon-summit-connector=={VERSION}" in install and "@" not in install.replace("@echo off", "")
    template = (folder / "starter" / "templates" / "basic.json").read_bytes()
    assert template == (REPO / "templates" / "basic.json").read_bytes()
    assert (folder / "starter" / "Connector.config").read_text(encoding="utf-8") == expected_starter_config()
    assert f"opcon-summit-connector {VERSION}" in (folder / "README.txt").read_text(encoding="utf-8")


def expected_starter_config() -> str:
    override = REPO / "packaging" / "starter" / "Connector.config"
    if override.is_file():
        return override.read_text(encoding="utf-8")
    from summit_connector.adapters.config.starter_files import starter_config

    return starter_config()


def test_without_the_package_index_the_script_says_so_in_one_line_and_exits_1(tmp_path):
    done = subprocess.run([sys.executable, str(BUNDLE_SCRIPT), "--platform", "windows", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120,
                          env=pip_free_environment(PIP_INDEX_URL=f"{NOTHING_LISTENS}/simple", PIP_RETRIES="0"))

    assert done.returncode == 1
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("bundle: could not build the opcon-summit-connector wheel: "
                                                   f"the package index {NOTHING_LISTENS}/simple could not be reached")
    assert list(tmp_path.iterdir()) == []


def test_a_python_older_than_3_11_is_refused_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, str(BUNDLE_SCRIPT), "--platform", "linux", "--out", str(tmp_path),
                           "--python", "3.10"], capture_output=True, text=True, timeout=60)

    assert done.returncode == 1
    assert done.stderr == "bundle: --python 3.10: give CPython versions as 3.11, 3.12, ... (3.11 at least)\n"
