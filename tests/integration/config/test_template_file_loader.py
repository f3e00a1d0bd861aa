"""Template loading (B-3, B-2.4, B-6.2): resolution, schema, domain values, Summit connection and errors."""

import base64
import json
from pathlib import Path

import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.settings import ConnectorConfig
from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.config.template_file import load_template
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Severity
from summit_connector.domain.template import (
    Attribute,
    JobAction,
    Recovery,
    RecoveryAction,
    Rules,
    SummitOptions,
    SyncPolicy,
    TriggerText,
)
from summit_connector.domain.working_hours import DayWindow

REPOSITORY = Path(__file__).resolve().parents[3]
VENDOR_EXAMPLE = Path(__file__).with_name("vendor_basic_template.txt")  # as published, invalid JSON included


def make_template(**overrides: object) -> dict[str, object]:
    template: dict[str, object] = {
        "address": {"name": "production", "value": "summit.example.com"},
        "credentials": {"apiKey": "file-key"},
        "rules": {},
    }
    template.update(overrides)
    return template


def make_config(folder: Path, extra: str = "") -> ConnectorConfig:
    (folder / "templates").mkdir(exist_ok=True)
    path = folder / "Connector.config"
    path.write_text("[OPCON API]\nADDRESS=opcon.example.com\nTOKEN=t\n" + extra)
    return load_connector_config(path, {})


def write_template(folder: Path, content: object, name: str = "site.json") -> Path:
    path = folder / "templates" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2))
    return path


def load(folder: Path, content: object, environ: dict[str, str] | None = None, extra: str = ""):
    config = make_config(folder, extra)
    write_template(folder, content)
    return load_template("site", config, environ or {})


def error_of(folder: Path, content: object) -> str:
    with pytest.raises(InvalidInput) as caught:
        load(folder, content)
    return str(caught.value)


def legacy_encrypted(plain: bytes) -> str:
    return "".join(f"{byte:02x}" for byte in base64.b64encode(plain))


def test_basic_json_is_the_vendor_example_as_valid_json_with_the_daily_rule_off_b3_2():
    published = VENDOR_EXAMPLE.read_text(encoding="utf-8")
    vendor = json.loads(published.replace('"submitSingleIncidentPerDay": day', '"submitSingleIncidentPerDay": false'))

    ours = json.loads((REPOSITORY / "templates" / "basic.json").read_text(encoding="utf-8"))

    assert ours == vendor


def test_basic_json_as_shipped_names_its_placeholder_address_as_the_thing_to_fill_in_b3_3(tmp_path):
    config = make_config(tmp_path)
    write_template(tmp_path, (REPOSITORY / "templates" / "basic.json").read_text(encoding="utf-8"), "basic.json")

    with pytest.raises(InvalidInput) as error:
        load_template("basic.json", config, {})

    assert "address.value" in str(error.value) and "'Symphony Summit Instance address'" in str(error.value)


def test_basic_json_loads_into_the_domain_template_once_its_address_is_filled_in_b3_2(tmp_path):
    config = make_config(tmp_path)
    text = (REPOSITORY / "templates" / "basic.json").read_text(encoding="utf-8")
    write_template(tmp_path, text.replace("Symphony Summit Instance address", "summit.example.com"), "basic.json")

    loaded = load_template("basic.json", config, {})

    template = loaded.template
    assert template.rules == Rules(True, True, False, True, True, False)
    assert template.working_hours.days[0] == DayWindow(8 * 60, 19 * 60)
    assert template.working_hours.days[5] == DayWindow(8 * 60, 11 * 60)
    assert template.working_hours.days[6] == DayWindow(0, 0)
    assert [(a.name, a.value) for a in template.attributes] == [("Impact_Name", "Low"), ("Urgency_Name", "High")]
    assert template.custom_attributes[0].value == "@EV_Job"
    assert [t.indicator for t in template.tags] == ["TAG_END", "TAG_START", "EXIT", "CATNAME", "ASSIGNTO", "DEFAULT"]
    assert template.view_incident_url == "https://{0}/MDLIncidentMgmt/IM_TicketDetail.aspx?ID={1}"
    assert template.summit == SummitOptions()
    assert loaded.unknown_keys == ()


@pytest.mark.parametrize("name", ["site", "site.json"])
def test_template_name_resolves_in_templatesdir_with_json_appended_when_missing_b3_1(tmp_path, name):
    config = make_config(tmp_path)
    written = write_template(tmp_path, make_template())

    loaded = load_template(name, config, {})

    assert loaded.path == written


