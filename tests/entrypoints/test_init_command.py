"""`summit-connector init [DIR] [--from VENDOR_DIR]` in-process (issue 12): a fresh install folder whose
Connector.config holds every key the loader reads, each explained; never an overwrite; a vendor folder copied and
checked; one-line errors with exit 2."""

import configparser
import json
from pathlib import Path

import pytest
from pydantic import AliasChoices, BaseModel

from summit_connector.adapters.config.connector_file import DEFAULT_KEYS, ConnectorFile, load_connector_config
from summit_connector.adapters.config.starter_files import EXPLAINED, starter_template
from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import run_cli
from tests.entrypoints.test_fast_start import heavy_modules_after

REPOSITORY_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "basic.json"
SECRETS = {"SUMMIT_CONNECTOR_OPCON_TOKEN": "env-token", "SUMMIT_CONNECTOR_SUMMIT_API_KEY": "env-key"}
# The vendor documentation's sample Connector.config, its [DEFAULTS] and [PROXY SERVER] left out.
VENDOR_CONFIG = """\
[GENERAL]
JOBLOGDIR=joblogs
TEMPLATESDIR=templates
DAILY_START_HOUR=07
DEBUG=OFF

[OPCON API]
SERVER=BVHTEST02
PORT=9010
USES_TLS=True
TOKEN=fc0520dc-fc93-4d3a-bf2f-7d0584c69df2
"""


def init(*args: str, environ: dict[str, str] | None = None):
    return run_cli(["init", *args], SECRETS if environ is None else environ)


def check(config: Path, environ: dict[str, str] | None = None):
    return run_cli(["check", "-c", str(config)], {} if environ is None else environ)


def loader_keys() -> dict[str, list[set[str]]]:
    """Per section, the names of each key the loader reads (a key's synonyms together), found by introspection."""
    keys = {"DEFAULTS": [{name} for name in DEFAULT_KEYS]}
    for info in ConnectorFile.model_fields.values():
        model = info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            keys[str(info.alias)] = [
                {str(c) for c in field.validation_alias.choices} if isinstance(field.validation_alias, AliasChoices)
                else {name} for name, field in model.model_fields.items()]
    return keys


def written(config: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, default_section="\0")
    parser.read_string(config.read_text(encoding="utf-8"))
    return parser


def comment_above(config: Path, key: str, section: str) -> str:
    """The comment lines right above `KEY=` in `[section]`, joined."""
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"[{section}]")
    index = next(i for i in range(start, len(lines)) if lines[i].startswith(f"{key.upper()}="))
    first = index
    while lines[first - 1].startswith(";"):
        first -= 1
    return " ".join(lines[first:index])


def vendor_folder(root: Path, config: str = VENDOR_CONFIG, templates: str = "templates") -> Path:
    vendor = root / "vendor"
    (vendor / templates).mkdir(parents=True)
    (vendor / "Connector.config").write_text(config, encoding="utf-8")
    (vendor / templates / "basic.json").write_bytes(REPOSITORY_TEMPLATE.read_bytes())
    return vendor


def test_init_lays_out_config_template_and_the_folders_the_config_names(tmp_path):
    site = tmp_path / "site"

    result = init(str(site))

    assert result.code == ExitCode.OK, result.stderr
    assert (site / "Connector.config").is_file() and (site / "templates" / "basic.json").is_file()
    assert (site / "joblogs").is_dir() and (site / "log").is_dir()
    for line in ("created Connector.config", "created templates/basic.json", "created joblogs/", "created log/"):
        assert f"  {line}\n" in result.stdout
    assert "Next: fill in [OPCON API] ADDRESS and [OPCON API] TOKEN" in result.stdout


def test_init_without_dir_lays_out_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    result = init()

    assert result.code == ExitCode.OK
    assert (tmp_path / "Connector.config").is_file() and (tmp_path / "templates" / "basic.json").is_file()


def test_the_template_is_the_repositorys_basic_json_byte_for_byte(tmp_path):
    init(str(tmp_path))

    assert (tmp_path / "templates" / "basic.json").read_bytes() == REPOSITORY_TEMPLATE.read_bytes()
    assert starter_template() == REPOSITORY_TEMPLATE.read_bytes()


