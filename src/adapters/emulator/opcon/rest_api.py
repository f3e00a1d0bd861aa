"""The emulated OpCon REST API: routes, the `Authorization: Token <token>` check, error shapes (opcon-api.md §9)."""

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import HttpError, Request, Response
from summit_connector.adapters.emulator.opcon import jors, reads, status_changes, whole_job, writes
from summit_connector.adapters.emulator.opcon.error_shapes import api_errors, problem
from summit_connector.adapters.emulator.routing import Route, find

ROUTES = (
    Route("GET", "api/version", reads.version, auth=False),
    Route("GET", "api/tokens", reads.token),
    Route("GET", "api/servicestatus", reads.service_status),
    Route("GET", "api/dailyschedules", reads.list_schedules),
    Route("GET", "api/dailyschedules/{id}", reads.get_schedule),
    Route("GET", "api/dailyjobs", reads.list_jobs),
    Route("GET", "api/dailyjobs/{id}", reads.get_job),
    Route("PUT", "api/dailyjobs/{id}", whole_job.put_job),
    Route("GET", "api/dailyjobs/{uid}/incidenttickets", writes.get_tickets),
    Route("POST", "api/dailyjobs/{uid}/incidenttickets", writes.post_ticket),
    Route("PUT", "api/dailyjobs/{uid}/incidenttickets/{ticket}", writes.put_ticket),
    Route("DELETE", "api/dailyjobs/{uid}/incidenttickets/{ticket}", writes.delete_ticket),
    Route("GET", "api/dailyjobs/{id}/documentation", writes.get_documentation),
    Route("GET", "api/dailyjobs/{id}/documentation/{doc}", writes.get_documentation),
    Route("PUT", "api/dailyjobs/{id}/documentation/{doc}", writes.put_documentation),
    Route("DELETE", "api/dailyjobs/{id}/documentation/{doc}", writes.delete_documentation),
    Route("POST", "api/dailyjobs/{id}/documentation", writes.post_documentation),
    Route("POST", "api/jobinstanceactions", jors.submit),
    Route("GET", "api/jobinstanceactions/{action}", jors.poll),
    Route("POST", "api/jobactions", status_changes.submit),
    Route("GET", "api/jobactions/{action}", status_changes.poll),
)


def opcon_app(ctx: Context, request: Request) -> Response:
    found = find(ROUTES, request)
    if found == "path":
        return problem(404, f"No resource matches '{request.path}'.", request.path)
    if found == "method":
        return problem(405, f"{request.method} is not allowed on '{request.path}'.", request.path)
    route, values = found
    ctx.state.count(f"opcon:{route.method} {route.pattern}")
    if route.auth and not _authorised(ctx, request):
        return api_errors(401, "Invalid token specified")
    try:
        return route.handler(ctx, request, **values)
    except HttpError as error:
        return error.response


def _authorised(ctx: Context, request: Request) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "token" and token.strip() == ctx.opcon_token