def test_template_given_as_a_path_is_used_as_is_b3_1(tmp_path, monkeypatch):
    config = make_config(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "custom.json").write_text(json.dumps(make_template()))
    monkeypatch.chdir(tmp_path)

    by_absolute = load_template(str(elsewhere / "custom.json"), config, {})
    by_relative = load_template("elsewhere/custom", config, {})

    assert by_absolute.path == by_relative.path == elsewhere / "custom.json"


def test_templatesdir_from_the_config_is_where_names_resolve_b3_1(tmp_path):
    config = make_config(tmp_path, "[GENERAL]\nTEMPLATESDIR=tpl\n")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "site.json").write_text(json.dumps(make_template()))

    loaded = load_template("site", config, {})

    assert loaded.path == tmp_path / "tpl" / "site.json"


def test_missing_template_is_an_error_naming_the_file_b3_1(tmp_path):
    config = make_config(tmp_path)

    with pytest.raises(InvalidInput, match=r"^templates/nothere\.json: template file not found$"):
        load_template("nothere", config, {})


def test_invalid_json_names_file_line_and_column_b3_2(tmp_path):
    message = error_of(tmp_path, '{\n  "rules": {"submitSingleIncidentPerDay": day}\n}')

    assert message.startswith("templates/site.json: line 2 column 43: invalid JSON")


def test_json_that_is_not_an_object_is_an_error_b3_2(tmp_path):
    assert error_of(tmp_path, "[1, 2]") == "templates/site.json: must be an object, got a list"


@pytest.mark.parametrize("field", ["address", "credentials", "rules"])
def test_address_credentials_and_rules_are_required_b3_2(tmp_path, field):
    template = make_template()
    del template[field]

    assert error_of(tmp_path, template) == f"templates/site.json: {field}: is required"


def test_address_needs_a_value_b3_2(tmp_path):
    message = error_of(tmp_path, make_template(address={"name": "production"}))

    assert message == "templates/site.json: address.value: is required"


def test_rules_absent_from_the_rules_block_take_their_defaults_b3_2(tmp_path):
    loaded = load(tmp_path, make_template())

    assert loaded.template.rules == Rules(include_job_log_attachment=True)
    assert not any(
        getattr(loaded.template.rules, name)
        for name in Rules.__dataclass_fields__
        if name != "include_job_log_attachment"
    )


def test_rules_given_as_true_false_strings_are_accepted_b3_2(tmp_path):
    rules = {"includeTagRouting": "true", "includeJobLogAttachment": "False", "includeAssignToTag": True}

    loaded = load(tmp_path, make_template(rules=rules))

    assert loaded.template.rules.include_tag_routing is True
    assert loaded.template.rules.include_job_log_attachment is False
    assert loaded.template.rules.include_assign_to_tag is True


@pytest.mark.parametrize(("value", "shown"), [("maybe", "'maybe'"), (1, "1"), (None, "None")])
def test_a_rule_that_is_not_true_or_false_is_an_error_b3_2(tmp_path, value, shown):
    message = error_of(tmp_path, make_template(rules={"includeTagRouting": value}))

    assert message == f"templates/site.json: rules.includeTagRouting: must be true or false, got {shown}"


@pytest.mark.parametrize(
    ("value", "shown"), [("25:00", "'25:00'"), ("2500", "'2500'"), ("0860", "'0860'"), ("800", "'800'"), (800, "800")]
)
def test_working_hours_must_be_four_digit_hhmm_times_b3_2(tmp_path, value, shown):
    message = error_of(tmp_path, make_template(workingHours={"monday": {"start": value, "stop": "1900"}}))

    assert (
        message
        == f"templates/site.json: workingHours.monday.start: must be four digits HHMM (0000 to 2359), got {shown}"
    )


def test_a_time_that_is_not_hhmm_carries_the_hint_to_quote_four_digits_b3_2(tmp_path):
    config = make_config(tmp_path)
    write_template(tmp_path, make_template(workingHours={"monday": {"start": 800, "stop": "1900"}}))

    with pytest.raises(InvalidInput) as caught:
        load_template("site", config, {})

    finding = caught.value.finding
    assert (finding.file, finding.location, finding.severity) == (
        "templates/site.json", "workingHours.monday.start", Severity.ERROR,
    )
    assert '"0800"' in finding.hint


