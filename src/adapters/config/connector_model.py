"""Connector.config's schema (B-2.2, B-2.3) as private pydantic models over the INI's lower-cased keys."""

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, BeforeValidator, Field, field_validator

from summit_connector.adapters.config.settings import DEFAULT_HTTP_TIMEOUT
from summit_connector.domain.template import DEFAULT_MAX_JOBLOG_BYTES

SECTIONS = ("GENERAL", "DEFAULTS", "PROXY SERVER", "OPCON API")
_TRUE, _FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}


def _ini_bool(value: object) -> object:
    text = str(value).lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise ValueError("must be True/False, yes/no, on/off or 1/0")


IniBool = Annotated[bool, BeforeValidator(_ini_bool)]
Port = Annotated[int, Field(ge=1, le=65535)]


class GeneralSection(BaseModel):
    joblogdir: str = "joblogs"
    templatesdir: str = "templates"
    logdir: str = "log"
    daily_start_hour: int = Field(0, ge=0, le=23)
    debug: IniBool = False
    timezone: str | None = None
    http_timeout: float = Field(DEFAULT_HTTP_TIMEOUT, gt=0)
    max_joblog_bytes: int = Field(DEFAULT_MAX_JOBLOG_BYTES, ge=1024)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone name such as Europe/Amsterdam") from None
        return name


class ProxySection(BaseModel):
    uses_proxy: IniBool = False
    address: str | None = Field(None, validation_alias=AliasChoices("address", "server"))
    port: Port | None = None


class OpConSection(BaseModel):
    address: str = Field(validation_alias=AliasChoices("address", "server"))
    port: Port | None = None
    uses_tls: IniBool = True
    token: str = Field("", repr=False)
    verify_tls: IniBool = True
    ca_bundle: str | None = None


class ConnectorFile(BaseModel):
    general: GeneralSection = Field(alias="GENERAL")
    defaults: dict[str, str] = Field(alias="DEFAULTS")
    proxy: ProxySection = Field(alias="PROXY SERVER")
    opcon: OpConSection = Field(alias="OPCON API")
