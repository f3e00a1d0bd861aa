"""A throw-away Connector.config and template pointing at a running emulator (for `sandbox` and `demo`)."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from summit_connector.adapters.emulator.emulator import Emulator

SERVICE_PATH = "REST/Summit_RESTWCF.svc/RESTService"


def sample_config_files(directory: Path, emulator: "Emulator") -> tuple[Path, Path]:
    """Writes `Connector.config` and `templates/sandbox.json` in `directory`; returns both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "Connector.config"
    config.write_text(_connector_config(emulator), encoding="utf-8")
    template = directory / "templates" / "sandbox.json"
    template.parent.mkdir(exist_ok=True)
    template.write_text(json.dumps(_template(emulator), indent=2) + "\n", encoding="utf-8")
    return config, template


def _connector_config(emulator: "Emulator") -> str:
    opcon = urlsplit(emulator.opcon_url)
    return (
        "[GENERAL]\nJOBLOGDIR=joblogs\nTEMPLATESDIR=templates\nLOGDIR=log\nDAILY_START_HOUR=07\n\n"
        f"[OPCON API]\nADDRESS={opcon.hostname}\nPORT={opcon.port}\nUSES_TLS=False\nTOKEN={emulator.opcon_token}\n"
    )


def _template(emulator: "Emulator") -> dict[str, Any]:
    service = f"{emulator.summit_prefix.strip('/')}/{SERVICE_PATH}".lstrip("/")
    return {
        "ticketDescription": "OpCon job @EV_Job of schedule @EV_Schedule failed on @EV_Date (agent @EV_Agent).",
        "ticketInformation": "Job @EV_Job (@EV_Schedule, @EV_Date) failed on @EV_Agent with @EV_errorcode.",
        "address": {"name": "SUMMIT", "value": emulator.summit_url},
        "viewAddress": {"name": "SUMMIT_VIEW", "value": urlsplit(emulator.summit_url).netloc},
        "credentials": {"apiKey": emulator.summit_api_key},
        "rules": {"includeJobLogAttachment": True, "includeTagRouting": True, "includeWorkGroupNameTag": False,
                  "includeCategoryNameTag": True, "includeAssignToTag": True, "submitSingleIncidentPerDay": False},
        "urls": [
            {"name": "incident", "value": f"{service}/CommonWS_JsonObjCall_JSON"},
            {"name": "attachment", "value": f"{service}/Summit_UploadAttachmentBase64Encoded"},
            {"name": "viewIncident", "value": "http://{0}/MDLIncidentMgmt/IM_TicketDetail.aspx?ID={1}"},
        ],
        "attributes": [{"name": "Caller_EmailID", "value": "opcon@example.com"}],
        "customAttributes": [{"groupName": "OpCon", "name": "Schedule", "value": "@EV_Schedule"}],
        "ci": {"key": "Host Name", "value": "@EV_Agent"},
        "tags": [
            {"indicator": "TAG_END", "indicatorValue": "ROUTE1", "attribute": "Assigned_WorkGroup_Name",
             "value": "Application One"},
            {"indicator": "DEFAULT", "indicatorValue": "", "attribute": "Assigned_WorkGroup_Name", "value": "DevOps"},
            {"indicator": "EXIT", "indicatorValue": "NOTICKET", "attribute": "", "value": ""},
            {"indicator": "ASSIGNTO", "indicatorValue": "", "attribute": "Assigned_Engineer_Email",
             "value": "@example.com"},
        ],
        "summit": {"attachmentFileField": emulator.settings.attachment_field},
    }