def test_unknown_keys_are_warnings_with_a_guess_at_the_key_meant_b3_2(tmp_path):
    loaded = load(tmp_path, make_template(rules={"includeTagRoutng": True}))

    [unknown] = loaded.unknown_keys
    assert (unknown.file, unknown.location, unknown.severity) == (
        "templates/site.json", "rules.includeTagRoutng", Severity.WARNING,
    )
    assert unknown.hint == "did you mean includeTagRouting?"


def test_a_day_missing_from_working_hours_has_none_b4_8(tmp_path):
    loaded = load(tmp_path, make_template(workingHours={"tuesday": {"start": "2200", "stop": "0600"}}))

    assert loaded.template.working_hours.days == {1: DayWindow(22 * 60, 6 * 60)}


def test_errors_inside_lists_name_the_item_b3_2(tmp_path):
    message = error_of(
        tmp_path, make_template(tags=[{"indicator": "EXIT", "indicatorValue": "X"}, {"indicator": "DEFAULT"}])
    )

    assert message == "templates/site.json: tags[1].indicatorValue: is required"


def test_attribute_lists_become_domain_attributes_b3_2(tmp_path):
    template = make_template(
        workingHoursAttributes=[{"name": "Priority_Name", "value": "P2"}],
        nonWorkingHoursAttributes=[{"name": "Priority_Name", "value": 4}],
        customAttributes=[{"groupName": "Other Details", "name": "Abend", "value": "Yes"}],
    )

    loaded = load(tmp_path, template)

    assert loaded.template.working_hours_attributes[0].value == "P2"
    assert loaded.template.non_working_hours_attributes[0].value == "4"
    assert loaded.template.custom_attributes[0].group_name == "Other Details"


def test_unknown_keys_are_ignored_and_listed_as_dotted_paths_b3_2(tmp_path):
    template = make_template(
        colour="blue",
        rules={"includeTagRoutng": True},
        workingHours={"mondya": {"start": "0800", "stop": "1700"}},
        tags=[{"indicator": "EXIT", "indicatorValue": "X", "note": "n"}],
        urls=[{"name": "login", "value": "x"}],
        summit={"tenant": "a"},
    )

    loaded = load(tmp_path, template)

    assert {warning.location for warning in loaded.unknown_keys} == {
        "colour",
        "rules.includeTagRoutng",
        "workingHours.mondya",
        "tags[0].note",
        "urls.login",
        "summit.tenant",
    }
    assert loaded.template.rules.include_tag_routing is False


def test_summit_block_defaults_to_the_values_in_the_spec_b3_4(tmp_path):
    loaded = load(tmp_path, make_template())

    assert loaded.template.summit == SummitOptions(
        1, "New", "In-Progress", ("Resolved",), ("Closed", "Cancelled"), "FileBase64"
    )


def test_summit_block_overrides_and_accepts_a_numeric_string_org_id_b3_4(tmp_path):
    summit = {
        "orgId": "7",
        "newStatus": "Open",
        "reopenStatus": "Reopened",
        "closedStatuses": ["Done"],
        "attachmentFileField": "File",
    }

    loaded = load(tmp_path, make_template(summit=summit))

    assert loaded.template.summit == SummitOptions(7, "Open", "Reopened", ("Resolved",), ("Done",), "File")


def test_org_id_that_is_not_a_number_is_an_error_b3_4(tmp_path):
    message = error_of(tmp_path, make_template(summit={"orgId": "abc"}))

    assert message == "templates/site.json: summit.orgId: must be a whole number, got 'abc'"


def test_a_bare_host_address_means_https_and_vendor_paths_apply_by_default_b3_3(tmp_path):
    loaded = load(
        tmp_path,
        make_template(),
        extra="[GENERAL]\nHTTP_TIMEOUT=9\n[PROXY SERVER]\nUSES_PROXY=on\nADDRESS=proxy\nPORT=3128\n",
    )

    assert loaded.summit == SummitConnection(
        base_url="https://summit.example.com", api_key="file-key", timeout_seconds=9.0, proxy_url="http://proxy:3128"
    )


def test_a_full_http_address_is_kept_with_a_warning_b3_3(tmp_path):
    loaded = load(tmp_path, make_template(address={"value": "http://lab.local:8080/summit/"}))

    assert loaded.summit.base_url == "http://lab.local:8080/summit"
    assert any("address.value uses plain http" in warning.line() for warning in loaded.warnings)


