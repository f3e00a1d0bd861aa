"""`summit-connector check` in-process (B-7): one line per finding off a terminal, a summary, and B-7 exit codes."""

import io
from pathlib import Path

import pytest

from summit_connector.entrypoints.cli import main

from tests.entrypoints.cli_harness import run_cli, write_config, write_template

SECRETS = {"SUMMIT_CONNECTOR_OPCON_TOKEN": "env-token", "SUMMIT_CONNECTOR_SUMMIT_API_KEY": "env-key"}
TLS_OPCON = "ADDRESS=opcon.example.com\nPORT=443"
CLEAN_TEMPLATE = {"address": {"name": "prod", "value": "summit.example.com"}, "credentials": {}}
TEMPLATE = "templates/basic.json"


def clean_files(folder: Path, general: str = "", opcon: str = TLS_OPCON, **template: object) -> Path:
    config = write_config(folder, opcon, general)
    write_template(folder, **(CLEAN_TEMPLATE | template))
    return config


def check(config: Path, *flags: str, environ: dict[str, str] | None = None):
    return run_cli(["check", "-c", str(config), *flags], SECRETS if environ is None else environ)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_clean_config_and_template_pass_even_with_strict(tmp_path):
    config = clean_files(tmp_path)

    result = check(config, "--strict")

    assert result.code == 0, result.stdout
    assert result.stdout == f"OK: {config} and 1 template\n"


