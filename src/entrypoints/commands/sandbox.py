"""`summit-connector sandbox`: a local OpCon + Summit emulator with sample jobs, until interrupted (B-7)."""

import threading
from pathlib import Path

from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.adapters.emulator import sample_config_files
    from summit_connector.entrypoints.container import make_emulator

    args, stdout = invocation.args, invocation.stdout
    emulator = make_emulator()
    opcon_port = args.port or 0
    emulator.start(opcon_port=opcon_port, summit_port=opcon_port + 1 if opcon_port else 0)
    try:
        samples = emulator.seed_samples()
        config, template = sample_config_files(Path(args.dir).resolve(), emulator)
        example = " ".join(_quoted(a) for a in samples.plain.report_args())
        print(f"OpCon API emulator:  {emulator.opcon_url}", file=stdout)
        print(f"Summit API emulator: {emulator.summit_url}", file=stdout)
        print(f"Connector.config:    {config}", file=stdout)
        print(f"Template:            {template}", file=stdout)
        print(f"Try: summit-connector -c {_quoted(str(config))} {example} -t sandbox", file=stdout)
        print("Ready. Press Ctrl+C to stop.", file=stdout, flush=True)
        threading.Event().wait(args.seconds) if args.seconds else threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return ExitCode.OK


def _quoted(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ' $[]') else text
