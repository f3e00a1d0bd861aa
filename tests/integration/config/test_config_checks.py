"""B-7 `check` over real files: loader errors, unknown keys, secrets, plain http and folders, each a finding."""

import json
from pathlib import Path

from summit_connector.adapters.config.checks import check_connector_config, check_template_file
from summit_connector.adapters.config.settings import ConnectorConfig
from summit_connector.domain.findings import Finding, Severity

SECRETS = {"SUMMIT_CONNECTOR_OPCON_TOKEN": "env-token", "SUMMIT_CONNECTOR_SUMMIT_API_KEY": "env-key"}
CLEAN_CONFIG = "[GENERAL]\nTEMPLATESDIR=templates\n\n[OPCON API]\nADDRESS=opcon.example.com\nPORT=443\n"


def write_config(folder: Path, text: str = CLEAN_CONFIG) -> Path:
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "templates" / "placeholder.json").write_text("{}")
    path = folder / "Connector.config"
    path.write_text(text, encoding="utf-8")
    return path


def check_config(folder: Path, text: str = CLEAN_CONFIG, environ: dict[str, str] = SECRETS):
    return check_connector_config(write_config(folder, text), environ)


def check_template(folder: Path, content: object, environ: dict[str, str] = SECRETS) -> list[Finding]:
    config, _ = check_config(folder)
    path = folder / "templates" / "site.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return check_template_file("site", config, environ)[1]


def make_template(**overrides: object) -> dict[str, object]:
    return {"address": {"name": "prod", "value": "summit.example.com"}, "credentials": {}, "rules": {}} | overrides


def where(findings: list[Finding]) -> list[tuple[str, str, Severity]]:
    return [(finding.file, finding.location, finding.severity) for finding in findings]


def test_a_clean_config_has_no_findings(tmp_path):
    config, findings = check_config(tmp_path)

    assert isinstance(config, ConnectorConfig)
    assert findings == []


def test_a_config_that_does_not_load_is_one_error_naming_section_and_key_b_1_4(tmp_path):
    config, findings = check_config(tmp_path, CLEAN_CONFIG + "USES_TLS=maybe\n")

    assert config is None
    [finding] = findings
    assert where(findings) == [(str(tmp_path / "Connector.config"), "[OPCON API] USES_TLS", Severity.ERROR)]
    assert "must be True/False" in finding.message
    assert "run check again" in finding.hint


def test_unknown_config_keys_and_sections_are_warnings_with_a_guess_b_2_1(tmp_path):
    text = CLEAN_CONFIG.replace("[OPCON API]", "TEMPLATEDIR=\n\n[OPCON API]") + "\n[MAIL]\nTO=ops\n"

    _, findings = check_config(tmp_path, text)

    assert [(f.location, f.severity) for f in findings] == [
        ("[MAIL]", Severity.WARNING), ("[GENERAL] TEMPLATEDIR", Severity.WARNING),
    ]
    assert findings[1].hint == "did you mean TEMPLATESDIR?"


def test_address_and_server_synonyms_and_the_vendor_proxy_keys_are_known_b_2_1(tmp_path):
    text = CLEAN_CONFIG.replace("ADDRESS=", "SERVER=") + "\n[PROXY SERVER]\nUSES_PROXY=False\nSERVER=\nPORT=\n"

    config, findings = check_config(tmp_path, text)

    assert config.unknown_keys == ()
    assert findings == []


def test_a_plain_text_token_is_a_warning_pointing_at_encrypt_b_6_2(tmp_path):
    _, findings = check_config(tmp_path, CLEAN_CONFIG + "TOKEN=s3cret-token\n", environ={})

    [finding] = findings
    assert (finding.location, finding.severity) == ("[OPCON API] TOKEN", Severity.WARNING)
    assert "summit-connector encrypt -v" in finding.hint
    assert "s3cret-token" not in f"{finding.message} {finding.hint}"


def test_uses_tls_false_is_a_warning_b_2_3(tmp_path):
    _, findings = check_config(tmp_path, CLEAN_CONFIG + "USES_TLS=False\n")

    [finding] = findings
    assert (finding.location, finding.severity) == ("[OPCON API]", Severity.WARNING)
    assert "USES_TLS=True" in finding.hint


def test_a_missing_templates_folder_is_an_error_b_2_1(tmp_path):
    _, findings = check_config(tmp_path, CLEAN_CONFIG.replace("TEMPLATESDIR=templates", "TEMPLATESDIR=nowhere"))

    assert where(findings) == [(str(tmp_path / "Connector.config"), "[GENERAL] TEMPLATESDIR", Severity.ERROR)]
    assert "does not exist" in findings[0].message


def test_a_templates_folder_without_templates_is_a_warning_b_2_1(tmp_path):
    (tmp_path / "empty").mkdir()

    _, findings = check_config(tmp_path, CLEAN_CONFIG.replace("TEMPLATESDIR=templates", "TEMPLATESDIR=empty"))

    assert [(f.location, f.severity) for f in findings] == [("[GENERAL] TEMPLATESDIR", Severity.WARNING)]


