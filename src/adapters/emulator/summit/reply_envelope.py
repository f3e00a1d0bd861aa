"""Summit's reply envelope, common to every `CommonWS_JsonObjCall` service (summit-api.md §4.1)."""

from typing import Any


def envelope(errors: str = "", message: str = "", output_object: Any = None, **extra: Any) -> dict[str, Any]:
    """The common envelope, keys in the alphabetical order .NET DataContract serialisation gives."""
    reply = {"Errors": errors, "Input": None, "Message": message, "OrgID": 0, "Output": None, "OutputID": 0,
             "OutputObject": output_object, "TokenID": None, **extra}
    return dict(sorted(reply.items()))