def test_address_with_another_scheme_is_an_error_b3_3(tmp_path):
    message = error_of(tmp_path, make_template(address={"value": "ftp://summit"}))

    assert message == (
        "templates/site.json: address.value: must be a host name, host:port or an http(s) URL, got 'ftp://summit'"
    )


def test_incident_and_attachment_paths_come_from_urls_b3_3(tmp_path):
    urls = [
        {"name": "incident", "value": "inc/path"},
        {"name": "attachment", "value": "att/path"},
        {"name": "incident", "value": "later"},
    ]

    loaded = load(tmp_path, make_template(urls=urls))

    assert (loaded.summit.incident_path, loaded.summit.attachment_path) == ("inc/path", "att/path")
    assert loaded.template.view_incident_url == ""


@pytest.mark.parametrize(
    ("view_address", "address", "expected"),
    [
        ({"value": "view.example.com"}, "summit.example.com", "view.example.com"),
        ({"value": "https://view.example.com:8443/x"}, "summit.example.com", "view.example.com:8443"),
        (None, "https://summit.example.com:9443/api", "summit.example.com:9443"),
    ],
)
def test_view_host_is_view_address_else_address_without_scheme_b3_3(tmp_path, view_address, address, expected):
    template = make_template(address={"value": address}, **({"viewAddress": view_address} if view_address else {}))

    loaded = load(tmp_path, template)

    assert loaded.template.view_host == expected


def test_api_key_from_environment_beats_dotenv_and_template_b2_4(tmp_path):
    (tmp_path / ".env").write_text("SUMMIT_CONNECTOR_SUMMIT_API_KEY=dotenv-key\n")

    loaded = load(tmp_path, make_template(), environ={"SUMMIT_CONNECTOR_SUMMIT_API_KEY": "env-key"})

    assert loaded.summit.api_key == "env-key"
    assert loaded.warnings == ()


def test_api_key_from_dotenv_beside_the_config_beats_the_template_b2_4(tmp_path):
    (tmp_path / ".env").write_text("SUMMIT_CONNECTOR_SUMMIT_API_KEY=dotenv-key\n")

    loaded = load(tmp_path, make_template())

    assert loaded.summit.api_key == "dotenv-key"


def test_api_key_may_come_from_environment_alone_b2_4(tmp_path):
    loaded = load(tmp_path, make_template(credentials={}), environ={"SUMMIT_CONNECTOR_SUMMIT_API_KEY": "env-key"})

    assert loaded.summit.api_key == "env-key"


def test_api_key_missing_everywhere_is_an_error_b2_4(tmp_path):
    message = error_of(tmp_path, make_template(credentials={"apiKey": ""}))

    assert message.startswith("templates/site.json: credentials.apiKey: missing")
    assert "SUMMIT_CONNECTOR_SUMMIT_API_KEY" in message


def test_legacy_encrypted_api_key_is_revealed_without_warning_b6_2(tmp_path):
    loaded = load(tmp_path, make_template(credentials={"apiKey": legacy_encrypted(b"the-api-key")}))

    assert loaded.summit.api_key == "the-api-key"
    assert loaded.warnings == ()


def test_plain_api_key_is_accepted_with_a_warning_that_does_not_show_it_b6_2(tmp_path):
    loaded = load(tmp_path, make_template())

    assert loaded.summit.api_key == "file-key"
    assert tuple(warning.line() for warning in loaded.warnings) == (
        "templates/site.json: credentials.apiKey is plain text; encrypt it or move it to the environment or .env",
    )
    assert "file-key" not in repr(loaded)


def test_an_api_key_of_the_wrong_type_is_refused_without_showing_it_b6_3(tmp_path):
    message = error_of(tmp_path, make_template(credentials={"apiKey": ["s3cr3t"]}))

    assert message == "templates/site.json: credentials.apiKey: must be text"


def test_an_unknown_tag_indicator_is_a_warning_b3_2(tmp_path):
    loaded = load(tmp_path, make_template(tags=[{"indicator": "TAGSTART", "indicatorValue": "X"}]))

    assert (
        loaded.warnings[0].line()
        == "templates/site.json: tags[0].indicator: unknown indicator 'TAGSTART'; the rule is never applied"
    )


