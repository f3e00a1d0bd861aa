"""`summit-connector encrypt -v VALUE`: one `ENC:` line on stdout for Connector.config or a template (B-6.1)."""

from summit_connector.adapters.config.secrets import KEY_ENV, encrypt, obtain_key
from summit_connector.entrypoints.command_line import PROGRAM, config_path
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation


def run(invocation: Invocation) -> ExitCode:
    args, stdout, stderr, environ = invocation.args, invocation.stdout, invocation.stderr, invocation.environ
    key, created = obtain_key(environ, config_path(args.config, environ))
    if created:
        print(
            f"{PROGRAM}: note: created the key file {key.origin} (owner-only); keep it with Connector.config, "
            f"or set {KEY_ENV} to its content: without it ENC: values cannot be read",
            file=stderr,
        )
    print(encrypt(args.value, key), file=stdout)
    return ExitCode.OK
