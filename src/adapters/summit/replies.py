"""Reading Summit's reply objects (reference §4, §5, §8): private DTOs, what counts as success, and what
Summit's own words say about the API key."""

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, Field, ValidationError

from summit_connector.adapters.redaction import quoted
from summit_connector.application.errors import SummitRejected
from summit_connector.domain.incident import HELD_FIELDS, ListedIncident, TicketReading

_FIRST_NUMBER = re.compile(r"\b\d+\b")
_KEY_REFUSAL = re.compile(
    r"invalid api|invalid key|authenticat|unauthori[sz]ed|not authori[sz]ed|access denied|expired", re.IGNORECASE
)


def _text(value: Any) -> str:
    if not value:
        return ""
    return value.strip() if isinstance(value, str) else json.dumps(value)


def _number(value: Any) -> int | None:
    if isinstance(value, str):
        value = value.strip()
        return int(value) if value.isascii() and value.isdigit() else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


def _items(value: Any) -> Any:
    """A list; one object stands for a list of one, null for none."""
    return [] if value is None else _one_or_many(value)


def _as_sent(value: Any) -> str:
    """Text as Summit holds it, not stripped: a Symptom is matched exactly (B-15.2)."""
    return value if isinstance(value, str) else _text(value)


def _held_text(value: Any) -> str:
    """Only text is re-sent (IncidentDetail2.cs types these `string`): another JSON value reads as empty."""
    return value.strip() if isinstance(value, str) else ""


Text = Annotated[str, BeforeValidator(_text)]
HeldText = Annotated[str, BeforeValidator(_held_text)]
Number = Annotated[int | None, BeforeValidator(_number)]


class _Reply(BaseModel):
    errors: Text = Field("", alias="Errors")
    message: Text = Field("", alias="Message")


class _LoggedReply(_Reply):
    ticket_no: Number = Field(None, alias="TicketNo")


class _TicketDetail(BaseModel):
    """One `TicketDetails` row; the held fields are keyed as in the public client's `IncidentDetail2.cs`, under
    the names the Ticket of an update takes (summit-api.md §5)."""

    status: Text = Field("", alias="Status")
    sup_function: HeldText = Field("", alias="Sup_Function")
    medium: HeldText = Field("", alias="Medium")
    source: HeldText = Field("", alias="Source")
    caller_email_id: HeldText = Field("", alias="Caller_EmailID")

    def held(self) -> tuple[tuple[str, str], ...]:
        """The HELD_FIELDS Summit returned with a value (B-4.5); an empty one is not re-sent."""
        values = {"Sup_Function": self.sup_function, "Medium": self.medium, "Source": self.source,
                  "Caller_EmailID": self.caller_email_id}
        return tuple((name, values[name]) for name in HELD_FIELDS if values.get(name))


class _IncidentDetails(BaseModel):
    ticket_details: Annotated[list[_TicketDetail], BeforeValidator(_one_or_many)] = Field(
        default_factory=list, alias="TicketDetails"
    )


class _DetailsOutput(BaseModel):
    incident_details: _IncidentDetails | None = Field(None, alias="IncidentDetails")


class _DetailsReply(_Reply):
    output_object: _DetailsOutput | None = Field(None, alias="OutputObject")


class _ListedRow(BaseModel):
    """One `IncidentDetail` row (the public client's `Models/IncidentDetail.cs`). The number a create answered is
    `Incident_ID`; `Ticket_ID` is text there (its commit 10a27ef, from a live tenant) and is not read. A
    `Ticket_No`, should a tenant send one, is taken first."""

    ticket_no: Text = Field("", alias="Ticket_No")
    incident_id: Number = Field(None, alias="Incident_ID")
    logged_time: Text = Field("", alias="Logged_Time")
    status: Text = Field("", alias="Status")
    symptom: Annotated[str, BeforeValidator(_as_sent)] = Field("", alias="Symptom")
    caller_email: Text = Field("", validation_alias=AliasChoices("Caller_EmailId", "Caller_EmailID"))

    @property
    def ticket(self) -> str:
        return self.ticket_no or (str(self.incident_id) if self.incident_id and self.incident_id > 0 else "")


class _ListedAttribute(BaseModel):
    """`Models/CustomAttribute.cs`: a create's CustomFields entry as Summit lists it back."""

    group_name: Text = Field("", alias="Group_Name")
    name: Text = Field("", alias="SR_CtAttribute_Name")
    value: Text = Field("", alias="AttributeText")


