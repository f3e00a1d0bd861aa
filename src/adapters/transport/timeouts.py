"""How long an exchange with OpCon or Summit may take (`[GENERAL] HTTP_TIMEOUT`, B-2.3)."""

DEFAULT_HTTP_TIMEOUT = 30.0
