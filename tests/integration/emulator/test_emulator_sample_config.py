"""The throw-away Connector.config and template `sandbox` and `demo` point at the emulator (B-2, B-3.2)."""

import configparser
import json

import pytest

from summit_connector.adapters.emulator import Emulator, sample_config_files


@pytest.fixture(scope="module")
def emulator():
    with Emulator(opcon_token="t-1", summit_api_key="k-1") as running:
        yield running


def test_connector_config_points_at_the_opcon_emulator_without_tls(emulator, tmp_path):
    config_path, _ = sample_config_files(tmp_path, emulator)
    config = configparser.ConfigParser()

    config.read(config_path)

    opcon = config["OPCON API"]
    assert (opcon["ADDRESS"], opcon["PORT"]) == ("127.0.0.1", emulator.opcon_url.rsplit(":", 1)[1])
    assert (opcon["USES_TLS"], opcon["TOKEN"]) == ("False", "t-1")
    assert dict(config["GENERAL"]) == {"joblogdir": "joblogs", "templatesdir": "templates", "logdir": "log",
                                       "daily_start_hour": "07"}


def test_template_targets_the_summit_emulator_with_vendor_urls_and_routing(emulator, tmp_path):
    _, template_path = sample_config_files(tmp_path, emulator)

    template = json.loads(template_path.read_text())

    assert template_path == tmp_path / "templates" / "sandbox.json"
    assert template["address"]["value"] == emulator.summit_url
    assert template["viewAddress"]["value"] == emulator.summit_url.removeprefix("http://")
    assert template["credentials"] == {"apiKey": "k-1"}
    assert template["rules"]["includeJobLogAttachment"] and template["rules"]["includeTagRouting"]
    urls = {url["name"]: url["value"] for url in template["urls"]}
    assert urls["incident"] == "api_integration/REST/Summit_RESTWCF.svc/RESTService/CommonWS_JsonObjCall_JSON"
    assert urls["attachment"].endswith("RESTService/Summit_UploadAttachmentBase64Encoded")
    assert urls["viewIncident"] == "http://{0}/MDLIncidentMgmt/IM_TicketDetail.aspx?ID={1}"
    rules = {(tag["indicator"], tag["indicatorValue"]): tag["value"] for tag in template["tags"]}
    assert rules[("TAG_END", "ROUTE1")] == "Application One"
    assert rules[("DEFAULT", "")] == "DevOps"
    assert ("EXIT", "NOTICKET") in rules
    assert rules[("ASSIGNTO", "")] == "@example.com"


def test_config_files_need_a_started_emulator(tmp_path):
    with pytest.raises(RuntimeError):
        sample_config_files(tmp_path, Emulator())