class _ListedTicket(BaseModel):
    """`Models/Ticket.cs`."""

    rows: Annotated[list[_ListedRow], BeforeValidator(_items)] = Field(default_factory=list, alias="IncidentDetail")
    attributes: Annotated[list[_ListedAttribute], BeforeValidator(_items)] = Field(
        default_factory=list, alias="CustomAttribute"
    )


class _ListOutput(BaseModel):
    tickets: Annotated[list[_ListedTicket], BeforeValidator(_items)] = Field(default_factory=list, alias="MyTickets")


class _ListReply(_Reply):
    output_object: _ListOutput | None = Field(None, alias="OutputObject")


def listed_page(reply: dict[str, Any], service: str, secret: str,
                read_time: Callable[[str], datetime | None]) -> list[ListedIncident]:
    """`OutputObject.MyTickets` (`Models/IncidentListOutputObject.cs`): each ticket's first row with its custom
    attributes; a ticket without a number is left out, and `read_time` gives None for a time it cannot read.
    SummitRejected when `Errors` is set or the reply is not of this shape; no OutputObject is an empty page."""
    _require_no_errors(_Reply.model_validate(reply), service, secret)
    try:
        parsed = _ListReply.model_validate(reply)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(part) for part in first["loc"]) or "reply"
        message = quoted(f"Summit {service} answered an unexpected shape ({place}: {first['msg']})", secret)
        raise SummitRejected(message, service=service) from exc
    tickets = parsed.output_object.tickets if parsed.output_object else []
    return [_listed(ticket, read_time) for ticket in tickets if ticket.rows and ticket.rows[0].ticket]


def _listed(ticket: _ListedTicket, read_time: Callable[[str], datetime | None]) -> ListedIncident:
    row = ticket.rows[0]
    custom = tuple((field.group_name, field.name, field.value) for field in ticket.attributes)
    return ListedIncident(row.ticket, row.symptom, row.caller_email, read_time(row.logged_time), row.status, custom)


def require_accepted(reply: dict[str, Any], service: str, secret: str) -> None:
    """SummitRejected quoting `Errors` and `Message` when `Errors` is set."""
    _require_no_errors(_Reply.model_validate(reply), service, secret)


def logged_ticket_number(reply: dict[str, Any], service: str, secret: str) -> str:
    """`TicketNo` when > 0, else the first number in `Message` (B-4.9); SummitRejected when neither is there."""
    parsed = _LoggedReply.model_validate(reply)
    _require_no_errors(parsed, service, secret)
    number = parsed.ticket_no or _first_number(parsed.message)
    if not number or number <= 0:
        detail = f"TicketNo {reply.get('TicketNo')!r}; Message: {parsed.message!r}"
        message = quoted(f"Summit {service} returned no ticket number ({detail})", secret)
        raise SummitRejected(message, maybe_processed=True, service=service)
    return str(number)


def _first_number(text: str) -> int | None:
    found = _FIRST_NUMBER.search(text)
    return int(found.group()) if found else None


def _require_no_errors(reply: _Reply, service: str, secret: str) -> None:
    if reply.errors:
        message = quoted(f"Summit {service} rejected the request: {_said(reply)}", secret)
        raise SummitRejected(message, service=service)


def _said(reply: _Reply) -> str:
    return f"Errors: {reply.errors}; Message: {reply.message}" if reply.message else f"Errors: {reply.errors}"


def ticket_reading(reply: dict[str, Any]) -> TicketReading | None:
    """`OutputObject.IncidentDetails.TicketDetails[0]`: its `Status`, with its `Sup_Function`, `Medium`, `Source`
    and `Caller_EmailID` (B-4.5); None when Errors is set, the shape differs or the status is empty."""
    try:
        parsed = _DetailsReply.model_validate(reply)
    except ValidationError:
        return None
    details = parsed.output_object.incident_details if parsed.output_object else None
    if parsed.errors or details is None or not details.ticket_details:
        return None
    row = details.ticket_details[0]
    return TicketReading(row.status, row.held()) if row.status else None


def key_refusal(reply: dict[str, Any], secret: str) -> str:
    """Summit's `Errors` and `Message`, quoted, when their words refuse the API key (§8); else ""."""
    said = quoted(" ".join(str(reply.get(field) or "") for field in ("Errors", "Message")), secret)
    return said if _KEY_REFUSAL.search(said) else ""