def test_connector_config_holds_every_key_the_loader_reads_once_each_with_a_comment(tmp_path):
    init(str(tmp_path))
    config = tmp_path / "Connector.config"
    parser = written(config)

    for section, keys in loader_keys().items():
        written_keys = set(parser[section])
        assert len(written_keys) == len(keys), section
        for names in keys:
            [key] = names & written_keys
            comment = comment_above(config, key, section)
            assert comment.startswith(f"; {key.upper()}: ") and ("Default:" in comment or "fill in" in comment), \
                (section, key)


def test_every_key_of_the_loaders_sections_has_an_explanation_and_none_is_stale():
    for section, keys in loader_keys().items():
        if section != "DEFAULTS":
            fields = ConnectorFile.model_fields[next(n for n, i in ConnectorFile.model_fields.items()
                                                     if i.alias == section)].annotation.model_fields
            assert set(EXPLAINED[section]) == set(fields), section
    assert set(EXPLAINED) == set(loader_keys()) - {"DEFAULTS"}


def test_the_values_written_are_the_loaders_defaults(tmp_path):
    init(str(tmp_path))
    config = tmp_path / "Connector.config"
    text = config.read_text(encoding="utf-8")
    filled = text.replace("ADDRESS=<fill in: OpCon API host name>", "ADDRESS=opcon.example.com")
    config.write_text(filled, encoding="utf-8")
    from_starter = load_connector_config(config, SECRETS)

    config.write_text("[OPCON API]\nADDRESS=opcon.example.com\n", encoding="utf-8")
    from_minimal = load_connector_config(config, SECRETS)

    assert filled != text
    assert from_starter == from_minimal
    assert from_starter.unknown_keys == ()


def test_check_on_a_fresh_folder_names_every_placeholder_in_one_run_never_a_parse_error_b_16_4(tmp_path):
    init(str(tmp_path))

    result = check(tmp_path / "Connector.config")

    assert result.code == ExitCode.INVALID_INPUT
    address, token, summit_address, api_key = result.stdout.splitlines()[:-1]
    assert address.startswith("error: ") and "[OPCON API] ADDRESS" in address and "<fill in" in address
    assert token.startswith("error: ") and "[OPCON API] TOKEN: missing" in token
    assert summit_address.startswith("error: templates/basic.json: address.value")
    assert api_key.startswith("warning: templates/basic.json: credentials.apiKey")
    assert result.stdout.splitlines()[-1].startswith("3 errors, 1 warning in ")
    assert "cannot be read" not in result.stdout


def test_init_never_overwrites_and_says_what_it_kept(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "Connector.config").write_text("[OPCON API]\nADDRESS=mine\n", encoding="utf-8")
    (tmp_path / "templates" / "basic.json").write_text("{}", encoding="utf-8")

    result = init(str(tmp_path))

    assert result.code == ExitCode.OK
    assert (tmp_path / "Connector.config").read_text(encoding="utf-8") == "[OPCON API]\nADDRESS=mine\n"
    assert (tmp_path / "templates" / "basic.json").read_text(encoding="utf-8") == "{}"
    assert "  kept existing Connector.config\n" in result.stdout
    assert "  kept existing templates/basic.json\n" in result.stdout
    assert "  created log/\n" in result.stdout and (tmp_path / "log").is_dir()


def test_init_twice_keeps_everything_the_first_run_made(tmp_path):
    init(str(tmp_path))
    before = (tmp_path / "Connector.config").read_bytes()

    result = init(str(tmp_path))

    assert (tmp_path / "Connector.config").read_bytes() == before
    assert "created" not in result.stdout