def test_a_utf8_byte_order_mark_from_windows_notepad_is_accepted_b3_2(tmp_path):
    config = make_config(tmp_path)
    (tmp_path / "templates" / "site.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(make_template()).encode())

    loaded = load_template("site", config, {})

    assert loaded.summit.base_url == "https://summit.example.com"


@pytest.mark.parametrize("address", ["summit.example.com:abc", "https://[::1", "http://127.0.0.1:99999",
                                     "summit host", "ftp://summit.example.com"])
def test_a_summit_address_that_is_not_a_url_is_an_error_naming_it_b3_3(tmp_path, address):
    message = error_of(tmp_path, make_template(address={"name": "prod", "value": address}))

    assert "address.value: must be a host name, host:port or an http(s) URL" in message


def test_a_password_in_the_summit_address_is_not_shown_b6_3(tmp_path):
    message = error_of(tmp_path, make_template(address={"name": "p", "value": "http://user:Pa55word@host:abc"}))

    assert "Pa55word" not in message and "***" in message


def test_credentials_given_as_a_string_do_not_echo_the_key_b6_3(tmp_path):
    message = error_of(tmp_path, make_template(credentials="MySecretKey123"))

    assert "credentials" in message and "MySecretKey123" not in message


def test_a_user_name_or_password_in_the_summit_address_is_refused_without_showing_it_b6_3(tmp_path):
    message = error_of(tmp_path, make_template(address={"name": "p", "value": "https://bob:S3cret@summit.example"}))

    assert "must not hold a user name or password" in message and "S3cret" not in message


def test_triggers_recovery_and_sync_blocks_load_into_the_domain_b_11_b_12(tmp_path):
    loaded = load(tmp_path, make_template(
        triggers={"late-to-finish": {"ticketDescription": "late @EV_Job", "attributes": [{"name": "P", "value": "1"}]}},
        recovery={"action": "Resolve", "via": ["In-Progress"], "solution": "done", "resolvedStatus": "Resolved",
                  "attributes": [{"name": "Closure_Code_Name", "value": "Successful"}]},
        sync={"onStatus": {"Resolved": "markfixed"}},
    ))

    template = loaded.template
    assert template.trigger_text("late-to-finish") == TriggerText("late @EV_Job", None, (Attribute("P", "1"),))
    assert template.recovery == Recovery(RecoveryAction.RESOLVE, "", "Resolved", ("In-Progress",), "done",
                                         (Attribute("Closure_Code_Name", "Successful"),))
    assert template.sync == SyncPolicy((("Resolved", JobAction.MARK_FIXED),), ("Closed", "Cancelled"))
    assert loaded.unknown_keys == ()


def test_without_the_blocks_the_defaults_apply_b_11_b_12(tmp_path):
    template = load(tmp_path, make_template()).template

    assert (template.triggers, template.recovery, template.sync) == ((), Recovery(), SyncPolicy())


def test_an_unknown_key_inside_a_trigger_block_is_a_warning_with_a_guess_b_3_2(tmp_path):
    loaded = load(tmp_path, make_template(triggers={"late-to-start": {"ticketInformaton": "x"}}))

    [finding] = loaded.unknown_keys
    assert (finding.location, finding.hint) == ("triggers.late-to-start.ticketInformaton",
                                                "did you mean ticketInformation?")


@pytest.mark.parametrize(("block", "said"), [
    ({"recovery": {"action": "close"}}, "recovery.action: must be one of annotate, resolve, none, got 'close'"),
    ({"recovery": {"via": ["In-Progress", 3]}}, "recovery.via[1]: must be a Summit status name"),
    ({"recovery": {"via": ["  "]}}, "recovery.via[0]: must be a Summit status name"),
    ({"recovery": {"via": "In-Progress"}}, "recovery.via: must be a list"),
    ({"sync": {"onStatus": {"Resolved": "fix"}}}, "sync.onStatus.Resolved: must be one of markUnderReview, markFixed"),
    ({"sync": {"stopOn": "Closed"}}, "sync.stopOn: must be a list"),
    ({"sync": {"stopOn": [None]}}, "sync.stopOn[0]: must be a Summit status name"),
    ({"triggers": {"late-to-start": "x"}}, "triggers.late-to-start: must be an object"),
])
def test_a_bad_value_in_the_new_blocks_is_one_error_at_its_field_b_7(tmp_path, block, said):
    assert said in error_of(tmp_path, make_template(**block))