FINDINGS = [
    pytest.param({"rules": {"includeTagRouting": "yes"}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: rules.includeTagRouting: must be true or false", id="schema-and-types"),
    pytest.param({"workingHours": {"friday": {"start": "0800", "stop": "2400"}}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: workingHours.friday.stop: must be four digits HHMM", id="hhmm-times"),
    pytest.param({"rules": {"includeTagRouting": True, "includeWorkGroupNameTag": True},
                  "tags": [{"indicator": "DEFAULT", "indicatorValue": "", "attribute": "A", "value": "B"}]},
                 "", TLS_OPCON, f"warning: {TEMPLATE}: rules: includeTagRouting and includeWorkGroupNameTag",
                 id="both-routing-rules-b-5-1"),
    pytest.param({"rules": {"includeTagRouting": True}}, "", TLS_OPCON,
                 f"warning: {TEMPLATE}: tags: includeTagRouting is on but there is no DEFAULT rule",
                 id="tag-routing-without-default-b-5-2"),
    pytest.param({"tags": [{"indicator": "EXIT", "indicatorValue": ""}]}, "", TLS_OPCON,
                 f"warning: {TEMPLATE}: tags[0].indicatorValue: the EXIT rule has an empty indicatorValue",
                 id="exit-rule-never-matches-b-4-4"),
    pytest.param({"rules": {"includeTagRouting": True},
                  "tags": [{"indicator": "TAG_END", "indicatorValue": "ROUTE1", "attribute": "A", "value": "1"},
                           {"indicator": "TAG_END", "indicatorValue": "_ROUTE1", "attribute": "A", "value": "2"},
                           {"indicator": "DEFAULT", "indicatorValue": "", "attribute": "A", "value": "0"}]},
                 "", TLS_OPCON, f"warning: {TEMPLATE}: tags[1]: the TAG_END '_ROUTE1' rule never wins",
                 id="tag-rule-never-wins-b-5-2"),
    pytest.param({"ticketDescription": "@EV_Job failed on @EV_Host"}, "", TLS_OPCON,
                 f"warning: {TEMPLATE}: ticketDescription: unknown placeholder @EV_Host", id="placeholder-b-3-5"),
    pytest.param({"rules": {"includeTagRoutng": True}}, "", TLS_OPCON,
                 f"warning: {TEMPLATE}: rules.includeTagRoutng: unknown key; it is ignored "
                 "(fix: did you mean includeTagRouting?)", id="unknown-template-key-b-3-2"),
    pytest.param({"triggers": {"late-to-finsh": {"ticketInformation": "late"}}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: triggers.late-to-finsh: is not a trigger the report command takes",
                 id="unknown-trigger-name-b-11-1"),
    pytest.param({"recovery": {"action": "close"}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: recovery.action: must be one of annotate, resolve, none, got 'close'",
                 id="unknown-recovery-action-b-11-2"),
    pytest.param({"recovery": {"action": "resolve", "via": ["In-Progress", 2]}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: recovery.via[1]: must be a Summit status name (text, not empty), got 2",
                 id="recovery-via-not-text-b-11-2"),
    pytest.param({"sync": {"onStatus": {"Resolved": "close"}}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: sync.onStatus.Resolved: must be one of markUnderReview, markFixed, "
                 "markFinishedOk, restart, none, got 'close'", id="unknown-sync-action-b-12-1"),
    pytest.param({"sync": {"stopOn": "Closed"}}, "", TLS_OPCON,
                 f"error: {TEMPLATE}: sync.stopOn: must be a list, got 'Closed'", id="bad-stop-on-b-12-1"),
    pytest.param({}, "DEBUGG=ON", TLS_OPCON, "warning: {config}: [GENERAL] DEBUGG: unknown key; it is ignored",
                 id="unknown-config-key-b-2-1"),
    pytest.param({}, "", "ADDRESS=opcon.example.com\nUSES_TLS=False",
                 "warning: {config}: [OPCON API]: uses plain http (USES_TLS=False", id="uses-tls-false-b-2-3"),
    pytest.param({}, "TEMPLATESDIR=missing", TLS_OPCON,
                 "error: {config}: [GENERAL] TEMPLATESDIR: ", id="templates-folder-missing-b-2-1"),
    pytest.param({}, "JOBLOGDIR=Connector.config/joblogs", TLS_OPCON,
                 "error: {config}: [GENERAL] JOBLOGDIR: ", id="joblog-folder-not-creatable-b-2-3"),
]


@pytest.mark.parametrize(("template", "general", "opcon", "line"), FINDINGS)
def test_each_kind_of_finding_is_reported_with_file_and_location_b_7(tmp_path, template, general, opcon, line):
    config = clean_files(tmp_path, general, opcon, **template)

    result = check(config)

    assert line.format(config=config) in result.stdout, result.stdout
    assert result.code == (2 if line.startswith("error") else 0)


def test_plain_text_secrets_are_reported_and_never_printed_b_6_2_b_6_3(tmp_path):
    config = clean_files(tmp_path, opcon=f"{TLS_OPCON}\nTOKEN=s3cret-token", credentials={"apiKey": "s3cret-key"})

    result = check(config, environ={})

    assert f"warning: {config}: [OPCON API] TOKEN: is plain text" in result.stdout
    assert f"warning: {TEMPLATE}: credentials.apiKey: is plain text" in result.stdout
    assert "summit-connector encrypt -v" in result.stdout
    assert "s3cret" not in result.stdout + result.stderr


def test_warnings_alone_exit_0_and_1_under_strict_b_7(tmp_path):
    config = clean_files(tmp_path, ticketInformation="@EV_Nothing")

    relaxed, strict = check(config), check(config, "--strict")

    assert (relaxed.code, strict.code) == (0, 1)
    assert strict.stdout.endswith(f"0 errors, 1 warning in {config} and 1 template\n")


def test_errors_exit_2_whatever_the_strictness_b_7(tmp_path):
    config = clean_files(tmp_path, address={"value": ""})

    result = check(config)

    assert result.code == 2
    assert result.stdout.endswith(f"1 error, 0 warnings in {config} and 1 template\n")


def test_a_broken_template_does_not_stop_the_others_being_checked_b_7(tmp_path):
    config = clean_files(tmp_path)
    (tmp_path / "templates" / "a_broken.json").write_text("{ not json")
    write_template(tmp_path, "z_other.json", **(CLEAN_TEMPLATE | {"ticketDescription": "@EV_Who"}))

    result = check(config)

    assert "error: templates/a_broken.json: line 1 column 3: invalid JSON" in result.stdout
    assert "warning: templates/z_other.json: ticketDescription: unknown placeholder @EV_Who" in result.stdout
    assert result.stdout.endswith(f"1 error, 1 warning in {config} and 3 templates\n")
    assert result.code == 2


def test_dash_t_checks_only_that_template_b_3_1(tmp_path):
    config = clean_files(tmp_path)
    (tmp_path / "templates" / "broken.json").write_text("{ not json")

    result = check(config, "-t", "basic")

    assert (result.code, result.stdout) == (0, f"OK: {config} and 1 template\n")


def test_a_missing_template_named_by_dash_t_is_an_error_b_3_1(tmp_path):
    config = clean_files(tmp_path)

    result = check(config, "-t", "nothere")

    assert "error: templates/nothere.json: template file not found" in result.stdout
    assert result.code == 2


def test_a_config_that_does_not_load_is_one_error_and_no_template_is_read_b_7(tmp_path):
    result = check(tmp_path / "Connector.config")

    assert result.stdout == (
        f"error: {tmp_path / 'Connector.config'}: file not found "
        "(fix: pass -c PATH or set SUMMIT_CONNECTOR_CONFIG, or create the file)\n"
        f"1 error, 0 warnings in {tmp_path / 'Connector.config'} and 0 templates\n"
    )
    assert result.code == 2


def test_the_config_comes_from_the_environment_when_there_is_no_flag_b_1_2(tmp_path):
    config = clean_files(tmp_path)

    result = run_cli(["check"], SECRETS | {"SUMMIT_CONNECTOR_CONFIG": str(config)})

    assert result.code == 0, result.stdout


def test_on_a_terminal_the_findings_are_a_table_with_a_fix_column_b_7(tmp_path):
    config = clean_files(tmp_path, ticketInformation="@EV_Nothing")
    out = Terminal()

    code = main(["check", "-c", str(config)], stdout=out, stderr=io.StringIO(), environ=SECRETS)

    header = next(line for line in out.getvalue().splitlines() if "severity" in line)
    assert [word for word in ("file", "location", "severity", "finding", "fix") if word in header] == [
        "file", "location", "severity", "finding", "fix",
    ]
    assert "@EV_Nothing" in out.getvalue()
    assert code == 0



def test_an_unusable_ca_bundle_is_an_error_row_when_probing_b_2_3(tmp_path):
    (tmp_path / "ca.pem").write_text("not a certificate")
    config = clean_files(tmp_path, opcon=f"{TLS_OPCON}\nCA_BUNDLE=ca.pem", address={"value": "http://127.0.0.1:1"})

    result = check(config, "--online")

    assert f"error: {config}: [OPCON API] CA_BUNDLE: {tmp_path / 'ca.pem'} cannot be used" in result.stdout
    assert f"error: {TEMPLATE}: address.value: Summit IM_GetIncidentDetailsAndChangeHistory" in result.stdout
    assert result.code == 2
