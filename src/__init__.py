"""opcon-summit-connector: failed OpCon jobs become Symphony Summit incidents."""

__version__ = "0.1.0"