def test_from_copies_the_vendor_config_and_templates_then_runs_check(tmp_path):
    vendor = vendor_folder(tmp_path)
    (vendor / "templates" / "other.json").write_text("{}", encoding="utf-8")
    site = tmp_path / "site"

    result = init(str(site), "--from", str(vendor), environ={})

    assert (site / "Connector.config").read_bytes() == (vendor / "Connector.config").read_bytes()
    assert (site / "templates" / "other.json").read_text(encoding="utf-8") == "{}"
    assert "  copied Connector.config\n" in result.stdout and "  copied templates/basic.json\n" in result.stdout
    assert (site / "joblogs").is_dir() and (site / "log").is_dir()
    assert result.code == ExitCode.INVALID_INPUT
    assert "warning: " in result.stdout and "[OPCON API] TOKEN: is plain text" in result.stdout
    assert "error: templates/basic.json: address.value" in result.stdout
    assert "error: templates/other.json: address: is required" in result.stdout
    assert "error: templates/other.json: rules: is required" in result.stdout
    assert result.stdout.splitlines()[-1] == f"4 errors, 2 warnings in {site / 'Connector.config'} and 2 templates"


def test_from_a_vendor_folder_that_checks_clean_exits_0(tmp_path):
    vendor = vendor_folder(tmp_path)
    template = json.loads(REPOSITORY_TEMPLATE.read_text(encoding="utf-8"))
    template["address"]["value"] = template["viewAddress"]["value"] = "summit.example.com"
    (vendor / "templates" / "basic.json").write_text(json.dumps(template), encoding="utf-8")
    site = tmp_path / "site"

    result = init(str(site), "--from", str(vendor))

    assert result.code == ExitCode.OK, result.stdout
    assert result.stdout.splitlines()[-1] == f"OK: {site / 'Connector.config'} and 1 template"


def test_from_finds_the_templates_where_the_vendor_config_says(tmp_path):
    vendor = vendor_folder(tmp_path, VENDOR_CONFIG.replace("TEMPLATESDIR=templates", "TEMPLATESDIR=tpl"), "tpl")
    site = tmp_path / "site"

    init(str(site), "--from", str(vendor))

    assert (site / "tpl" / "basic.json").read_bytes() == REPOSITORY_TEMPLATE.read_bytes()
    assert not (site / "templates").exists()


def test_from_never_overwrites_and_checks_what_was_kept(tmp_path):
    vendor = vendor_folder(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "Connector.config").write_text("[GENERAL]\nDAILY_START_HOUR=25\n", encoding="utf-8")

    result = init(str(site), "--from", str(vendor))

    assert (site / "Connector.config").read_text(encoding="utf-8") == "[GENERAL]\nDAILY_START_HOUR=25\n"
    assert "  kept existing Connector.config\n" in result.stdout
    assert result.code == ExitCode.INVALID_INPUT and "DAILY_START_HOUR" in result.stdout


@pytest.mark.parametrize("make, named", [
    pytest.param(lambda root: root / "missing", "missing", id="no-such-folder"),
    pytest.param(lambda root: (root / "empty").mkdir() or root / "empty", "empty/Connector.config",
                 id="no-connector-config"),
])
def test_from_a_folder_that_is_not_a_vendor_install_is_one_line_exit_2_and_creates_nothing(tmp_path, make, named):
    vendor = make(tmp_path)
    site = tmp_path / "site"

    result = init(str(site), "--from", str(vendor))

    assert result.code == ExitCode.INVALID_INPUT
    assert result.stderr.count("\n") == 1 and str(tmp_path / named) in result.stderr
    assert not site.exists()


def test_a_config_flag_is_refused_in_one_line(tmp_path):
    result = run_cli(["-c", str(tmp_path / "Connector.config"), "init", str(tmp_path)])

    assert result.code == ExitCode.INVALID_INPUT and result.stderr.count("\n") == 1
    assert not (tmp_path / "Connector.config").exists()


def test_init_help_imports_no_heavy_library():
    assert heavy_modules_after(["init", "--help"]) == ""


def test_a_file_where_the_install_folder_should_be_is_one_line_exit_2(tmp_path):
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")

    result = init(str(tmp_path / "site"))

    assert result.code == ExitCode.INVALID_INPUT
    assert result.stderr == f"summit-connector: error: {tmp_path / 'site'}: is a file; a folder is needed here\n"
