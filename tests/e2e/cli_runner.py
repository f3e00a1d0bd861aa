"""The installed CLI the end-to-end tests run as a subprocess, and what one run of it gives back."""

import sys
from dataclasses import dataclass
from pathlib import Path

CLI = Path(sys.executable).with_name("summit-connector")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
