"""The incident view page, GET /MDLIncidentMgmt/IM_TicketDetail.aspx?ID=n: a title only (summit-api.md §6)."""

import html

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, text_response
from summit_connector.adapters.emulator.summit.ticket_numbers import ticket_number


def ticket_page(ctx: Context, request: Request) -> Response:
    incident = ctx.state.incidents.get(ticket_number(request.param("ID")))
    if incident is None:
        return text_response(404, "<html><body>Ticket not found</body></html>")
    title = html.escape(f"Incident {incident.ticket_no}: {incident.status}")
    return text_response(200, f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>")