def test_joblog_and_log_folders_that_cannot_be_created_are_errors_b_2_3(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    text = CLEAN_CONFIG.replace("[OPCON API]", "JOBLOGDIR=a-file/joblogs\nLOGDIR=a-file\n\n[OPCON API]")

    _, findings = check_config(tmp_path, text)

    assert [(f.location, f.severity) for f in findings] == [
        ("[GENERAL] JOBLOGDIR", Severity.ERROR), ("[GENERAL] LOGDIR", Severity.ERROR),
    ]
    assert "cannot be created" in findings[0].message
    assert "cannot be written to" in findings[1].message


def test_folders_are_checked_without_creating_or_leaving_anything_b_2_3(tmp_path):
    (tmp_path / "log").mkdir()
    text = CLEAN_CONFIG.replace("[OPCON API]", "JOBLOGDIR=spool/joblogs\nLOGDIR=log\n\n[OPCON API]")

    _, findings = check_config(tmp_path, text)

    assert findings == []
    assert not (tmp_path / "spool").exists()
    assert list((tmp_path / "log").iterdir()) == []


def test_a_clean_template_has_no_findings(tmp_path):
    assert check_template(tmp_path, make_template()) == []


def test_a_template_that_does_not_load_is_one_error_at_its_field_b_3_2(tmp_path):
    hours = {"monday": {"start": "8:00", "stop": "1700"}}

    findings = check_template(tmp_path, make_template(workingHours=hours))

    assert where(findings) == [("templates/site.json", "workingHours.monday.start", Severity.ERROR)]
    assert "0800" in findings[0].hint


def test_invalid_json_is_one_error_at_its_line_b_3_2(tmp_path):
    findings = check_template(tmp_path, '{"address": {"value": "summit.example.com"},\n "rules": {,}}')

    assert where(findings) == [("templates/site.json", "line 2 column 12", Severity.ERROR)]


def test_unknown_template_keys_and_url_names_are_warnings_with_a_guess_b_3_2(tmp_path):
    template = make_template(
        rules={"includeTagRoutng": True}, urls=[{"name": "viewIncidnt", "value": "x"}], colour="blue",
    )

    findings = check_template(tmp_path, template)

    assert [(f.location, f.hint) for f in findings] == [
        ("colour", "remove it or correct its spelling"),
        ("rules.includeTagRoutng", "did you mean includeTagRouting?"),
        ("urls.viewIncidnt", "the URL names are incident, attachment, viewIncident"),
    ]


def test_a_plain_text_api_key_and_plain_http_are_warnings_b_6_2_b_3_3(tmp_path):
    template = make_template(address={"value": "http://summit.lab"}, credentials={"apiKey": "s3cret-key"})

    findings = check_template(tmp_path, template, environ={"SUMMIT_CONNECTOR_OPCON_TOKEN": "t"})

    assert [(f.location, f.severity) for f in findings] == [
        ("address.value", Severity.WARNING), ("credentials.apiKey", Severity.WARNING),
    ]
    assert "https://" in findings[0].hint
    assert "summit-connector encrypt -v" in findings[1].hint


def test_an_unknown_tag_indicator_is_a_warning_listing_the_known_ones_b_5(tmp_path):
    template = make_template(tags=[{"indicator": "TAG_BEGIN", "indicatorValue": "APP"}])

    [finding] = check_template(tmp_path, template)

    assert finding.location == "tags[0].indicator"
    assert "TAG_START, TAG_END" in finding.hint


def test_policy_findings_of_the_domain_carry_the_template_file_b_5_1(tmp_path):
    template = make_template(rules={"includeTagRouting": True, "includeWorkGroupNameTag": True},
                             tags=[{"indicator": "DEFAULT", "indicatorValue": "", "attribute": "A", "value": "B"}])

    findings = check_template(tmp_path, template)

    assert where(findings) == [("templates/site.json", "rules", Severity.WARNING)]


def test_a_token_refused_from_dotenv_is_a_finding_of_that_file_b_2_4(tmp_path):
    (tmp_path / ".env").write_text("SUMMIT_CONNECTOR_OPCON_TOKEN=ENC:gAAAAsecret\n")

    config, findings = check_config(tmp_path, environ={})

    assert config is None
    assert where(findings) == [(str(tmp_path / ".env"), "SUMMIT_CONNECTOR_OPCON_TOKEN", Severity.ERROR)]


def test_a_hint_follows_the_problem_not_the_words_of_the_value_b_7(tmp_path):
    findings = check_template(tmp_path, make_template(rules={"includeJobLogAttachment": "plain text"}))

    [finding] = findings
    assert finding.location == "rules.includeJobLogAttachment"
    assert "encrypt" not in finding.hint
    assert "must be true or false" in finding.message, finding.message
    assert finding.hint.startswith("correct it") and "run check again" in finding.hint, finding.hint
