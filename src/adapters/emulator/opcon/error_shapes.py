"""OpCon's three error shapes (opcon-api.md §9), and the 400 and 404 a handler raises in them."""

import json
from http import HTTPStatus
from typing import Any

from summit_connector.adapters.emulator.exchange import HttpError, Request, Response, json_response


def api_errors(status: int, message: str) -> Response:
    """OpCon error shape 1: an array of ApiError (used for 401)."""
    return json_response([{"resource": None, "name": None, "code": status, "message": message, "ids": None}], status)


def code_message(status: int, message: str) -> Response:
    """OpCon error shape 2: a single `{code, message}` object (used for 400)."""
    return json_response({"code": status, "message": message}, status)


def problem(status: int, detail: str, instance: str) -> Response:
    """OpCon error shape 3: RFC 7807 ProblemDetails (used for 404, 405 and injected failures)."""
    body = {"type": f"https://httpstatuses.io/{status}", "title": _reason(status), "status": status,
            "detail": detail, "instance": instance}
    return Response(status, json.dumps(body).encode("utf-8"), "application/problem+json; charset=utf-8")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def bad_request(message: str) -> HttpError:
    return HttpError(code_message(400, message))


def not_found(detail: str, instance: str) -> HttpError:
    return HttpError(problem(404, detail, instance))


def object_body(request: Request) -> dict[str, Any]:
    """The JSON object a POST/PUT must carry, else a 400 in OpCon's `{code, message}` shape."""
    try:
        body = request.json_body()
    except ValueError:
        raise bad_request("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body
