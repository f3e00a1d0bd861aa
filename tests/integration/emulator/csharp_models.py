"""The public C# Summit client's models as key sets by C# type, and a check that a reply row fits one.

The client is panoramicdata/SymphonyAi.Summit.Api (HEAD 01ab27a1c7e3); it reads replies with System.Text.Json
(`ReadFromJsonAsync`): every `required` key present, `int` keys numbers, `bool` keys booleans.
"""

CUSTOM_ATTRIBUTE = {int: "ID Incident_ID IM_CtAttribute_ID", str: "Group_Name SR_CtAttribute_Name AttributeText"}
"""`SymphonyAi.Summit.Api/Models/CustomAttribute.cs`."""


def shape_errors(row: dict, model: dict[type, str]) -> list[str]:
    """Keys missing, extra, or of a JSON type the C# property cannot take (null is fine for `string`/`object`)."""
    wanted = {key: kind for kind, keys in model.items() for key in keys.split()}
    errors = [f"missing {key}" for key in wanted.keys() - row.keys()]
    errors += [f"extra {key}" for key in row.keys() - wanted.keys()]
    return errors + [f"{key}: {row[key]!r} is no {kind.__name__}" for key, kind in wanted.items()
                     if key in row and not _fits(row[key], kind)]


def _fits(value: object, kind: type) -> bool:
    if kind is object or (kind is str and value is None):
        return True
    return type(value) is kind
